using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Surge.Cli.Tests.Support;
using Surge.IntegrationTests.Support;

namespace Surge.Cli.Tests.Commands;

/// <summary><c>surge agent</c>, <c>surge run --monitor</c> and <c>surge monitor</c>, run as a user would.</summary>
public sealed class MonitorCommandTests
{
    [Fact]
    public async Task Agent_ServesOnlyWithTheToken_AndARunShowsItsServerBesideTheLoad()
    {
        using var dir = new TempDirectory();
        var port = Ports.Free();
        using var agent = SurgeProcess.Start(dir.Path, "agent", "--listen", $"127.0.0.1:{port}", "--token", "s3cret", "--process", "no-such-app");
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var url = $"http://127.0.0.1:{port}/samples";
            await Ports.WaitUntilListeningAsync(port);

            using (var missing = await client.GetAsync(url))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            }

            using (var wrong = new HttpRequestMessage(HttpMethod.Get, url))
            {
                wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
                using var response = await client.SendAsync(wrong);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }

            using (var right = new HttpRequestMessage(HttpMethod.Get, url))
            {
                right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
                using var response = await client.SendAsync(right, HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                using var line = JsonDocument.Parse((await reader.ReadLineAsync())!);
                var host = line.RootElement.GetProperty("samples")[0];
                Assert.Equal("local", host.GetProperty("target").GetString());
                Assert.True(host.GetProperty("memoryTotalBytes").GetInt64() > 0);
            }

            var run = await SurgeProcess.RunAsync(
                dir.Path, "run", "--vus", "2", "--duration", "3s", "--monitor", $"web=agent://127.0.0.1:{port}", "--monitor-token", "s3cret",
                "--monitor", "self=local", "--summary-export", dir.File("summary.json"), "--out", dir.File("results.ndjson"));
            var refused = await SurgeProcess.RunAsync(
                dir.Path, "run", "--vus", "1", "--duration", "2s", "--monitor", $"web=agent://127.0.0.1:{port}?token=nope", "-q");

            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("monitors: web (agent://127.0.0.1:", run.Stderr, StringComparison.Ordinal);
            Assert.Matches(@"▸ web: CPU \d+%", run.Stderr);
            Assert.Single(run.Stderr.Split('\n'), l => l.Contains("monitor web/no-such-app (agent://127.0.0.1:", StringComparison.Ordinal)); // what the agent cannot read, said once
            Assert.Contains("█ SERVERS (sampled every second)", run.Stdout, StringComparison.Ordinal);
            Assert.Matches(@"web\.+: CPU avg \d+%, peak \d+%  memory peak", run.Stdout);
            using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
            var resources = summary.RootElement.GetProperty("surge").GetProperty("resources").EnumerateArray().ToList();
            Assert.Contains(resources, r => r.GetProperty("target").GetString() == "web" && r.GetProperty("samples").GetInt32() >= 1);
            Assert.Contains(resources, r => r.GetProperty("target").GetString() == "self");
            Assert.Contains(File.ReadLines(dir.File("results.ndjson")), l => l.StartsWith("{\"type\":\"resources\"", StringComparison.Ordinal));

            Assert.Equal(0, refused.ExitCode); // a source that fails never stops the test
            Assert.Single(refused.Stderr.Split('\n'), l => l.Contains("refused the token (401)", StringComparison.Ordinal));
        }
        finally
        {
            agent.Signal("INT");
            var stopped = await agent.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, stopped.ExitCode);
        }
    }

    [Fact]
    public async Task Monitor_WatchesTheHostWithoutLoad()
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, "monitor", "--monitor", "local", "--duration", "2s");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"00m0\d\.\ds  local: CPU \d+%  load [\d.]+  mem ", result.Stdout);
    }

    [CgroupFact]
    public async Task Monitor_ACgroupWithAHalfCoreQuota_ShowsItsCpuOfTheQuotaAndItsMemoryLimit()
    {
        using var dir = new TempDirectory();
        var group = TestCgroup.Create(quotaCores: 0.5, memoryLimitBytes: 256L * 1024 * 1024);
        try
        {
            group.StartBusyChild();
            await group.WaitForChildInsideAsync();

            var result = await SurgeProcess.RunAsync(dir.Path, "monitor", "--monitor", $"web=cgroup:{group.Path}", "--duration", "2s");

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Matches(@"00m0\d\.\ds  web: CPU \d+% of a 0\.5-core quota  mem [\d.]+ (B|KiB|MiB) / 256 MiB limit  throttled \d+% of periods, \d+ ms/s", result.Stdout);
        }
        finally
        {
            group.Dispose();
        }
    }

    [CgroupFact]
    public async Task Agent_ACgroup_ServesItsQuotaAndLimit()
    {
        using var dir = new TempDirectory();
        var group = TestCgroup.Create(quotaCores: 0.5, memoryLimitBytes: 256L * 1024 * 1024);
        var port = Ports.Free();
        using var agent = SurgeProcess.Start(dir.Path, "agent", "--listen", $"127.0.0.1:{port}", "--token", "s3cret", "--cgroup", $"api={group.Path}");
        try
        {
            await Ports.WaitUntilListeningAsync(port);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/samples");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            using var line = JsonDocument.Parse((await reader.ReadLineAsync())!);

            var api = line.RootElement.GetProperty("samples").EnumerateArray().Single(s => s.GetProperty("target").GetString() == "api");
            Assert.Equal("cgroup", api.GetProperty("kind").GetString());
            Assert.Equal(0.5, api.GetProperty("cpuQuotaCores").GetDouble());
            Assert.Equal(256L * 1024 * 1024, api.GetProperty("memoryLimitBytes").GetInt64());
        }
        finally
        {
            agent.Signal("INT");
            await agent.WaitAsync(TimeSpan.FromSeconds(20));
            group.Dispose();
        }
    }

    [Theory]
    [InlineData("agent --cgroup /sys/fs/cgroup/surge-no-such-group")]
    [InlineData("run --monitor cgroup:/sys/fs/cgroup/surge-no-such-group")]
    [InlineData("run --monitor cgroup:")]
    [InlineData("run --monitor agent://127.0.0.1:9661")]
    [InlineData("run --monitor pid:abc")]
    [InlineData("run --monitor process:")]
    [InlineData("run --monitor nonsense")]
    [InlineData("run --monitor prom://")]
    [InlineData("agent --listen nowhere")]
    public async Task BadMonitorInput_OneLineError_Exit104(string args)
    {
        using var dir = new TempDirectory();

        var result = await SurgeProcess.RunAsync(dir.Path, args.Split(' '));

        Assert.True(result.ExitCode == 104, $"{args}: exit {result.ExitCode}\n{result.Stderr}");
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
