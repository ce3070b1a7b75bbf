using System.Diagnostics;
using Surge.Cli.Distributed;
using Surge.Configuration;
using Surge.TestSupport;

namespace Surge.Cli.Tests.Distributed;

/// <summary><c>surge k8s</c>'s objects: kept stable by a snapshot, and checked offline by kubectl as Kubernetes objects.</summary>
public sealed class KubernetesManifestsTests
{
    private static readonly KubernetesManifests Shop = new()
    {
        ScriptName = "shop.cs",
        Files = [("shop.cs", "public sealed class Shop : LoadTest\n{\n    // \"quotes\", a tab\t, and a --- line\n}\n---\n"), ("users.csv", "name\nalice\n")],
        Generators = 8,
        Image = "registry.example/surge:0.1.0",
        Namespace = "load",
        Token = "t0ken",
        RunArgs = ["--vus", "800", "--duration", "5m"],
    };

    [Fact]
    public void ToYaml_EightGenerators_IsTheExpectedObjects()
    {
        Expectations.Verify("k8s-shop.yaml", Shop.ToYaml());
    }

    [Fact]
    public async Task ToYaml_IsValidKubernetesObjects_CheckedOfflineByKubectl()
    {
        using var dir = new Support.TempDirectory();
        var path = dir.File("shop.yaml");
        await File.WriteAllTextAsync(path, Shop.ToYaml());

        // kubectl's client-side dry run needs a cluster to look kinds up; these two read the file alone:
        // annotate --local parses every object, set resources --local decodes each into its Kubernetes type.
        var annotated = await KubectlAsync("annotate", "--local", "-f", path, "surge.check/offline=yes", "-o", "name");
        Assert.True(annotated.ExitCode == 0, annotated.Stderr);
        Assert.Equal(
            ["secret/surge-shop-token", "configmap/surge-shop-script", "service/surge-shop-aggregator", "job.batch/surge-shop-aggregator", "job.batch/surge-shop-generators"],
            annotated.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var typed = await KubectlAsync("set", "resources", "--local", "-f", path, "-c", "*", "--requests=cpu=7m", "-o", "name");
        Assert.DoesNotContain("unable to decode", typed.Stderr, StringComparison.Ordinal);
        Assert.Contains("job.batch/surge-shop-aggregator", typed.Stdout, StringComparison.Ordinal);
        Assert.Contains("job.batch/surge-shop-generators", typed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_FindsABrokenObject_SoTheCheckAboveCanFail()
    {
        using var dir = new Support.TempDirectory();
        var path = dir.File("broken.yaml");
        await File.WriteAllTextAsync(path, Shop.ToYaml().Replace("completions: 8", "completions: \"eight\"", StringComparison.Ordinal));

        var typed = await KubectlAsync("set", "resources", "--local", "-f", path, "-c", "*", "--requests=cpu=7m", "-o", "name");

        Assert.Contains("unable to decode", typed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ToYaml_DataFileNameKubernetesRefuses_IsOneClearLine()
    {
        var error = Assert.Throws<ConfigException>(() => (Shop with { Files = [("shop.cs", ""), ("my data.csv", "")] }).ToYaml());

        Assert.Equal("'my data.csv' cannot be a file in the ConfigMap: its name may hold only letters, digits, '-', '_' and '.'", error.Message);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["KUBECONFIG"] = "/dev/null"; // no cluster is asked anything
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var kubectl = Process.Start(start)!;
        var stdout = kubectl.StandardOutput.ReadToEndAsync();
        var stderr = kubectl.StandardError.ReadToEndAsync();
        await kubectl.WaitForExitAsync();
        return (kubectl.ExitCode, await stdout, await stderr);
    }
}
