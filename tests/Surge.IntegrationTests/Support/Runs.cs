using Surge.Execution;
using Surge.Execution.Executors;
using Surge.Http;
using Surge.Outcome;
using Surge.Run;

namespace Surge.IntegrationTests.Support;

/// <summary>Runs small, bounded tests against servers on 127.0.0.1.</summary>
internal static class Runs
{
    public static async Task<TestSummary> ConstantVusAsync(HttpRequest request, int vus, TimeSpan duration, HttpOptions? http = null) =>
        (await RunService.RunAsync(Plan(request, vus, duration, http), [])).Summary;

    /// <summary>
    /// Runs exactly <paramref name="iterations"/> requests shared by <paramref name="vus"/> VUs: a count a busy
    /// machine cannot change, where a short timed run may end before a slow start sent anything.
    /// </summary>
    public static async Task<TestSummary> IterationsAsync(HttpRequest request, int vus, int iterations)
    {
        var plan = Plan(request, vus, TimeSpan.FromSeconds(1)) with
        {
            Scenarios =
            [
                new Scenario(
                    "default",
                    new SharedIterationsOptions { Vus = vus, Iterations = iterations, MaxDuration = TimeSpan.FromSeconds(60) },
                    async (vu, ct) => await vu.Http.SendAsync(request)),
            ],
        };
        return (await RunService.RunAsync(plan, [])).Summary;
    }

    /// <summary>One VU runs <paramref name="iteration"/> once; the run ends when it returns (or after a minute).</summary>
    public static async Task<TestSummary> OnceAsync(HttpOptions http, Func<VuHttp, Task> iteration) =>
        (await RunService.RunAsync(
            new TestPlan
            {
                Scenarios =
                [
                    new Scenario(
                        "once",
                        new PerVuIterationsOptions { Vus = 1, Iterations = 1, MaxDuration = TimeSpan.FromMinutes(1), GracefulStop = TimeSpan.FromSeconds(5) },
                        async (vu, ct) => await iteration(vu.Http)),
                ],
                Http = http,
            },
            [])).Summary;

    public static TestPlan Plan(HttpRequest request, int vus, TimeSpan duration, HttpOptions? http = null) => new()
    {
        Scenarios =
        [
            new Scenario(
                "default",
                new ConstantVusOptions { Vus = vus, Duration = duration, GracefulStop = TimeSpan.FromSeconds(5) },
                async (vu, ct) => await vu.Http.SendAsync(request)),
        ],
        Http = http ?? new HttpOptions { DiscardResponseBodies = true },
        Target = request.Url.ToString(),
    };
}
