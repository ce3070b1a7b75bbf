namespace Surge.Lab.Topology;

/// <summary>Which stage to bring up, how big, and where.</summary>
public sealed record LabOptions
{
    /// <summary>Where the lab keeps its state file, logs and data when none is given.</summary>
    public const string DefaultDirectory = "/tmp/surge-lab";

    /// <summary>The stage, 1 to 8.</summary>
    public required int Stage { get; init; }

    /// <summary>The command that starts one app instance; the instance's own flags are added after it.</summary>
    public required IReadOnlyList<string> AppCommand { get; init; }

    /// <summary>How many app servers from stage 5 on (earlier stages have one).</summary>
    public int AppServers { get; init; } = 2;

    /// <summary>The servers given the bigger size (<c>--scale-up db</c>).</summary>
    public IReadOnlyList<string> ScaleUp { get; init; } = [];

    /// <summary>Leave out the index "my entries" needs, so the database is slow for a reason a query fix removes.</summary>
    public bool SlowQuery { get; init; }

    /// <summary>The folder of the state file, logs and data directories.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>The first three parts of every server's address; each server adds its own last part.</summary>
    public string AddressPrefix { get; init; } = "127.0.1.";

    /// <summary>The cgroup under which each server gets its own (<c>/sys/fs/cgroup/cpu/surge-lab/app1</c>).</summary>
    public string CgroupParent { get; init; } = ServerBox.DefaultParent;

    /// <summary>Settings given to every PostgreSQL of the lab (<c>-c name=value</c> each), after the lab's own.</summary>
    public IReadOnlyList<string> DatabaseSettings { get; init; } = [];

    /// <summary>How many users are seeded.</summary>
    public int Users { get; init; } = 10_000;

    /// <summary>About how many entries of past events are seeded.</summary>
    public int PastEntries { get; init; } = 300_000;

    /// <summary>The size of each of the home page's images.</summary>
    public int ImageBytes { get; init; } = 256 * 1024;

    /// <summary>The round trip added to the far static origin (stage 3 on), one half each way.</summary>
    public TimeSpan OriginRoundTrip { get; init; } = TimeSpan.FromMilliseconds(80);

    /// <summary>The far static origin's bandwidth per connection, in bytes per second.</summary>
    public int OriginBytesPerSecond { get; init; } = 2 * 1024 * 1024;

    /// <summary>Every error in the options, at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Stage is < 1 or > 8)
        {
            errors.Add($"--stage must be 1 to 8, not {Stage}");
        }

        if (AppServers is < 1 or > 8)
        {
            errors.Add($"--app-servers must be 1 to 8, not {AppServers}");
        }

        if (Stage is >= 1 and <= 8)
        {
            var names = LabPlan.For(this with { ScaleUp = [] }).Servers.Select(s => s.Name).ToList();
            errors.AddRange(ScaleUp.Where(n => !names.Contains(n)).Select(n => $"--scale-up {n}: stage {Stage} has no server of that name; it has {string.Join(", ", names)}"));
        }

        if (AddressPrefix.Split('.') is not [var a, var b, var c, ""] || a != "127" || !byte.TryParse(b, out _) || !byte.TryParse(c, out _))
        {
            errors.Add($"--address-prefix must be a loopback prefix like 127.0.1., not '{AddressPrefix}'");
        }

        return errors;
    }
}
