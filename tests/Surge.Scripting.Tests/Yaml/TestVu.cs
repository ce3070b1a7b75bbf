using System.Text;
using Surge.Execution;
using Surge.Http;
using Surge.Metrics;
using Surge.Scripting.Yaml;

namespace Surge.Scripting.Tests.Yaml;

/// <summary>A VU outside any run, for rendering templates and testing checks and extractors against made-up responses.</summary>
internal sealed class TestVu : IDisposable
{
    private readonly TestRunControl _control = new();
    private readonly RunContext _context;

    public TestVu(IReadOnlyDictionary<string, string>? env = null, int id = 1, string scenario = "default", Uri? baseUrl = null)
    {
        _context = new RunContext(Surge.Execution.Timing.RunClock.System, new TestPlan { Scenarios = [], Http = new HttpOptions { BaseUrl = baseUrl } }, _control, new RunEvents());
        Vu = new Vu(id, id, scenario, _context, TagSet.Empty, env ?? new Dictionary<string, string>());
    }

    public Vu Vu { get; }

    public IterationState State(int dataSources = 0) => new(Vu, dataSources);

    public static HttpResponse Response(int status, string body = "", double durationMs = 1, params (string Name, string Value)[] headers) =>
        new(
            status,
            [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
            Encoding.UTF8.GetBytes(body),
            new HttpTimings(0, 0, 0, 0, (long)(durationMs * 1000), 0),
            HttpErrorKind.None,
            null);

    public void Dispose()
    {
        Vu.Dispose();
        _context.Dispose();
        _control.Dispose();
    }
}
