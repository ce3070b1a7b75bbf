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

        var overrides = new RunOverrides
        {
            Vus = settings.Vus,
            Duration = settings.Duration,
            GracefulStop = settings.GracefulStop,
            Iterations = settings.Iterations,
            Stages = settings.Stages,
            Rate = settings.Rate,
            TimeUnit = settings.TimeUnit,
            PreAllocatedVus = settings.PreAllocatedVus,
            MaxVus = settings.MaxVus,
            Timeout = settings.Timeout,
            Insecure = settings.Insecure,
            BaseUrl = settings.BaseUrl,
            Thresholds = settings.Thresholds,
            Goals = settings.Goals,
            Env = EnvFlags(settings.Env),
        };
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

        if (script.LoadNote is not null && !outputs.Quiet)
        {
            await Console.Error.WriteLineAsync($"  {script.LoadNote}");
        }

        // Everything that can be wrong with the input is found before any load is sent.
        var needsDemo = PlanBuilder.NeedsDemoTarget(script, overrides);
        var plan = PlanBuilder.Build(script, overrides, needsDemo ? new Uri("http://127.0.0.1/") : null);
        outputs.EnsureWritable();
        await using var demo = needsDemo ? await DemoServer.StartAsync() : null;
        if (demo is not null)
        {
            plan = PlanBuilder.Build(script, overrides, demo.Url) with
            {
                Target = $"{path} → {demo.Url} (built-in demo target; set BaseUrl or --base-url to load your own server)",
            };
        }

        return await RunCommand.ExecuteAsync(plan, outputs, settings);
    }

    private static Dictionary<string, string> EnvFlags(IReadOnlyList<string> flags)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigException($"--env '{flag}' needs the form NAME=VALUE");
            }

            env[flag[..equals]] = flag[(equals + 1)..];
        }

        return env;
    }
}
