using System.Text.RegularExpressions;

namespace Surge.Analysis;

/// <summary>Whether two runs' targets name the same test: equal, but for the port of a server on this machine.</summary>
internal static partial class TargetIdentity
{
    /// <summary>True when <paramref name="first"/> and <paramref name="second"/> are the same test's target.</summary>
    public static bool Same(string first, string second) => Key(first) == Key(second);

    // A server on this machine gets a new port each start (the demo target always does): not another test.
    private static string Key(string target) => LoopbackPort().Replace(target, "$1");

    [GeneratedRegex(@"(//(?:127\.0\.0\.1|localhost|\[::1\])):\d+")]
    private static partial Regex LoopbackPort();
}
