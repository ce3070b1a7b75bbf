using System.CommandLine;
using System.Net;
using System.Reflection;
using Spectre.Console;
using Surge.Cli.Hosting;
using Surge.Lab.Giveaway;
using Surge.Lab.Topology;
using Surge.Outcome;

namespace Surge.Cli.Commands;

/// <summary><c>surge lab</c>: the eight stages of a growing web system, run on this machine with real parts.</summary>
internal static class LabCommand
{
    private static readonly Option<string> Directory = new("--lab-dir")
    {
        Description = $"The lab's folder: state file, logs, data (default {LabOptions.DefaultDirectory}).",
        DefaultValueFactory = _ => LabOptions.DefaultDirectory,
    };

    public static Command Create()
    {
        var command = new Command("lab", "The practice system: bring up one of the eight stages of a growing web system (real PostgreSQL, nginx, Redis and app servers) to load-test.")
        {
            Up(), Status(), Down(), Doctor(), Serve(), LabTourCommand.Create(new UpOptions()),
        };
        return command;
    }

    /// <summary>The command line that starts one app instance: this same program, <c>surge lab serve</c>.</summary>
    public static IReadOnlyList<string> AppCommand()
    {
        var path = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? [path, Assembly.GetEntryAssembly()!.Location, "lab", "serve"]
            : [path, "lab", "serve"];
    }

    /// <summary>The options of <c>up</c> (and the tour): stage sizes and where.</summary>
    public sealed class UpOptions
    {
        public Option<int> AppServers { get; } = new("--app-servers") { Description = "How many app servers from stage 5 on (default 2).", DefaultValueFactory = _ => 2 };

        public Option<string[]> ScaleUp { get; } = new("--scale-up") { Description = "Give this server twice the CPU and memory (e.g. --scale-up db). Repeatable." };

        public Option<bool> SlowQuery { get; } = new("--slow-query") { Description = "Leave out the index 'my entries' needs: a database slow for a reason a query fix removes." };

        public Option<int> Users { get; } = new("--users") { Description = "Users to seed (default 10000).", DefaultValueFactory = _ => 10_000 };

        public Option<int> PastEntries { get; } = new("--past-entries") { Description = "About how many past entries to seed (default 300000).", DefaultValueFactory = _ => 300_000 };

        public Option<string> AddressPrefix { get; } = new("--address-prefix") { Description = "The loopback prefix of the servers' addresses (default 127.0.1.).", DefaultValueFactory = _ => "127.0.1." };

