using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using Surge.Configuration;
using Surge.Execution;
using Surge.Scenarios;
using Surge.Scripting.Data;

namespace Surge.Scripting.CSharp;

/// <summary>
/// Loads <c>surge run file.cs</c>: compiles the file (or takes it from the cache), finds its one
/// <see cref="LoadTest"/> class, creates it, reads its options and binds its exec functions.
/// </summary>
internal static class CSharpScriptLoader
{
    /// <summary>Loads a script.</summary>
    /// <param name="path">The file, as the user typed it.</param>
    /// <param name="env">Environment variables the test's options may read (<see cref="LoadTest.Env"/>).</param>
    /// <exception cref="ScriptException">
    /// The script does not compile, has no test class, has a Setup or Teardown method that is not the
    /// override (and so would never run), or throws while loading.
    /// </exception>
    /// <exception cref="ConfigException">The file does not exist, or a data file it loads is malformed.</exception>
    public static LoadedScript Load(string path, IReadOnlyDictionary<string, string> env)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"{path} was not found");
        }

        var stopwatch = Stopwatch.StartNew();
        var source = File.ReadAllText(path);
        var key = ScriptCache.Key(source);
        var compiled = ScriptCache.TryRead(key);
        var cached = compiled is not null;
        if (compiled is null)
        {
            compiled = ScriptCompiler.Compile(path, source, $"surge-script-{key[..16]}");
            ScriptCache.TryWrite(key, compiled);
        }

        var assembly = Assembly.Load(compiled.Image);

        // The runtime loads what the script refers to at its first call, from files: done here, before the
        // test, so 200 VUs opening connections at once cannot leave it without a descriptor for them
        // ("Could not load file or assembly 'System.IO'" ended such a run).
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            Assembly.Load(reference);
        }

        var type = TestClass(path, assembly);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var (test, options, metrics) = SharedArray.WithFolder(folder, () => Create(path, assembly, type, env));
        var candidates = ExecCandidates(type);
        MisnamedHooks.Reject(path, source, type, [.. options.Scenarios.Values
            .Select(executor => FindExec(candidates, executor?.Exec ?? "Default"))
            .OfType<MethodInfo>()]);
        return new LoadedScript
        {
            Path = path,
            Options = options,
            ResolveExec = name => Exec(path, test, name),
            Setup = Overrides(type, nameof(LoadTest.SetupAsync)) ? (vu, _) => new ValueTask(test.SetupAsync(vu)) : null,
            Teardown = Overrides(type, nameof(LoadTest.TeardownAsync)) ? (vu, _) => new ValueTask(test.TeardownAsync(vu)) : null,
            CustomMetrics = metrics,
            Warnings = [.. compiled.Warnings.Select(warning => path + warning)],
            LoadNote = cached
                ? $"compiled script taken from the cache in {stopwatch.Elapsed.TotalSeconds:0.00}s"
                : $"script compiled in {stopwatch.Elapsed.TotalSeconds:0.00}s (cached for the next run)",
        };
    }

    private static Type TestClass(string path, Assembly assembly)
    {
        var candidates = assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LoadTest)) && !t.IsAbstract).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new ScriptException(
                $"{path}: no class derives from LoadTest; declare one, e.g. `public sealed class MyTest : LoadTest {{ public async Task Default(Vu vu) {{ ... }} }}`"),
            _ => throw new ScriptException(
                $"{path}: {candidates.Count} classes derive from LoadTest ({string.Join(", ", candidates.Select(c => c.Name))}); a script has exactly one"),
        };
    }

    private static (LoadTest Test, TestOptions Options, List<CustomMetric> Metrics) Create(
        string path, Assembly assembly, Type type, IReadOnlyDictionary<string, string> env)
    {
        try
        {
            // Every static field of the script (SharedArray data, metrics) loads now, relative to
            // the script's folder, and a failure is a script error before any load is sent.
            foreach (var each in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
            {
                RuntimeHelpers.RunClassConstructor(each.TypeHandle);
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new ScriptException($"{path}: class {type.Name} needs a public constructor without parameters");
            }

            var test = LoadTest.Create(type, env);
            return (test, test.Options ?? new TestOptions(), CustomMetrics(assembly, test));
        }
        catch (Exception exception) when (exception is not ScriptException)
        {
            var cause = exception is TargetInvocationException or TypeInitializationException && exception.InnerException is { } inner ? inner : exception;
            if (cause is DataFileException)
            {
                throw new ConfigException(cause.Message, cause); // the data file is wrong, not the script
            }

            throw new ScriptException($"{path}: the test class failed while loading: {IterationErrors.Describe(cause)}", cause);
        }
    }

    private static IterationFunc Exec(string path, LoadTest test, string? name)
    {
        var type = test.GetType();
        var wanted = name ?? "Default";
        var methods = ExecCandidates(type);
        var method = FindExec(methods, wanted);
        if (method is null)
        {
            var hint = Suggestions.DidYouMean(wanted, methods.Where(IsExecShaped).Select(m => m.Name));
            throw new ScriptException(name is null
                ? $"{path}: class {type.Name} has no Default method; add `public async Task Default(Vu vu)`, or give every scenario an Exec{hint}"
                : $"{path}: a scenario runs exec function '{name}', which class {type.Name} does not have{hint}; an exec function is `public async Task {name}(Vu vu)`");
        }

        if (!IsExecShaped(method))
        {
            throw new ScriptException($"{path}: {type.Name}.{method.Name} cannot be an exec function; write it as `public async Task {method.Name}(Vu vu)`");
        }

        var parameters = method.GetParameters();
        if (method.ReturnType == typeof(Task) && parameters.Length == 1)
        {
            var run = method.CreateDelegate<Func<Vu, Task>>(test);
            return (vu, _) => new ValueTask(run(vu));
        }

        if (method.ReturnType == typeof(ValueTask) && parameters.Length == 1)
        {
            var run = method.CreateDelegate<Func<Vu, ValueTask>>(test);
            return (vu, _) => run(vu);
        }

        if (method.ReturnType == typeof(Task))
        {
            var run = method.CreateDelegate<Func<Vu, CancellationToken, Task>>(test);
            return (vu, ct) => new ValueTask(run(vu, ct));
        }

        return method.CreateDelegate<IterationFunc>(test);
    }

    /// <summary>The methods a scenario's <c>Exec</c> can name: the test class's public instance methods.</summary>
    private static List<MethodInfo> ExecCandidates(Type type) =>
    [
        .. type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.DeclaringType != typeof(object) && m.DeclaringType != typeof(LoadTest) && !m.IsSpecialName),
    ];

    /// <summary>The method an exec name picks: the name itself, else the name with <c>Async</c>.</summary>
    private static MethodInfo? FindExec(List<MethodInfo> methods, string wanted) =>
        methods.Find(m => m.Name == wanted) ?? methods.Find(m => m.Name == wanted + "Async");

    private static bool IsExecShaped(MethodInfo method)
    {
        var parameters = method.GetParameters();
        return (method.ReturnType == typeof(Task) || method.ReturnType == typeof(ValueTask))
            && !method.IsGenericMethod
            && parameters.Length is 1 or 2
            && parameters[0].ParameterType == typeof(Vu)
            && (parameters.Length == 1 || parameters[1].ParameterType == typeof(CancellationToken));
    }

    private static bool Overrides(Type type, string method) =>
        type.GetMethod(method, [typeof(Vu)])?.DeclaringType != typeof(LoadTest);

    /// <summary>Metrics held in fields or properties: the test's own, and static ones of any class in the script.</summary>
    private static List<CustomMetric> CustomMetrics(Assembly assembly, LoadTest test)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var found = new List<CustomMetric>();
        foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            var target = type.IsInstanceOfType(test) ? test : null;
            foreach (var field in type.GetFields(Flags).Where(f => typeof(CustomMetric).IsAssignableFrom(f.FieldType)))
            {
                if ((field.IsStatic || target is not null) && field.GetValue(field.IsStatic ? null : target) is CustomMetric metric)
                {
                    found.Add(metric);
                }
            }
        }

        return [.. found.Distinct()];
    }
}
