
namespace Surge.Analysis.FindMax;

/// <summary>Why a find-max search ended.</summary>
internal enum SearchEnd
{
    /// <summary>The found level held its confirmation step.</summary>
    Confirmed,

    /// <summary>The found level failed its confirmation and no lower passing level was left to fall back on.</summary>
    NotConfirmed,

    /// <summary>Even the first level failed.</summary>
    NothingPassed,

    /// <summary>A step was limited by the load generator: higher levels would measure Surge, not the server.</summary>
    GeneratorLimit,

    /// <summary>Stopped from outside (Ctrl+C) or by the script.</summary>
    Stopped,

    /// <summary>The bound on the number of steps was reached.</summary>
    StepLimit,
}
