using System.Runtime.CompilerServices;

namespace Surge.Scripting.Tests;

/// <summary>
/// Test classes here run in parallel, and Roslyn compiles a script on as many pool threads as it can get.
/// With the pool's minimum at the core count (2 on CI), a test run beside a compile waited over a second
/// for a thread and ended its 1 s scenario with no iteration done. The surge process runs one test at
/// a time and compiles before the load starts; this process needs threads to spare.
/// </summary>
internal static class ThreadPoolSetup
{
#pragma warning disable CA2255 // A test assembly's own setup, run once before any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RaiseMinimum()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
    }
}
