using Surge.Configuration;
using Surge.Lab.Demo;
using Surge.Scripting;
using Surge.Scripting.CSharp;
using Surge.Scripting.Yaml;

namespace Surge.Cli.Commands;

/// <summary><c>surge run file.cs</c> and <c>surge run file.yaml</c>: load the file, apply the flags, run.</summary>
internal static class ScriptRun
{
    public static async Task<int> RunAsync(RunSettings settings, RunOutputs outputs)
    {
        var path = settings.Target!;
        if (settings.Headers.Count > 0 || settings.Body is not null || settings.BodyFile is not null || settings.Method != "GET")
        {
            throw new ConfigException("-X, -H, --body and --body-file are for a URL; a scenario file sets its requests itself");
        }

        var overrides = settings.Overrides;
        var script = await LoadAsync(path, overrides, outputs.Quiet);

        // Everything that can be wrong with the input is found before any load is sent. The demo target,
        // when it stands in, starts before the plan is built, so the plan is built once, with its address.
        if (!PlanBuilder.NeedsDemoTarget(script, overrides))
        {
            var plan = PlanBuilder.Build(script, overrides, demoUrl: null);
            outputs.EnsureWritable();
            return await RunCommand.ExecuteAsync(plan, outputs, settings);
        }

        outputs.EnsureWritable();
        await using var demo = await DemoServer.StartAsync();
        var demoPlan = PlanBuilder.Build(script, overrides, demo.Url);
        return await RunCommand.ExecuteAsync(demoPlan, outputs, settings, demoInProcess: true);
    }

    /// <summary>Loads a scenario file (compiling a C# one), printing its warnings and its load note.</summary>
    public static async Task<LoadedScript> LoadAsync(string path, RunOverrides overrides, bool quiet)
    {
        var script = RunSettings.ScriptKind(path) switch
        {
            "cs" => CSharpScriptLoader.Load(path, PlanBuilder.EnvironmentWith(overrides.Env)),
            "yaml" => YamlScriptLoader.Load(path, PlanBuilder.EnvironmentWith(overrides.Env)),
            _ => throw new ConfigException($"'{path}' is neither a C# (.cs) nor a YAML (.yaml) scenario file"),
        };
        foreach (var warning in script.Warnings)
        {
            await Console.Error.WriteLineAsync($"surge: warning: {warning}");
        }

        if (script.LoadNote is not null && !quiet)
        {
            await Console.Error.WriteLineAsync($"  {script.LoadNote}");
        }

        return script;
    }
}
