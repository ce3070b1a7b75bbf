namespace Surge.Analysis.FindMax;

/// <summary>What a find-max step sets: the arrival rate (open model) or the number of VUs (closed model).</summary>
internal enum LoadModel
{
    /// <summary>Each step starts iterations at a constant rate (constant-arrival-rate), whatever the server does.</summary>
    Open,

    /// <summary>Each step runs a fixed number of looping VUs (constant-vus).</summary>
    Closed,
}
