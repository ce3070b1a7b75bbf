namespace Surge.Execution;

/// <summary>The code a VU runs once per iteration (k6's exec function).</summary>
/// <param name="vu">The VU running the iteration.</param>
/// <param name="cancellationToken">Cancelled when the test interrupts the iteration.</param>
internal delegate ValueTask IterationFunc(Vu vu, CancellationToken cancellationToken);
