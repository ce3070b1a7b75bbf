using System.Text.Json;
using Surge.Http;

namespace Surge.Scripting.Yaml;

/// <summary>One entry of a step's <c>checks:</c>, ready to run: its name in the <c>checks</c> metric and its test.</summary>
internal sealed class ResponseCheck
{
    private readonly Func<HttpResponse, IterationState, bool> _test;

    /// <summary>Creates a check.</summary>
    /// <param name="name">Its name in the <c>checks</c> metric.</param>
    /// <param name="test">True when the response passes.</param>
    public ResponseCheck(string name, Func<HttpResponse, IterationState, bool> test)
    {
        Name = name;
        _test = test;
    }

    /// <summary>The check's name (its <c>check</c> tag).</summary>
    public string Name { get; }

    /// <summary>True when it reads the body, which <c>discardResponseBodies</c> leaves empty.</summary>
    public bool ReadsBody { get; init; }

    /// <summary>Tests a response; a body that is not JSON fails a JSON path check rather than the iteration.</summary>
    public bool Passes(HttpResponse response, IterationState state)
    {
        try
        {
            return _test(response, state);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
