using System.Globalization;
using System.Resources;

namespace Surge.Outcome;

/// <summary>A language the diagnosis is written in, and how <c>--lang</c> and the locale pick one.</summary>
/// <remarks>
/// The build sets InvariantGlobalization, under which no culture but the invariant one can be made
/// (<c>CultureInfo.GetCultureInfo("ko")</c> throws, with or without <c>predefinedOnly</c>), so a
/// ResourceManager can never be asked for a <c>ko</c> satellite. Each language's resources are therefore
/// embedded in Surge.dll itself under their own name (<c>Surge.Outcome.DiagnosisText.ko.resources</c>,
/// see Surge.csproj) and read with the invariant culture: the language is chosen by resource name, not
/// by culture lookup, which works the same with or without globalization data.
/// </remarks>
internal sealed class DiagnosisLanguage
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    private readonly ResourceManager _resources;

    private DiagnosisLanguage(string name, string resources)
    {
        Name = name;
        _resources = new ResourceManager(resources, typeof(DiagnosisLanguage).Assembly);
    }

    /// <summary>English: DiagnosisText.resx.</summary>
    public static DiagnosisLanguage English { get; } = new("en", "Surge.Outcome.DiagnosisText");

    /// <summary>Korean: DiagnosisText.ko.resx.</summary>
    public static DiagnosisLanguage Korean { get; } = new("ko", "Surge.Outcome.DiagnosisText.ko");

    /// <summary>The values <c>--lang</c> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = ["en", "ko"];

    /// <summary>The language's code: <c>en</c>, <c>ko</c>.</summary>
    public string Name { get; }

    /// <summary>The language of a <c>--lang</c> value (<c>en</c>, <c>ko</c>); null when it is neither.</summary>
    public static DiagnosisLanguage? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "en" or "english" => English,
        "ko" or "kr" or "korean" => Korean,
        _ => null,
    };

    /// <summary>
    /// The language of this user: Korean when the UI culture is Korean or (as InvariantGlobalization hides
    /// the locale from CultureInfo) when LC_ALL, LC_MESSAGES or LANG names a Korean locale; English otherwise.
    /// </summary>
    public static DiagnosisLanguage FromEnvironment()
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ko")
        {
            return Korean;
        }

        // The first of these that is set wins, as in POSIX locale lookup.
        var locale = LocaleVariables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        return locale is not null && locale.StartsWith("ko", StringComparison.OrdinalIgnoreCase) ? Korean : English;
    }

    /// <summary>A text of this language; English where this language lacks it.</summary>
    internal string Text(string name) =>
        _resources.GetString(name, CultureInfo.InvariantCulture)
        ?? (this == English ? null : English.Text(name))
        ?? throw new InvalidOperationException($"DiagnosisText has no '{name}'");
}
