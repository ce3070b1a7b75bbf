using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Surge.Cli.Distributed;
using Surge.Configuration;

namespace Surge.Cli.Commands;

/// <summary>
/// <c>surge k8s script.cs --generators 8 [run flags]</c>: writes the Kubernetes objects that run the test
/// on a cluster (<see cref="KubernetesManifests"/>); <c>--apply</c> hands them to <c>kubectl apply</c>.
/// Flags Surge does not know here (<c>--vus 800 --duration 5m</c>) go to the aggregator and every generator.
/// </summary>
internal static class K8sCommand
{
    public static Command Create()
    {
        var script = new Argument<string>("script") { Description = "The scenario file (script.cs, test.yaml) the generators run." };
        var generators = Options.WholeNumber("--generators", "How many generator pods run the test, each an equal segment (default 4).");
        var image = new Option<string>("--image") { Description = "Surge's container image (built from the repository's Dockerfile).", DefaultValueFactory = _ => $"surge:{SurgeVersion.Value}" };
        var ns = new Option<string>("--namespace", "-n") { Description = "The namespace of the objects.", DefaultValueFactory = _ => "default" };
        var data = new Option<string[]>("--data") { Description = "A data file the script reads, put beside it in /scripts (repeatable)." };
        var token = new Option<string?>("--token") { Description = "The token of the aggregator and its generators (default: a random one, kept in a Secret)." };
        var cpu = new Option<string>("--generator-cpu") { Description = "CPU each generator pod requests.", DefaultValueFactory = _ => "1" };
        var memory = new Option<string>("--generator-memory") { Description = "Memory each generator pod requests (and is limited to).", DefaultValueFactory = _ => "1Gi" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the objects to this file (default: print them)." };
        var apply = new Option<bool>("--apply") { Description = "Run kubectl apply with the objects." };
        var command = new Command("k8s", "Write the Kubernetes objects that run a distributed test: the aggregator, an Indexed Job of generators, the script.")
        {
            script, generators, image, ns, data, token, cpu, memory, output, apply,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancel) =>
        {
            var path = parse.GetValue(script)!;
            if (RunSettings.ScriptKind(path) is null || !File.Exists(path))
            {
                throw new ConfigException($"'{path}' is not a scenario file here; give the script.cs or test.yaml the generators run");
            }

            var count = parse.GetValue(generators) ?? 4;
            if (count is < 1 or > 1000)
            {
                throw new ConfigException($"--generators must be from 1 to 1000, not {count}");
            }

            var files = new List<(string, string)> { (Path.GetFileName(path), await File.ReadAllTextAsync(path, cancel)) };
            foreach (var dataFile in parse.GetValue(data) ?? [])
            {
                files.Add(File.Exists(dataFile)
                    ? (Path.GetFileName(dataFile), await File.ReadAllTextAsync(dataFile, cancel))
                    : throw new ConfigException($"--data '{dataFile}' does not exist"));
            }

            var yaml = new KubernetesManifests
            {
                ScriptName = Path.GetFileName(path),
                Files = files,
                Generators = count,
                Image = parse.GetValue(image)!,
                Namespace = parse.GetValue(ns)!,
                Token = parse.GetValue(token) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                RunArgs = [.. parse.UnmatchedTokens],
                GeneratorCpu = parse.GetValue(cpu)!,
                GeneratorMemory = parse.GetValue(memory)!,
            }.ToYaml();
            if (parse.GetValue(output) is { } file)
            {
                Options.EnsureWritable(file, "--output");
                await File.WriteAllTextAsync(file, yaml, cancel);
                await Console.Error.WriteLineAsync($"surge: wrote the objects of {count} generators and their aggregator to {file}; start them with kubectl apply -f {file}");
            }
            else if (!parse.GetValue(apply))
            {
                await Console.Out.WriteAsync(yaml);
            }

            return parse.GetValue(apply) ? await ApplyAsync(yaml, cancel) : 0;
        });
        return command;
    }

    private static async Task<int> ApplyAsync(string yaml, CancellationToken cancel)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "apply", "-f", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        Process kubectl;
        try
        {
            kubectl = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new ConfigException("--apply needs kubectl, which is not on the PATH; install it, or write the objects with --output FILE and apply them where kubectl is");
        }

        using (kubectl)
        {
            await kubectl.StandardInput.WriteAsync(yaml);
            kubectl.StandardInput.Close();
            await kubectl.WaitForExitAsync(cancel);
            return kubectl.ExitCode == 0 ? 0 : throw new ConfigException($"kubectl apply failed (exit code {kubectl.ExitCode}); its own message is above");
        }
    }
}
