using System.Net;

namespace Surge.Lab.Topology;

/// <summary>One "server" of a stage: a name, its own loopback address, a size, and the parts that run on it.</summary>
/// <param name="Name">The server's name (<c>app1</c>, <c>db</c>, <c>db-replica</c>, <c>static</c>, <c>cdn</c>, <c>lb</c>, <c>cache</c>).</param>
/// <param name="Address">Its loopback address (127.0.1.x).</param>
/// <param name="Size">Its instance size.</param>
/// <param name="Parts">What runs on it (stage 1's one server runs the app and the database).</param>
public sealed record LabServer(string Name, IPAddress Address, ServerSize Size, IReadOnlyList<PartKind> Parts);
