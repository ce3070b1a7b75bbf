using System.Net.Sockets;

namespace Surge.Lab.Topology;

/// <summary>
/// A stage of the lab brought up on this machine: each server sized by its cgroup on its own loopback address,
/// running real PostgreSQL, nginx, Redis and instances of the giveaway service. Disposing it brings it down.
/// </summary>
/// <remarks>
/// Every process, cgroup and folder is written to the state file as soon as it exists, so <see cref="DownAsync"/>
/// (another shell's <c>surge lab down</c>, or the next <c>up</c> after this process was killed) finds them all.
/// </remarks>
public sealed partial class RunningLab : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);

    private readonly LabOptions _options;
    private readonly LabState _state;
    private readonly List<ServerBox> _boxes = [];
    private readonly List<DelayLink> _links = [];
    private readonly LabUser? _user;
    private bool _down;

    private RunningLab(LabOptions options, LabPlan plan, LabState state, string? cgroupProblem)
    {
        _options = options;
        Plan = plan;
        _state = state;
        CgroupProblem = cgroupProblem;
        _user = LabUser.ForThisProcess();
    }

    /// <summary>The stage's servers and front door.</summary>
    public LabPlan Plan { get; }

    /// <summary>Why the servers are sized by CPU affinity rather than cgroups, or null when cgroups size them.</summary>
    public string? CgroupProblem { get; }

    /// <summary>The <c>--monitor</c> flag of each server (empty under the CPU affinity fallback).</summary>
    public IReadOnlyList<string> MonitorFlags => _boxes.Where(b => b.MonitorPath is not null).Select(b => $"--monitor {b.Server.Name}=cgroup:{b.MonitorPath}").ToList();

    /// <summary>The primary database's connection string.</summary>
    public string DatabaseConnection => Connection(Plan.Running(PartKind.Database)!);

    /// <summary>The replica's connection string, or null before stage 7.</summary>
    public string? ReplicaConnection => Plan.Running(PartKind.Replica) is { } replica ? Connection(replica) : null;

    /// <summary>The Redis endpoint, or null before stage 8.</summary>
    public string? CacheEndpoint => Plan.Running(PartKind.Cache) is { } cache ? $"{cache.Address}:{LabPlan.CachePort}" : null;

    /// <summary>Where the home page's images come from: the CDN edge, the far origin, or the app itself (null).</summary>
    public Uri? StaticUrl => (Plan.Running(PartKind.Cdn) ?? Plan.Running(PartKind.Static)) is { } server ? new Uri($"http://{server.Address}:{LabPlan.HttpPort}/") : null;

    /// <summary>Brings the stage up; on any failure everything started so far is stopped before the error is thrown.</summary>
    /// <param name="options">The stage and its sizes.</param>
    /// <param name="progress">Receives a line per step.</param>
    /// <param name="cancellationToken">Stops bringing it up (what was started is stopped).</param>
    public static async Task<RunningLab> UpAsync(LabOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Validate() is [var first, ..])
        {
            throw new LabException(first);
        }

        if (LabDoctor.Missing(options.Stage) is [var missing, ..] all)
        {
            throw new LabException($"{string.Join(", ", all.Select(m => m.Tool))} {(all.Count == 1 ? "is" : "are")} missing; install with: {LabDoctor.InstallLine(all)}");
        }

        Directory.CreateDirectory(options.Directory);
        LabUser.ForThisProcess()?.EnsureCanReach(options.Directory);
        if (LabState.Read(options.Directory) is { } previous)
        {
            if (previous.OwnerAlive)
            {
                throw new LabException($"a lab is already up (stage {previous.Stage}, brought up by process {previous.OwnerPid}, front door {previous.FrontDoor}); run 'surge lab down' first");
            }

            progress($"cleaning up what a lab stopped without going down left (process {previous.OwnerPid})");
            await DownAsync(options.Directory, progress);
        }

        var plan = LabPlan.For(options);
        CheckPortsFree(plan);
        var state = new LabState
        {
            OwnerPid = Environment.ProcessId,
            OwnerStartTicks = UnixProcesses.StartTicks(Environment.ProcessId) ?? 0,
            Stage = options.Stage,
            FrontDoor = plan.FrontDoorUrl.ToString(),
            Started = DateTimeOffset.UtcNow,
            CgroupParent = options.CgroupParent,
        };
        var lab = new RunningLab(options, plan, state, ServerBox.WhyNoCgroups(options.CgroupParent));
        state.Write(options.Directory);
        try
        {
            await lab.StartAsync(progress, cancellationToken);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Brings down the lab whose state is in <paramref name="directory"/>: asks its owner to stop when it still
    /// runs, then stops every process left, removes the cgroups and the data folders. Returns false when there was no lab.
    /// </summary>
    public static async Task<bool> DownAsync(string directory, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var state = LabState.Read(directory);
        if (state is null)
        {
            return false;
        }

        if (state.OwnerPid != Environment.ProcessId && state.OwnerAlive)
        {
            // The owner stops its servers in order and removes the state; what it leaves after a minute is ours.
            progress($"asking the lab's process {state.OwnerPid} to bring it down");
            await UnixProcesses.StopAsync(state.OwnerPid, state.OwnerStartTicks, UnixProcesses.SigTerm, TimeSpan.FromSeconds(60));
            state = LabState.Read(directory);
            if (state is null)
            {
                return true;
            }
        }

        await StopAllAsync(state, progress);
        File.Delete(LabState.PathIn(directory));
        return true;
    }

    /// <summary>What <c>surge lab status</c> reads: the state of the lab in <paramref name="directory"/>, or null when none is up.</summary>
    public static LabStatus? Status(string directory)
    {
        if (LabState.Read(directory) is not { } state)
        {
            return null;
        }

        return new LabStatus(
            state.Stage,
            state.FrontDoor,
            state.OwnerPid,
            state.OwnerAlive,
            state.Started,
            state.Servers.Select(s => new LabStatus.Server(
                s.Name,
                s.Address,
                s.Size,
                s.Parts,
                s.Monitor,
                state.Processes.Where(p => p.Server == s.Name).Select(p => (p.Part, p.Pid, UnixProcesses.IsAlive(p.Pid, p.StartTicks))).ToList())).ToList());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_down)
        {
            return;
        }

        _down = true;
        foreach (var link in _links)
        {
            await link.DisposeAsync();
        }

        await StopAllAsync(_state, _ => { });
        File.Delete(LabState.PathIn(_options.Directory));
    }

    private static async Task StopAllAsync(LabState state, Action<string> progress)
    {
        // Front to back: the load balancer and the apps before the databases they use.
        foreach (var process in Enumerable.Reverse(state.Processes))
        {
            var signal = process.Part is PartKind.Database or PartKind.Replica ? UnixProcesses.SigInt : UnixProcesses.SigTerm;
            if (UnixProcesses.IsAlive(process.Pid, process.StartTicks))
            {
                progress($"stopping {process.Part} on {process.Server} (process {process.Pid})");
                await UnixProcesses.StopAsync(process.Pid, process.StartTicks, signal, TimeSpan.FromSeconds(10));
            }
        }

        await ServerBox.RemoveAsync(state.Cgroups.Concat(ServerBox.Existing(state.CgroupParent)).Distinct().ToList());
        ServerBox.RemoveParent(state.CgroupParent);
        foreach (var folder in state.Folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void CheckPortsFree(LabPlan plan)
    {
        foreach (var server in plan.Servers)
        {
            foreach (var port in server.Parts.Select(Port).Append(server.Parts.Contains(PartKind.Static) ? LabPlan.OriginPort : 0).Where(p => p > 0).Distinct())
            {
                var listener = new TcpListener(server.Address, port);
                try
                {
                    listener.Start();
                }
                catch (SocketException exception)
                {
                    throw new LabException($"{server.Address}:{port} ({server.Name}) cannot be used: {exception.Message}; stop what listens there, or give the lab other addresses (--address-prefix 127.0.2.)");
                }
                finally
                {
                    listener.Stop();
                }
            }
        }
    }

    private static int Port(PartKind part) => part switch
    {
        PartKind.Database or PartKind.Replica => LabPlan.DatabasePort,
        PartKind.Cache => LabPlan.CachePort,
        _ => LabPlan.HttpPort,
    };

    private static string Connection(LabServer server) =>
        $"Host={server.Address};Port={LabPlan.DatabasePort};Username=postgres;Database=postgres;Maximum Pool Size=40;Timeout=15;Command Timeout=30";

    /// <summary>
    /// The lab's own connections are not pooled: a pooled one could outlive the server of a previous lab on the
    /// same address and fail its first command.
    /// </summary>
    private static string Unpooled(LabServer server) => Connection(server) + ";Pooling=false";

    private static string Describe(PartKind part) => part switch
    {
        PartKind.App => "the giveaway service",
        PartKind.Database => "PostgreSQL",
        PartKind.Replica => "the PostgreSQL replica",
        PartKind.Static => "nginx (far static origin)",
        PartKind.Cdn => "nginx (CDN edge)",
        PartKind.LoadBalancer => "nginx (load balancer)",
        PartKind.Cache => "Redis",
        _ => part.ToString(),
    };
}
