namespace Surge.Scripting.Yaml;

/// <summary>How a YAML data source picks the row an iteration uses (its <c>pick:</c> key).</summary>
internal enum DataPick
{
    /// <summary><c>per-vu</c> (the default): each VU keeps its own row, VU 1 row 1 and so on, wrapping around.</summary>
    PerVu,

    /// <summary><c>sequential</c>: each iteration of any VU takes the next row, wrapping around at the end.</summary>
    Sequential,

    /// <summary><c>random</c>: each iteration takes a row at random.</summary>
    Random,
}
