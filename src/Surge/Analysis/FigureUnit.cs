namespace Surge.Analysis;

/// <summary>What a figure's number counts.</summary>
internal enum FigureUnit
{
    /// <summary>Events per second (TPS, iterations per second).</summary>
    PerSecond,

    /// <summary>A duration in milliseconds.</summary>
    Milliseconds,

    /// <summary>A share in percent, 0–100 (errors; CPU, which may pass 100 for processes on several cores).</summary>
    Percent,

    /// <summary>Bytes (memory).</summary>
    Bytes,
}
