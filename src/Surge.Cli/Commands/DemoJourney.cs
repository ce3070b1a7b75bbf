using Surge.Execution;
using Surge.Http;

namespace Surge.Cli.Commands;

/// <summary>What <c>surge run</c> does with no URL: each iteration visits every demo endpoint once.</summary>
internal static class DemoJourney
{
    public static readonly IReadOnlyList<string> Paths = ["/fast", "/slow", "/cpu", "/flaky"];

    public static IterationFunc Create(Uri baseUrl)
    {
        var requests = Paths.Select(path => new HttpRequest("GET", new Uri(baseUrl, path)) { Name = path }).ToArray();
        return async (vu, cancellationToken) =>
        {
            foreach (var request in requests)
            {
                await vu.Http.SendAsync(request);
            }
        };
    }
}
