using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Surge.Scenarios;

namespace Surge.Scripting.CSharp;

/// <summary>
/// Public methods of the test class named like its hooks, <c>Setup</c>, <c>Teardown</c>, or a
/// <c>SetupAsync</c>/<c>TeardownAsync</c> that is not the override (another signature): they
/// compile, and Surge would never call them, so the setup the author wrote would silently not run.
/// A method a scenario runs as its exec function is meant, and passes.
/// </summary>
internal static class MisnamedHooks
{
    private static readonly string[] Names = ["Setup", "Teardown", "SetupAsync", "TeardownAsync"];

    /// <summary>Throws when the test class has such a method.</summary>
    /// <param name="path">The file, as the user typed it.</param>
    /// <param name="source">The file's text, to tell where the method is.</param>
    /// <param name="type">The test class.</param>
    /// <param name="execs">The methods the file's scenarios run.</param>
    /// <exception cref="ScriptException">One or more methods are named like hooks; each detail line says where.</exception>
    public static void Reject(string path, string source, Type type, IReadOnlyCollection<MethodInfo> execs)
    {
        var misnamed = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => Names.Contains(m.Name, StringComparer.Ordinal)
                && m.GetBaseDefinition().DeclaringType != typeof(LoadTest)
                && !execs.Contains(m))
            .ToList();
        if (misnamed.Count == 0)
        {
            return;
        }

        throw Error(path, source, misnamed);
    }

    /// <remarks>
    /// A method of its own, never inlined: the JIT loads Roslyn for the method that names its types, and
    /// a cached script otherwise starts without it.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static ScriptException Error(string path, string source, List<MethodInfo> misnamed)
    {
        var root = CSharpSyntaxTree.ParseText(source, path: path).GetRoot();
        var details = misnamed.Select(method =>
        {
            var (hook, what) = method.Name.StartsWith("Setup", StringComparison.Ordinal)
                ? (nameof(LoadTest.SetupAsync), "setup")
                : (nameof(LoadTest.TeardownAsync), "teardown");
            return $"{Where(path, root, method)}: error: {method.Name} is never run: Surge runs {what} only from "
                + $"`public override async Task {hook}(Vu vu)`; override {hook} instead (or name {method.Name} as a scenario's Exec to run it as an exec function)";
        });
        return new ScriptException(
            $"{path}: {string.Join(", ", misnamed.Select(m => m.Name).Distinct())} would never run; override SetupAsync or TeardownAsync instead; nothing was sent")
        {
            Details = [.. details],
        };
    }

    /// <summary>The file and the method's name in it, as the compiler writes a place: <c>file.cs(12,23)</c>.</summary>
    private static string Where(string path, SyntaxNode root, MethodInfo method)
    {
        var declaration = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Where(d => d.Identifier.ValueText == method.Name
                && d.Parent is TypeDeclarationSyntax owner && owner.Identifier.ValueText == method.DeclaringType?.Name)
            .OrderBy(d => d.ParameterList.Parameters.Count == method.GetParameters().Length ? 0 : 1)
            .FirstOrDefault();
        if (declaration is null)
        {
            return path;
        }

        var start = declaration.Identifier.GetLocation().GetLineSpan().StartLinePosition;
        return $"{path}({start.Line + 1},{start.Character + 1})";
    }
}
