using System.Net;
using System.Net.Sockets;
using Surge.Lab.Topology;

namespace Surge.Lab.Tests.Support;

/// <summary>Lab options for a test (small data, its own folder, addresses and cgroup parent) and the check that nothing is left.</summary>
internal static class TestLab
{
    /// <summary>Addresses no one else on the machine uses for a lab.</summary>
    public const string AddressPrefix = "127.0.9.";

    private static readonly List<string> Folders = [];

    static TestLab()
    {
        // Each lab leaves its logs behind on purpose; the tests' own go when the test run ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Folders)
            {
                Folders.Where(Directory.Exists).ToList().ForEach(f => Directory.Delete(f, recursive: true));
            }
        };
    }

    public static LabOptions Options(int stage, int appServers = 2) => Remembered(new()
    {
        Stage = stage,
        AppCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "Surge.Cli.dll"), "lab", "serve"],
        AppServers = appServers,
        // In /tmp, not TMPDIR: the servers run as 'nobody', who must be able to enter every folder above.
        Directory = $"/tmp/surge-lab-test-{Guid.NewGuid():N}",
        AddressPrefix = AddressPrefix,
        CgroupParent = $"surge-lab-test-{Guid.NewGuid():N}",
        Users = 500,
        PastEntries = 5_000,
        ImageBytes = 32 * 1024,
        OriginRoundTrip = TimeSpan.FromMilliseconds(20),
    });

    private static LabOptions Remembered(LabOptions options)
    {
        lock (Folders)
        {
            Folders.Add(options.Directory);
        }

        return options;
    }

    /// <summary>What a lab made, read from its state while it is up, to check after it is down.</summary>
    public static Footprint Record(LabOptions options, LabPlan plan)
    {
        var status = RunningLab.Status(options.Directory) ?? throw new InvalidOperationException("no state while the lab is up");
        var processes = status.Servers.SelectMany(s => s.Processes.Select(p => p.Pid)).ToList();
        var endpoints = plan.Servers.SelectMany(s => s.Parts.Select(p => new IPEndPoint(s.Address, p switch
        {
            PartKind.Database or PartKind.Replica => LabPlan.DatabasePort,
            PartKind.Cache => LabPlan.CachePort,
            _ => LabPlan.HttpPort,
        }))).ToList();
        var cgroups = new[] { "", "cpu", "cpuacct", "memory" }
            .Select(h => Path.Combine("/sys/fs/cgroup", h, options.CgroupParent))
            .Where(Directory.Exists)
            .SelectMany(p => Directory.EnumerateDirectories(p).Append(p))
            .ToList();
        var folders = Directory.EnumerateDirectories(options.Directory).Where(d => Path.GetFileName(d) != "logs").ToList();
        return new Footprint(options.Directory, processes, endpoints, cgroups, folders);
    }

    /// <summary>A lab's processes, ports, cgroups and folders.</summary>
    public sealed record Footprint(string Directory, IReadOnlyList<int> Processes, IReadOnlyList<IPEndPoint> Endpoints, IReadOnlyList<string> Cgroups, IReadOnlyList<string> Folders)
    {
        public void AssertNothingLeft()
        {
            Assert.NotEmpty(Processes);
            Assert.NotEmpty(Folders);
            Assert.False(File.Exists(Path.Combine(Directory, "state.json")), "the state file is left");
            Assert.All(Processes, pid => Assert.False(Running(pid), $"process {pid} still runs"));
            Assert.All(Cgroups, c => Assert.False(System.IO.Directory.Exists(c), $"the cgroup {c} is left"));
            Assert.All(Folders, f => Assert.False(System.IO.Directory.Exists(f), $"the folder {f} is left"));
            Assert.All(Endpoints, e => Assert.False(Listening(e), $"something still listens on {e}"));
        }

        private static bool Running(int pid)
        {
            // A zombie (an orphan whose new parent has not reaped it yet) runs nothing and holds no port.
            var stat = $"/proc/{pid}/stat";
            return File.Exists(stat) && File.ReadAllText(stat) is var text && text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }

        private static bool Listening(IPEndPoint endpoint)
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(endpoint);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
