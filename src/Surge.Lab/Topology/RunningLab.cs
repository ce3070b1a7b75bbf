using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Surge.Lab.Giveaway;

namespace Surge.Lab.Topology;

/// <summary>
/// A stage of the lab brought up on this machine: each server sized by its cgroup on its own loopback address,
/// running real PostgreSQL, nginx, Redis and instances of the giveaway service. Disposing it brings it down.
/// </summary>
/// <remarks>
/// Every process, cgroup and folder is written to the state file as soon as it exists, so <see cref="DownAsync"/>
/// (another shell's <c>surge lab down</c>, or the next <c>up</c> after this process was killed) finds them all.
/// </remarks>
public sealed class RunningLab : IAsyncDisposable
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

    private async Task StartAsync(Action<string> progress, CancellationToken ct)
    {
        var useCgroups = CgroupProblem is null;
        if (!useCgroups)
        {
            progress($"servers are pinned to cores, not sized: {CgroupProblem}");
        }

        await FolderAsync("logs", own: false, ct);
        foreach (var server in Plan.Servers)
        {
            var box = ServerBox.Make(server, _options.CgroupParent, useCgroups, _boxes.Count);
            _boxes.Add(box);
            _state.Cgroups.AddRange(box.Folders);
            _state.Servers.Add(new LabState.StateServer(
                server.Name, server.Address.ToString(), server.Size.ToString(), string.Join(" + ", server.Parts), box.MonitorPath));
            _state.Write(_options.Directory);
        }

        var files = await FolderAsync("static-files", own: false, ct);
        GiveawayService.WriteImages(files, _options.ImageBytes);
        foreach (var box in _boxes)
        {
            foreach (var part in box.Server.Parts)
            {
                progress($"starting {Describe(part)} on {box.Server.Name} ({box.Server.Address}, {(box.Cpu is { } cpu ? $"core {cpu}" : box.Server.Size)})");
                await StartPartAsync(box, part, files, ct);
            }
        }

        await SmokeAsync(ct);
    }

    private async Task StartPartAsync(ServerBox box, PartKind part, string files, CancellationToken ct)
    {
        var server = box.Server;
        var log = Path.Combine(_options.Directory, "logs", $"{server.Name}-{part.ToString().ToLowerInvariant()}.log");
        switch (part)
        {
            case PartKind.Database:
            {
                var data = await FolderAsync(server.Name == "db" ? "db" : $"{server.Name}-db", own: true, ct);
                await LabProcess.RunToEndAsync(AsUser([Postgres.Tool("initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]), log, "initdb", ct);
                File.AppendAllText(Path.Combine(data, "pg_hba.conf"), "host all all 127.0.0.0/8 trust\nhost replication all 127.0.0.0/8 trust\n");
                await StartPostgresAsync(box, part, data, log, ct);
                await GiveawaySchema.SeedAsync(Unpooled(server), _options.Users, _options.PastEntries, _options.SlowQuery, ct);
                break;
            }

            case PartKind.Replica:
            {
                var data = Path.Combine(await FolderAsync("replica", own: true, ct), "data");
                var primary = Plan.Running(PartKind.Database)!;
                // A fast checkpoint: the default spreads it over minutes, and the replica would wait for it.
                await LabProcess.RunToEndAsync(
                    AsUser([Postgres.Tool("pg_basebackup"), "-h", primary.Address.ToString(), "-p", $"{LabPlan.DatabasePort}", "-U", "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast", "--no-sync"]),
                    log,
                    "pg_basebackup",
                    ct);
                await StartPostgresAsync(box, part, data, log, ct);
                break;
            }

            case PartKind.Cache:
            {
                var folder = await FolderAsync("cache", own: true, ct);
                var memory = Math.Max(16, server.Size.MemoryMiB / 2);
                await StartAsync(box, part, [
                    "redis-server", "--bind", $"{server.Address}", "--port", $"{LabPlan.CachePort}", "--save", "", "--appendonly", "no",
                    "--protected-mode", "no", "--daemonize", "no", "--dir", folder, "--maxmemory", $"{memory}mb", "--maxmemory-policy", "allkeys-lru",
                ], log, asUser: true, ct);
                break;
            }

            case PartKind.Static:
            {
                var folder = await NginxFolderAsync("static", ct);
                await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), NginxConfigs.Origin(folder, server.Address, files, _options.OriginBytesPerSecond), ct);
                await StartAsync(box, part, NginxConfigs.Command(folder), log, asUser: true, ct, LabPlan.OriginPort);
                _links.Add(new DelayLink(new IPEndPoint(server.Address, LabPlan.HttpPort), new IPEndPoint(server.Address, LabPlan.OriginPort), _options.OriginRoundTrip));
                break;
            }

            case PartKind.Cdn:
            {
                var folder = await NginxFolderAsync("cdn", ct);
                await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), NginxConfigs.Edge(folder, server.Address, Plan.Running(PartKind.Static)!.Address), ct);
                await StartAsync(box, part, NginxConfigs.Command(folder), log, asUser: true, ct);
                break;
            }

            case PartKind.LoadBalancer:
            {
                var folder = await NginxFolderAsync("lb", ct);
                await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), NginxConfigs.Balancer(folder, server.Address, Plan.AppServers.Select(a => a.Address)), ct);
                await StartAsync(box, part, NginxConfigs.Command(folder), log, asUser: true, ct);
                break;
            }

            case PartKind.App:
            {
                List<string> command = [.. _options.AppCommand, "--name", server.Name, "--listen", $"{server.Address}:{LabPlan.HttpPort}", "--db", DatabaseConnection, "--static-dir", files];
                if (ReplicaConnection is { } replica)
                {
                    command.AddRange(["--replica", replica]);
                }

                if (CacheEndpoint is { } cache)
                {
                    command.AddRange(["--cache", cache]);
                }

                if (StaticUrl is { } url)
                {
                    command.AddRange(["--static-url", url.ToString()]);
                }

                await StartAsync(box, part, command, log, asUser: false, ct);
                break;
            }
        }
    }

    private async Task StartPostgresAsync(ServerBox box, PartKind part, string data, string log, CancellationToken ct)
    {
        var server = box.Server;
        await StartAsync(box, part, [
            Postgres.Tool("postgres"), "-D", data, "-c", $"listen_addresses={server.Address}", "-c", $"port={LabPlan.DatabasePort}",
            "-c", "unix_socket_directories=", "-c", "max_connections=300", "-c", "shared_buffers=128MB",
            .. _options.DatabaseSettings.SelectMany(s => new[] { "-c", s }),
        ], log, asUser: true, ct);
        var connection = Unpooled(server);
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await using var open = new NpgsqlConnection(connection);
                await open.OpenAsync(ct);
                return;
            }
            catch (NpgsqlException) when (Stopwatch.GetElapsedTime(start) < StartLimit)
            {
                // Still starting up (or, for a replica, catching up before it accepts connections).
                await Task.Delay(200, ct);
            }
            catch (NpgsqlException exception)
            {
                throw new LabException($"PostgreSQL on {server.Name} accepts no connection: {exception.Message} (log: {log})");
            }
        }
    }

    private async Task StartAsync(ServerBox box, PartKind part, IReadOnlyList<string> command, string log, bool asUser, CancellationToken ct, int? port = null)
    {
        var pid = LabProcess.Start(box.Wrap(asUser ? AsUser(command) : command), log);
        var started = UnixProcesses.StartTicks(pid) ?? 0;
        _state.Processes.Add(new LabState.StateProcess(box.Server.Name, part, pid, started, log));
        _state.Write(_options.Directory);
        var endpoint = new IPEndPoint(box.Server.Address, port ?? Port(part));
        await LabProcess.WaitListeningAsync(endpoint, pid, started, $"{Describe(part)} on {box.Server.Name}", log, StartLimit, ct);
    }

    private async Task SmokeAsync(CancellationToken ct)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var path in new[] { "health", $"events/{GiveawaySchema.LiveEventId}" })
        {
            var response = await client.GetAsync(new Uri(Plan.FrontDoorUrl, path), ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new LabException($"the front door {Plan.FrontDoorUrl} answered {(int)response.StatusCode} to /{path}; see the logs in {Path.Combine(_options.Directory, "logs")}");
            }
        }
    }

    private IReadOnlyList<string> AsUser(IReadOnlyList<string> command) => _user is { } user ? user.Run(command) : command;

    private async Task<string> FolderAsync(string name, bool own, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetFullPath(_options.Directory), name);
        Directory.CreateDirectory(folder);
        if (name != "logs" && !_state.Folders.Contains(folder))
        {
            _state.Folders.Add(folder);
            _state.Write(_options.Directory);
        }

        if (own && _user is { } user)
        {
            await user.OwnAsync(folder, Path.Combine(_options.Directory, "logs", "lab.log"), ct);
        }

        return folder;
    }

    private async Task<string> NginxFolderAsync(string name, CancellationToken ct)
    {
        var folder = await FolderAsync(name, own: false, ct);
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        return await FolderAsync(name, own: true, ct);
    }

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
