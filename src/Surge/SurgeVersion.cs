using System.Reflection;

namespace Surge;

/// <summary>The version of the Surge engine, as shown in banners and the User-Agent header.</summary>
internal static class SurgeVersion
{
    /// <summary>The informational version without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Value { get; } =
        (typeof(SurgeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];
}
