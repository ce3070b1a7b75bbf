namespace Surge.Execution;

/// <summary>Starts and stops the VUs of one scenario according to its options.</summary>
internal interface IExecutor
{
    /// <summary>Runs the scenario to its end, honouring graceful and hard stops of the test.</summary>
    Task RunAsync(CancellationToken gracefulStop, CancellationToken hardStop);
}
