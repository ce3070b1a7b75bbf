using Surge.Execution;

namespace Surge.Scenarios;

/// <summary>
/// A load test written in C#: one class in one <c>.cs</c> file, run with <c>surge run file.cs</c>.
/// Override <see cref="Options"/>, and write exec functions as public methods that take a
/// <see cref="Vu"/> and return a <see cref="Task"/>: <c>Default</c> runs unless a scenario names
/// another with <c>Exec</c>.
/// </summary>
/// <remarks>
/// <para>
/// One instance serves every VU of the run, so fields written in <see cref="SetupAsync"/> (a token,
/// ids created for the test) are what Setup hands to the VUs; treat them as read-only afterwards.
/// Per-VU state belongs in locals of the exec function, or in a dictionary keyed by <see cref="Vu.Id"/>.
/// </para>
/// <para>
/// Exec functions must not block a thread: await everything, and pause with <see cref="Vu.SleepAsync(double)"/>.
/// </para>
/// </remarks>
/// <example><code>
/// public sealed class Smoke : LoadTest
/// {
///     public override TestOptions Options => new() { Vus = 10, Duration = TimeSpan.FromSeconds(30) };
///
///     public async Task Default(Vu vu)
///     {
///         var response = await vu.Http.GetAsync("/items");
///         vu.Check(response, "status is 200", r => r.Status == 200);
///         await vu.SleepAsync(1);
///     }
/// }
/// </code></example>
public abstract class LoadTest
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string>?> LoadingEnv = new();

    /// <summary>Creates the test; <see cref="Env"/> is already set, so constructors and field initialisers can read it.</summary>
    protected LoadTest()
    {
        Env = LoadingEnv.Value ?? new Dictionary<string, string>();
    }

    /// <summary>The test's options: VUs and duration or scenarios, thresholds, goals, base URL.</summary>
    public virtual TestOptions Options => new();

    /// <summary>Environment variables: the process's, then <c>-e NAME=VALUE</c> flags (k6's <c>__ENV</c>).</summary>
    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Runs once before any VU starts (k6's <c>setup</c>). Store what the VUs need in fields.</summary>
    /// <param name="vu">A VU of its own (id 0) with an HTTP client, for logging in, creating test data...</param>
    public virtual Task SetupAsync(Vu vu) => Task.CompletedTask;

    /// <summary>
    /// Runs once after the scenarios end (k6's <c>teardown</c>), also after an abort, but not when
    /// Setup failed or the run was stopped hard (Ctrl+C twice). It gets 60 s.
    /// </summary>
    /// <param name="vu">A VU of its own (id 0).</param>
    public virtual Task TeardownAsync(Vu vu) => Task.CompletedTask;

    /// <summary>Creates a test class with <paramref name="env"/> as its <see cref="Env"/>.</summary>
    internal static LoadTest Create(Type type, IReadOnlyDictionary<string, string> env)
    {
        LoadingEnv.Value = env;
        try
        {
            return (LoadTest)Activator.CreateInstance(type)!;
        }
        finally
        {
            LoadingEnv.Value = null;
        }
    }

    /// <summary>The value of an environment variable, or <paramref name="fallback"/> when it is not set.</summary>
    public string EnvOr(string name, string fallback) => Env.TryGetValue(name, out var value) ? value : fallback;
}
