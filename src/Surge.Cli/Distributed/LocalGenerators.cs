using System.Diagnostics;
using Surge.Distributed;
using Surge.Execution.Segments;

namespace Surge.Cli.Distributed;

/// <summary>
/// <c>surge run --generators N</c>: starts N <c>surge run</c> processes on this machine, each with the
/// same command line plus its <c>--execution-segment</c> and <c>--join</c>, exactly as generators on
/// other machines would be started. A process that ends before it has sent its last second is
/// counted out at once; one that fails before the start fails the run, with its own error line.
/// </summary>
internal sealed class LocalGenerators : IDisposable
{
    private static readonly TimeSpan EndWait = TimeSpan.FromSeconds(30);

    // The options this process keeps for itself (outputs, history, the split) and those it sets for each generator.
    private static readonly HashSet<string> ParentValueOptions =
        ["--generators", "--out", "-o", "--summary-export", "--history", "--tag", "--execution-segment", "--execution-segment-sequence", "--token", "--join", "--lang"];

    private static readonly HashSet<string> ParentFlags = ["--require-all", "--quiet", "-q", "--no-history"];

    private static readonly HashSet<string> MonitorOptions = ["--monitor", "-m", "--monitor-token"];

    private readonly List<Process> _processes = [];
    private readonly CancellationTokenSource _failed = new();

    private LocalGenerators()
    {
    }

    /// <summary>Cancelled when a generator ends before the start; <see cref="Failure"/> says why.</summary>
    public CancellationToken FailedBeforeStart => _failed.Token;

    /// <summary>The first generator's failure before the start, in its own words.</summary>
    public string? Failure { get; private set; }

    /// <summary>Starts one generator per segment of <paramref name="sequence"/>.</summary>
    public static LocalGenerators Start(IReadOnlyList<string> args, ExecutionSegmentSequence sequence, Uri join, string token, Aggregator aggregator)
    {
        var generators = new LocalGenerators();
        var self = Environment.ProcessPath ?? "surge";
        var viaDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        for (var i = 0; i < sequence.Segments.Count; i++)
        {
            var childArgs = ChildArguments(args, sequence.Segments[i].ToString(), sequence.ToString(), join, token, keepMonitors: i == 0);
            generators.Launch(StartInfo(self, viaDotnet, childArgs), i, sequence.Segments[i].ToString(), aggregator);
        }

        return generators;
    }

    /// <summary>How a generator process is started: this program with <paramref name="childArgs"/>.</summary>
    /// <remarks>
    /// The generators share this machine's cores, and each one's thread pool would add workers by hill climbing
    /// (trying more threads while the cores are busy with the others, and keeping them). At 100,000 VUs in six
    /// generators on two cores that came to about 30 threads in each, and the machine answered 2,300 requests a
    /// second instead of 33,000 with hill climbing off (bench/README.md, "Memory per VU"). So it is off in
    /// local generators, unless the environment says otherwise: the pool still adds a worker when its queue
    /// stops moving (a script that blocks its thread is then slower to get one).
    /// </remarks>
    internal static ProcessStartInfo StartInfo(string self, bool viaDotnet, IReadOnlyList<string> childArgs)
    {
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (viaDotnet)
        {
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (var arg in childArgs)
        {
            start.ArgumentList.Add(arg);
        }

        if (!start.Environment.ContainsKey(HillClimbingVariable) && !start.Environment.ContainsKey("COMPlus_HillClimbing_Disable"))
        {
            start.Environment[HillClimbingVariable] = "1";
        }

        return start;
    }

    /// <summary>The runtime's switch for the thread pool's hill climbing (1: off).</summary>
    internal const string HillClimbingVariable = "DOTNET_HillClimbing_Disable";

    /// <summary>A generator's command line: this one's, less what this process keeps, plus its segment and the aggregator.</summary>
    /// <param name="args">This process's arguments.</param>
    /// <param name="segment">The generator's segment.</param>
    /// <param name="sequence">The segments of all.</param>
    /// <param name="join">The aggregator.</param>
    /// <param name="token">The aggregator's token.</param>
    /// <param name="keepMonitors">True for the one generator that watches the servers (resource samples are not to be counted N times).</param>
    public static IReadOnlyList<string> ChildArguments(IReadOnlyList<string> args, string segment, string sequence, Uri join, string token, bool keepMonitors)
    {
        var child = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i].Split('=', 2)[0];
            var hasValue = args[i].Contains('=', StringComparison.Ordinal);
            if (ParentValueOptions.Contains(name) || (!keepMonitors && MonitorOptions.Contains(name)))
            {
                i += hasValue ? 0 : 1;
                continue;
            }

            if (!ParentFlags.Contains(name))
            {
                child.Add(args[i]);
            }
        }

        child.AddRange(["--execution-segment", segment, "--execution-segment-sequence", sequence, "--join", join.ToString(), "--token", token, "--quiet", "--no-history"]);
        return child;
    }

    /// <summary>Ends every generator still running, by its process id (the test did not start).</summary>
    public void Kill()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Waits for every generator to end (they end with the test), then ends any left, by its process id.</summary>
    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.WaitForExit(EndWait))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        _failed.Dispose();
    }

    private void Launch(ProcessStartInfo start, int index, string segment, Aggregator aggregator)
    {
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        string? lastError = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lastError = e.Data.StartsWith("surge: ", StringComparison.Ordinal) ? e.Data[7..] : e.Data;
                Console.Error.WriteLine($"surge: generator {index + 1} ({segment}): {lastError}");
            }
        };
        process.OutputDataReceived += (_, _) => { }; // its own summary: the merged one is this process's
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // its error lines read to the end
            var why = $"ended (exit code {process.ExitCode}){(lastError is null ? "" : $": {lastError}")}";
            if (!aggregator.StartTime.IsCompleted)
            {
                Failure ??= $"generator {index + 1} ({segment}) {why}";
                _failed.Cancel();
            }
            else
            {
                aggregator.Lose(index, why);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _processes.Add(process);
    }
}
