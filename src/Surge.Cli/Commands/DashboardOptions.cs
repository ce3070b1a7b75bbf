using System.CommandLine;
using Surge.Reports.Dashboard;

namespace Surge.Cli.Commands;

/// <summary>The live dashboard's options: where it listens, its token, and whether it stays up after the test.</summary>
internal sealed record DashboardOptions(string Listen, string? Token, bool Linger)
{
    public static Option<bool> Enable() => new("--dashboard") { Description = $"Show the test live in a browser (k6's web dashboard), at http://{DashboardServer.DefaultListen}." };

    public static Option<string?> ListenOption() => new("--dashboard-listen") { Description = $"Where the dashboard listens, HOST:PORT (default {DashboardServer.DefaultListen}; implies --dashboard). Not loopback: needs --dashboard-token." };

    public static Option<string?> TokenOption() => new("--dashboard-token") { Description = "The token the dashboard asks of every browser (?token=...); needed when it listens on an address other than loopback." };

    public static Option<bool> LingerOption() => new("--dashboard-linger") { Description = "Keep the dashboard up after the test, with its report to download, until Ctrl+C (implies --dashboard)." };

    /// <summary>The options given, or null when no dashboard was asked for.</summary>
    public static DashboardOptions? From(bool enabled, string? listen, string? token, bool linger) =>
        enabled || listen is not null || linger || token is not null
            ? new DashboardOptions(listen ?? DashboardServer.DefaultListen, token, linger)
            : null;
}
