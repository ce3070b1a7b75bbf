using System.Diagnostics;
using System.Net;
using Npgsql;
using Surge.Lab.Giveaway;

namespace Surge.Lab.Topology;

/// <summary>Bringing up a lab's servers: folders, processes in their cgroups, and the check that each answers.</summary>
public sealed partial class RunningLab
{
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
}
