using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Surge.Scripting.CSharp;

/// <summary>
/// Code that compiles but is almost surely a mistake in a load test: a call that blocks its thread
/// (<c>Thread.Sleep</c>, <c>.Result</c>, <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>), which stalls
/// the socket thread that many VUs share, and a task that is not awaited (CS4014), which outlives its
/// iteration and collides with the VU's next request. Each is one line that starts with its place in
/// the file, <c>(12,9): Thread.Sleep blocks ...</c>, so that a cached copy fits whatever path the file
/// is run by next time.
/// </summary>
internal static class ScriptWarnings
{
    private const string Tasks = "System.Threading.Tasks";

    /// <summary>The warnings for <paramref name="script"/>, in source order.</summary>
    /// <param name="compilation">The compilation holding the script.</param>
    /// <param name="script">The script's syntax tree.</param>
    /// <param name="diagnostics">The compiler's diagnostics (for CS4014).</param>
    public static IReadOnlyList<string> Find(Compilation compilation, SyntaxTree script, IEnumerable<Diagnostic> diagnostics)
    {
        var model = compilation.GetSemanticModel(script);
        var found = new List<(int Start, string Text)>();
        foreach (var node in script.GetRoot().DescendantNodes())
        {
            var symbol = node switch
            {
                InvocationExpressionSyntax call => model.GetSymbolInfo(call).Symbol,
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } access => model.GetSymbolInfo(access).Symbol,
                _ => null,
            };
            if (symbol is not null && Blocking(symbol) is { } advice)
            {
                found.Add((node.SpanStart, $"{Where(node.GetLocation())}: {advice}"));
            }
        }

        foreach (var diagnostic in diagnostics.Where(d => d.Id == "CS4014" && d.Location.SourceTree == script))
        {
            found.Add((diagnostic.Location.SourceSpan.Start,
                $"{Where(diagnostic.Location)}: this call is not awaited, so its work outlives the line and may clash with the VU's next request; add `await` (CS4014)"));
        }

        return [.. found.OrderBy(f => f.Start).Select(f => f.Text)];
    }

    /// <summary>What to do instead, if the member blocks its thread; null if it does not.</summary>
    private static string? Blocking(ISymbol symbol)
    {
        var type = symbol.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return null;
        }

        var ns = type.ContainingNamespace.ToDisplayString();
        const string Shared = "blocks a thread that many VUs share";
        return (ns, type.Name, symbol.Name) switch
        {
            ("System.Threading", "Thread", "Sleep") => $"Thread.Sleep {Shared}; pause with `await vu.SleepAsync(seconds)`",
            (Tasks, "Task", "Wait" or "WaitAll" or "WaitAny") => $"Task.{symbol.Name} {Shared}; `await` the task (Task.WhenAll, Task.WhenAny) instead",
            (Tasks, "Task" or "ValueTask", "Result") => $".Result {Shared} until the task ends; `await` it instead",
            ("System.Runtime.CompilerServices", _, "GetResult") when type.Name.EndsWith("Awaiter", StringComparison.Ordinal)
                => $"GetAwaiter().GetResult() {Shared} until the task ends; `await` it instead",
            ("System.Net.Http", "HttpClient", "Send") => $"HttpClient.Send {Shared}; use `await vu.Http.SendAsync(...)`, which is also measured",
            _ => null,
        };
    }

    private static string Where(Location location)
    {
        var start = location.GetLineSpan().StartLinePosition;
        return $"({start.Line + 1},{start.Character + 1})";
    }
}
