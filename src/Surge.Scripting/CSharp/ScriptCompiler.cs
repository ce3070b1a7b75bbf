using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace Surge.Scripting.CSharp;

/// <summary>
/// Compiles one C# scenario file, with no project, against the BCL and Surge's scenario API.
/// Diagnostics come out as a compiler prints them: <c>checkout.cs(12,5): error CS1002: ; expected</c>.
/// </summary>
internal static class ScriptCompiler
{
    /// <summary>The namespaces every script can use without a <c>using</c>.</summary>
    public static readonly IReadOnlyList<string> ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.Linq", "System.Net", "System.Text", "System.Text.Json",
        "System.Threading", "System.Threading.Tasks", "Surge.Execution", "Surge.Execution.Executors",
        "Surge.Http", "Surge.Scenarios", "Surge.Scripting.Data",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>
    /// Compiles <paramref name="source"/> into an assembly (with its PDB embedded, so exceptions name script
    /// lines), with the <see cref="ScriptWarnings"/> on its code.
    /// </summary>
    /// <param name="displayPath">The path diagnostics and stack traces show, as the user typed it.</param>
    /// <param name="source">The file's text.</param>
    /// <param name="assemblyName">A name unique to this source.</param>
    /// <exception cref="ScriptException">The file does not compile; the message lists the errors.</exception>
    public static CompiledScript Compile(string displayPath, string source, string assemblyName)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var script = CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), parse, displayPath);
        var usings = CSharpSyntaxTree.ParseText(
            SourceText.From(string.Concat(ImplicitUsings.Select(u => $"global using {u};\n")), Encoding.UTF8), parse, "surge-implicit-usings.cs");
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [script, usings],
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                concurrentBuild: true,
                // "Hides inherited member": a SetupAsync or Options without `override` would
                // compile and then silently never be called.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS0108"] = ReportDiagnostic.Error,
                    ["CS0114"] = ReportDiagnostic.Error,
                }));
        using var dll = new MemoryStream();
        var result = compilation.Emit(dll, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!result.Success)
        {
            var errors = result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .OrderBy(d => d.Location.SourceSpan.Start)
                .Select(d => d.ToString())
                .ToList();
            var shown = errors.Take(20).ToList();
            if (errors.Count > shown.Count)
            {
                shown.Add($"... and {errors.Count - shown.Count} more errors");
            }

            throw new ScriptException($"{displayPath} does not compile ({errors.Count} error{(errors.Count == 1 ? "" : "s")}); nothing was sent") { Details = shown };
        }

        return new CompiledScript(dll.ToArray(), ScriptWarnings.Find(compilation, script, result.Diagnostics));
    }

    /// <summary>The framework's assemblies and Surge's: what a script may reference.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var surge = new[] { typeof(Execution.Vu).Assembly.Location, typeof(ScriptCompiler).Assembly.Location };
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(IsFramework);
        return [.. platform.Concat(surge).Distinct(StringComparer.Ordinal).Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static bool IsFramework(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("System.", StringComparison.Ordinal)
            || name is "System.dll" or "netstandard.dll" or "mscorlib.dll" or "Microsoft.CSharp.dll" or "Microsoft.Win32.Primitives.dll";
    }
}

/// <summary>A compiled script: the assembly's bytes and the warnings on its code.</summary>
/// <param name="Image">The assembly, PDB embedded.</param>
/// <param name="Warnings">One line each, starting with the place in the file: <c>(12,9): ...</c>.</param>
internal sealed record CompiledScript(byte[] Image, IReadOnlyList<string> Warnings);
