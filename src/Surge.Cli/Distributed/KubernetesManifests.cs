using System.Text;
using Surge.Configuration;
using Map = Surge.Cli.Distributed.YamlText.Map;

namespace Surge.Cli.Distributed;

/// <summary>
/// The Kubernetes objects of a distributed test (<c>surge k8s</c>): Kubernetes runs the generators,
/// Surge only says what to run. A Secret holds the token; a ConfigMap the script and its data files;
/// a Job runs the aggregator behind a Service; an Indexed Job runs one generator per segment, the pod's
/// completion index picking it, each joining the aggregator. Nothing is restarted: a generator that
/// fails is counted out by the aggregator, as on plain machines.
/// </summary>
internal sealed record KubernetesManifests
{
    /// <summary>The port the aggregator listens on in its pod.</summary>
    public const int Port = 6565;

    /// <summary>The scenario file, as it is named in the ConfigMap and in the pods (<c>/scripts/NAME</c>).</summary>
    public required string ScriptName { get; init; }

    /// <summary>The files in the ConfigMap: the script and its data files, by name.</summary>
    public required IReadOnlyList<(string Name, string Text)> Files { get; init; }

    public required int Generators { get; init; }

    public required string Image { get; init; }

    public string Namespace { get; init; } = "default";

    public required string Token { get; init; }

    /// <summary>The run flags both the aggregator and the generators get (<c>--vus 800 --duration 5m</c>), so their test ids match.</summary>
    public IReadOnlyList<string> RunArgs { get; init; } = [];

    public string GeneratorCpu { get; init; } = "1";

    public string GeneratorMemory { get; init; } = "1Gi";

    /// <summary>The name every object starts with: <c>surge-</c> and the script's name, as Kubernetes allows names.</summary>
    public string Name
    {
        get
        {
            var stem = new StringBuilder();
            foreach (var c in Path.GetFileNameWithoutExtension(ScriptName).ToLowerInvariant())
            {
                stem.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
            }

            var name = "surge-" + stem.ToString().Trim('-');
            return name.Length > 40 ? name[..40].TrimEnd('-') : name.TrimEnd('-');
        }
    }

    /// <summary>The objects, as one YAML file for <c>kubectl apply -f</c>.</summary>
    public string ToYaml()
    {
        var sequence = Distribution.EqualParts(Generators).ToString();
        var aggregatorArgs = new List<object> { "aggregate", $"/scripts/{ScriptName}" };
        aggregatorArgs.AddRange(RunArgs);
        aggregatorArgs.AddRange(["--generators", Generators.ToString(System.Globalization.CultureInfo.InvariantCulture), "--listen", $"0.0.0.0:{Port}", "--no-history"]);

        // The segment from the pod's completion index: index i of N runs i/N:(i+1)/N.
        var generatorScript =
            $"exec surge run /scripts/{ScriptName} \"$@\" --execution-segment-sequence {sequence} "
            + $"--execution-segment \"$JOB_COMPLETION_INDEX/{Generators}:$((JOB_COMPLETION_INDEX + 1))/{Generators}\" "
            + $"--join http://{Name}-aggregator:{Port} --join-wait 5m --quiet --no-history";
        var generatorArgs = new List<object> { "-c", generatorScript, "surge" };
        generatorArgs.AddRange(RunArgs);

        return YamlText.Documents(
        [
            Object("v1", "Secret", $"{Name}-token", new Map { { "type", "Opaque" }, { "stringData", new Map { { "token", Token } } } }),
            Object("v1", "ConfigMap", $"{Name}-script", new Map { { "data", Data() } }),
            Object("v1", "Service", $"{Name}-aggregator", new Map
            {
                { "spec", new Map
                    {
                        { "selector", new Map { { "app.kubernetes.io/name", Name }, { "app.kubernetes.io/component", "aggregator" } } },
                        { "ports", new List<object> { new Map { { "name", "join" }, { "port", Port }, { "targetPort", Port } } } },
                    }
                },
            }),
            Object("batch/v1", "Job", $"{Name}-aggregator", new Map
            {
                { "spec", new Map
                    {
                        { "backoffLimit", 0 },
                        { "template", Pod("aggregator", ["surge"], aggregatorArgs, "500m", "512Mi") },
                    }
                },
            }),
            Object("batch/v1", "Job", $"{Name}-generators", new Map
            {
                { "spec", new Map
                    {
                        { "completionMode", "Indexed" },
                        { "completions", Generators },
                        { "parallelism", Generators },
                        { "backoffLimit", 0 }, // a generator started again would find its segment taken
                        { "template", Pod("generator", ["sh"], generatorArgs, GeneratorCpu, GeneratorMemory) },
                    }
                },
            }),
        ]);
    }

    private Map Object(string apiVersion, string kind, string name, Map body)
    {
        var map = new Map
        {
            { "apiVersion", apiVersion },
            { "kind", kind },
            { "metadata", new Map { { "name", name }, { "namespace", Namespace }, { "labels", new Map { { "app.kubernetes.io/name", Name }, { "app.kubernetes.io/part-of", "surge" } } } } },
        };
        map.AddRange(body);
        return map;
    }

    private Map Data()
    {
        var data = new Map();
        foreach (var (name, text) in Files)
        {
            data.Add(Quote(name), text);
        }

        return data;
    }

    private Map Pod(string component, IReadOnlyList<object> command, List<object> args, string cpu, string memory)
    {
        var container = new Map { { "name", component }, { "image", Image }, { "command", command } };
        container.Add("args", args);
        container.Add("workingDir", "/scripts");
        container.Add("env", new List<object>
        {
            new Map { { "name", "SURGE_TOKEN" }, { "valueFrom", new Map { { "secretKeyRef", new Map { { "name", $"{Name}-token" }, { "key", "token" } } } } } },
        });
        if (component == "aggregator")
        {
            container.Add("ports", new List<object> { new Map { { "containerPort", Port }, { "name", "join" } } });
        }

        container.Add("resources", new Map { { "requests", new Map { { "cpu", cpu }, { "memory", memory } } }, { "limits", new Map { { "memory", memory } } } });
        container.Add("volumeMounts", new List<object> { new Map { { "name", "scripts" }, { "mountPath", "/scripts" }, { "readOnly", true } } });
        return new Map
        {
            { "metadata", new Map { { "labels", new Map { { "app.kubernetes.io/name", Name }, { "app.kubernetes.io/component", component } } } } },
            { "spec", new Map
                {
                    { "restartPolicy", "Never" },
                    { "containers", new List<object> { container } },
                    { "volumes", new List<object> { new Map { { "name", "scripts" }, { "configMap", new Map { { "name", $"{Name}-script" } } } } } },
                }
            },
        };
    }

    /// <summary>A ConfigMap key: the file's name, which Kubernetes allows to hold only letters, digits, '-', '_' and '.'.</summary>
    private static string Quote(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? name
            : throw new ConfigException($"'{name}' cannot be a file in the ConfigMap: its name may hold only letters, digits, '-', '_' and '.'");
}
