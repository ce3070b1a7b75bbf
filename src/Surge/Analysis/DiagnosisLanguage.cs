using System.Globalization;

namespace Surge.Analysis;

/// <summary>The languages the diagnosis is written in, and how <c>--lang</c> and the locale pick one.</summary>
internal static class DiagnosisLanguage
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    /// <summary>The values <c>--lang</c> takes.</summary>
    public static readonly IReadOnlyList<string> Names = ["en", "ko"];

    /// <summary>English, the neutral resources.</summary>
    public static CultureInfo English { get; } = CultureInfo.InvariantCulture;

    /// <summary>
    /// Korean. The build sets InvariantGlobalization, under which <c>new CultureInfo("ko")</c> throws;
    /// <c>predefinedOnly: false</c> makes a culture named <c>ko</c> with invariant formats, which is all
    /// the ResourceManager needs to load the <c>ko</c> satellite assembly (a test proves it).
    /// </summary>
    public static CultureInfo Korean { get; } = CultureInfo.GetCultureInfo("ko", predefinedOnly: false);

    /// <summary>The culture of a <c>--lang</c> value (<c>en</c>, <c>ko</c>); null when it is neither.</summary>
    public static CultureInfo? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "en" or "english" => English,
        "ko" or "kr" or "korean" => Korean,
        _ => null,
    };

    /// <summary>
    /// The language of this user: Korean when the UI culture is Korean, or (as InvariantGlobalization hides
    /// the locale from CultureInfo) when LC_ALL, LC_MESSAGES or LANG names a Korean locale; English otherwise.
    /// </summary>
    public static CultureInfo FromEnvironment()
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko")
        {
            return Korean;
        }

        // The first set of these wins, as in POSIX locale lookup.
        var locale = LocaleVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return locale is not null && locale.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? Korean : English;
    }
}
