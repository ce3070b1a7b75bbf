using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Surge.IntegrationTests.Monitoring;

/// <summary>The Debian <c>prometheus-node-exporter</c> binary, run on a free 127.0.0.1 port with the collectors Surge reads.</summary>
public sealed class NodeExporterProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-node-exporter";

    private static readonly string[] Collectors = ["cpu", "meminfo", "loadavg", "netdev", "diskstats", "netstat"];
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeExporterProcess(int port)
    {
        MetricsUrl = new Uri($"http://127.0.0.1:{port}/metrics");
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        start.ArgumentList.Add("--collector.disable-defaults");
        foreach (var collector in Collectors)
        {
            start.ArgumentList.Add($"--collector.{collector}");
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri MetricsUrl { get; }

    /// <summary>What the exporter logged, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the exporter and waits until <c>/metrics</c> answers, at most 10 s.</summary>
    public static async Task<NodeExporterProcess> StartAsync()
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing; install it with: apt-get install -y prometheus-node-exporter");
        var exporter = new NodeExporterProcess(FreePort());
        try
        {
            await exporter.WaitUntilAnsweringAsync(TimeSpan.FromSeconds(10));
            return exporter;
        }
        catch
        {
            await exporter.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(bounded.Token);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{Binary} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(MetricsUrl);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{Binary} did not answer on {MetricsUrl} within {limit.TotalSeconds} s:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
