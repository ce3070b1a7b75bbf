using System.Net;

namespace Surge.Lab.Topology;

/// <summary>The servers of a stage and where its users come in: the seed's eight stages as processes on this machine.</summary>
/// <param name="Stage">The stage, 1 to 8.</param>
/// <param name="Servers">The servers, in the order they start.</param>
/// <param name="FrontDoor">The server the users' requests go to.</param>
public sealed record LabPlan(int Stage, IReadOnlyList<LabServer> Servers, LabServer FrontDoor)
{
    /// <summary>The port of every HTTP server of the lab (each on its own address).</summary>
    public const int HttpPort = 8080;

    /// <summary>The port nginx of the far static origin listens on, behind the delaying link on <see cref="HttpPort"/>.</summary>
    public const int OriginPort = 8081;

    /// <summary>The PostgreSQL port.</summary>
    public const int DatabasePort = 5432;

    /// <summary>The Redis port.</summary>
    public const int CachePort = 6379;

    /// <summary>One line per stage: what it adds.</summary>
    public static readonly IReadOnlyList<string> Titles =
    [
        "one server runs the web front, the back end and the database",
        "the database moves to its own server",
        "static files move to a file server (far away)",
        "a CDN edge caches the static files near the users",
        "more app servers, but users still reach app1 only",
        "a load balancer spreads users over the app servers",
        "a read replica takes the reads that need no exact sync",
        "a cache server takes repeated reads off the database",
    ];

    /// <summary>The base URL users reach.</summary>
    public Uri FrontDoorUrl => new($"http://{FrontDoor.Address}:{HttpPort}/");

    /// <summary>The server running <paramref name="kind"/>, or null when the stage has none.</summary>
    public LabServer? Running(PartKind kind) => Servers.FirstOrDefault(s => s.Parts.Contains(kind));

    /// <summary>The app servers.</summary>
    public IEnumerable<LabServer> AppServers => Servers.Where(s => s.Parts.Contains(PartKind.App));

    /// <summary>The plan of <paramref name="options"/>' stage.</summary>
    public static LabPlan For(LabOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stage = options.Stage;
        var servers = new List<LabServer>();
        void Add(string name, int lastByte, ServerSize size, params PartKind[] parts) => servers.Add(new LabServer(
            name,
            IPAddress.Parse($"{options.AddressPrefix}{lastByte}"),
            options.ScaleUp.Contains(name) ? size.ScaledUp() : size,
            parts));

        if (stage == 1)
        {
            Add("app1", 11, ServerSize.SmallDatabase, PartKind.Database, PartKind.App);
            return new LabPlan(stage, servers, servers[0]);
        }

        Add("db", 2, ServerSize.SmallDatabase, PartKind.Database);
        if (stage >= 7)
        {
            Add("db-replica", 3, ServerSize.SmallDatabase, PartKind.Replica);
        }

        if (stage >= 8)
        {
            Add("cache", 7, ServerSize.Small, PartKind.Cache);
        }

        if (stage >= 3)
        {
            Add("static", 4, ServerSize.Small, PartKind.Static);
        }

        if (stage >= 4)
        {
            Add("cdn", 5, ServerSize.Small, PartKind.Cdn);
        }

        var apps = stage >= 5 ? options.AppServers : 1;
        for (var i = 1; i <= apps; i++)
        {
            Add($"app{i}", 10 + i, ServerSize.Small, PartKind.App);
        }

        if (stage >= 6)
        {
            Add("lb", 6, ServerSize.Small, PartKind.LoadBalancer);
        }

        return new LabPlan(stage, servers, stage >= 6 ? servers[^1] : servers.First(s => s.Name == "app1"));
    }
}
