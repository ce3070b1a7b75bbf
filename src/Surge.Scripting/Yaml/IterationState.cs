using Surge.Execution;

namespace Surge.Scripting.Yaml;

/// <summary>
/// What one iteration of a YAML flow has seen: its VU, the values earlier steps extracted, and the
/// data row picked from each source. A new one starts with every iteration, so extracted values do
/// not leak from one iteration into the next (a flow logs in again each time, as k6's default
/// function would).
/// </summary>
internal sealed class IterationState
{
    private readonly Dictionary<string, string> _extracted = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string>?[] _rows;

    /// <summary>Starts an iteration's state.</summary>
    /// <param name="vu">The VU running it.</param>
    /// <param name="dataSources">How many data sources the file has.</param>
    public IterationState(Vu vu, int dataSources)
    {
        Vu = vu;
        _rows = new IReadOnlyDictionary<string, string>?[dataSources];
    }

    /// <summary>The VU running the iteration.</summary>
    public Vu Vu { get; }

    /// <summary>A value an earlier step extracted.</summary>
    /// <exception cref="KeyNotFoundException">No step extracted it in this iteration.</exception>
    public string Extracted(string name) =>
        _extracted.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"'{name}' has not been extracted in this iteration");

    /// <summary>Stores an extracted value for the steps after this one.</summary>
    public void Extract(string name, string value) => _extracted[name] = value;

    /// <summary>The row of a data source for this iteration, picked on first use so every reference sees the same row.</summary>
    public IReadOnlyDictionary<string, string> Row(DataSource source) => _rows[source.Index] ??= source.PickRow(Vu);
}
