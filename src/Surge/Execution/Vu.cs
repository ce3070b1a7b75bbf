using Surge.Http;

namespace Surge.Execution;

/// <summary>A virtual user: an async loop that runs iterations one after another with its own HTTP session.</summary>
public sealed class Vu : IDisposable
{
    internal Vu(int id, string scenario, HttpSession http)
    {
        Id = id;
        Scenario = scenario;
        Http = http;
    }

    /// <summary>The VU's number in its scenario, from 1.</summary>
    public int Id { get; }

    /// <summary>The scenario the VU belongs to.</summary>
    public string Scenario { get; }

    /// <summary>The number of the iteration being run by this VU, from 0.</summary>
    public long Iteration { get; internal set; }

    /// <summary>The VU's HTTP client: one keep-alive connection per origin, every request recorded.</summary>
    public HttpSession Http { get; }

    /// <inheritdoc />
    public void Dispose() => Http.Dispose();
}