        public Option<string> CgroupParent { get; } = new("--cgroup-parent") { Description = "The cgroup the servers' own groups are made in (default surge-lab).", DefaultValueFactory = _ => "surge-lab" };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { AppServers, ScaleUp, SlowQuery, Users, PastEntries, AddressPrefix, CgroupParent, Directory })
            {
                command.Options.Add(option);
            }
        }

        public LabOptions Read(ParseResult parse, int stage) => new()
        {
            Stage = stage,
            AppCommand = AppCommand(),
            AppServers = parse.GetValue(AppServers),
            ScaleUp = parse.GetValue(ScaleUp) ?? [],
            SlowQuery = parse.GetValue(SlowQuery),
            Users = parse.GetValue(Users),
            PastEntries = parse.GetValue(PastEntries),
            AddressPrefix = parse.GetValue(AddressPrefix)!,
            CgroupParent = parse.GetValue(CgroupParent)!,
            Directory = parse.GetValue(Directory)!,
        };
    }

    private static Command Up()
    {
        var stage = new Option<int>("--stage", "-s") { Description = "The stage, 1 to 8.", Required = true };
        var options = new UpOptions();
        var command = new Command("up", "Bring a stage up and keep it up until Ctrl+C (or 'surge lab down' from another shell).") { stage };
        options.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var lab = options.Read(parse, parse.GetValue(stage));
            using var exit = new ExitSignal();
            using var stopping = CancelledBy(exit.Signalled);
            RunningLab running;
            try
            {
                running = await RunningLab.UpAsync(lab, line => Consoles.Live.MarkupLine($"[grey]{Markup.Escape(line)}[/]"), stopping.Token);
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("surge: stopped while the lab came up; everything it started is stopped.");
                return ExitCodes.ExternalAbort;
            }

            await using (running)
            {
                Describe(running);
                await Console.Error.WriteLineAsync("Ready. Ctrl+C here, or 'surge lab down' from another shell, brings it down.");
                await exit.Signalled;
                await Console.Error.WriteLineAsync("bringing the lab down");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A token source cancelled when <paramref name="signal"/> completes (Ctrl+C or SIGTERM).</summary>
    public static CancellationTokenSource CancelledBy(Task signal)
    {
        var source = new CancellationTokenSource();
        _ = signal.ContinueWith(_ => source.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return source;
    }

    private static void Describe(RunningLab lab)
    {
        var plan = lab.Plan;
        Console.WriteLine($"stage {plan.Stage}: {LabPlan.Titles[plan.Stage - 1]}");
        var table = new Table().AddColumns("server", "address", "size", "runs");
        foreach (var server in plan.Servers)
        {
            table.AddRow(server.Name, server.Address.ToString(), lab.CgroupProblem is null ? server.Size.ToString() : "(pinned to a core)", string.Join(" + ", server.Parts));
        }

        Consoles.Summary.Write(table);
        Console.WriteLine($"front door: {plan.FrontDoorUrl}");
        if (lab.CgroupProblem is { } problem)
        {
            Console.WriteLine($"sizes not enforced: {problem}");
        }
        else
        {
            Console.WriteLine($"load and watch it: surge run samples/lab/giveaway.yaml --base-url {plan.FrontDoorUrl.ToString().TrimEnd('/')} --vus 20 --duration 30s {string.Join(' ', lab.MonitorFlags)}");
        }
    }

    private static Command Status()
    {
        var command = new Command("status", "Say whether a lab is up, its stage and servers, and whether each process runs.") { Directory };
        command.SetAction(parse =>
        {
            if (RunningLab.Status(parse.GetValue(Directory)!) is not { } status)
            {
                Console.WriteLine("no lab is up");
                return ExitCodes.Success;
            }

            Console.WriteLine($"stage {status.Stage}, front door {status.FrontDoor}, brought up {status.Started:u} by process {status.OwnerPid}{(status.OwnerAlive ? "" : " (gone: run 'surge lab down' to clean up)")}");
            foreach (var server in status.Servers)
            {
                var processes = string.Join(", ", server.Processes.Select(p => $"{p.Part} {p.Pid} {(p.Running ? "running" : "stopped")}"));
                Console.WriteLine($"  {server.Name,-10} {server.Address,-12} {server.Size,-18} {processes}{(server.Monitor is { } m ? $"  --monitor {server.Name}=cgroup:{m}" : "")}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Down()
    {
        var command = new Command("down", "Bring the lab down: stop its processes, remove its cgroups and data folders (also after the lab process was killed).") { Directory };
        command.SetAction(async (parse, _) =>
        {
            var any = await RunningLab.DownAsync(parse.GetValue(Directory)!, line => Consoles.Live.MarkupLine($"[grey]{Markup.Escape(line)}[/]"));
            Console.WriteLine(any ? "the lab is down" : "no lab was up");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Doctor()
    {
        var command = new Command("doctor", "Say what the lab needs from this machine, what is missing, and the apt-get line that brings it.");
        command.SetAction(_ =>
        {
            var checks = LabDoctor.Check();
            foreach (var check in checks)
            {
                Console.WriteLine($"  {(check.Present ? "ok     " : "MISSING")}  {check.Tool} (Debian package {check.Package}; stage {check.FromStage} on)");
            }

            Console.WriteLine(ServerBoxNote());
            var missing = checks.Where(c => !c.Present).ToList();
            if (missing.Count == 0)
            {
                Console.WriteLine("everything the lab needs is here");
                return ExitCodes.Success;
            }

            Console.WriteLine($"install what is missing with: {LabDoctor.InstallLine(missing)}");
            return ExitCodes.InvalidConfig;
        });
        return command;
    }

    private static string ServerBoxNote() => LabDoctor.WhySizesNotEnforced() is { } why
        ? $"  note     server sizes cannot be enforced here ({why}); servers are pinned to cores instead"
        : "  ok       server sizes are enforced by cgroups (CPU quota, memory limit)";

    private static Command Serve()
    {
        var name = new Option<string>("--name") { Required = true };
        var listen = new Option<string>("--listen") { Required = true };
        var database = new Option<string>("--db") { Required = true };
        var replica = new Option<string?>("--replica");
        var cache = new Option<string?>("--cache");
        var staticUrl = new Option<string?>("--static-url");
        var staticDirectory = new Option<string>("--static-dir") { Required = true };
        var command = new Command("serve", "Run one instance of the lab's giveaway service (the lab starts these).")
        {
            name, listen, database, replica, cache, staticUrl, staticDirectory,
        };
        command.Hidden = true;
        command.SetAction(async (parse, _) =>
        {
            using var exit = new ExitSignal();
            using var stop = CancelledBy(exit.Signalled);
            var options = new GiveawayOptions(
                parse.GetValue(name)!,
                IPEndPoint.Parse(parse.GetValue(listen)!),
                parse.GetValue(database)!,
                parse.GetValue(replica),
                parse.GetValue(cache),
                parse.GetValue(staticUrl) is { } url ? new Uri(url) : null,
                parse.GetValue(staticDirectory)!);
            await GiveawayService.RunAsync(options, stop.Token);
            return ExitCodes.Success;
        });
        return command;
    }
}
