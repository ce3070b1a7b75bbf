using System.Net;

namespace Surge.Lab.Giveaway;

/// <summary>How one instance of the giveaway service runs: where it listens and which parts of the stage it uses.</summary>
/// <param name="Name">The server's name (<c>app1</c>); every answer carries it in <c>X-Served-By</c>.</param>
/// <param name="Listen">The address and port Kestrel binds.</param>
/// <param name="Database">The Npgsql connection string of the primary database (writes, and reads when nothing else serves them).</param>
/// <param name="Replica">The read replica's connection string, or null: it serves the reads that need no exact sync.</param>
/// <param name="Cache">The Redis endpoint (<c>host:port</c>), or null: it serves repeated reads.</param>
/// <param name="StaticUrl">Where the home page's images are fetched from (a static server or CDN), or null when this instance serves them.</param>
/// <param name="StaticDirectory">The folder holding <c>img/</c>, served when <paramref name="StaticUrl"/> is null.</param>
public sealed record GiveawayOptions(
    string Name,
    IPEndPoint Listen,
    string Database,
    string? Replica,
    string? Cache,
    Uri? StaticUrl,
    string StaticDirectory);
