namespace Surge.Analysis;

/// <summary>Names one figure of a run: its group (<c>load</c>, <c>endpoint GET /fast</c>, <c>scenario default</c>, <c>target db</c>) and its name (<c>TPS</c>, <c>p95</c>).</summary>
/// <param name="Group">Where the figure belongs.</param>
/// <param name="Name">What it is.</param>
internal readonly record struct FigureKey(string Group, string Name)
{
    /// <summary>The whole load's group.</summary>
    public const string Load = "load";

    /// <summary>The group of one endpoint.</summary>
    public static string Endpoint(string method, string name) => $"endpoint {method} {name}";

    /// <summary>The group of one scenario.</summary>
    public static string Scenario(string name) => $"scenario {name}";

    /// <summary>The group of one monitored target.</summary>
    public static string Target(string label) => $"target {label}";

    /// <inheritdoc />
    public override string ToString() => $"{Group} {Name}";
}
