using Surge.Configuration;
using Surge.Scripting.Yaml;

namespace Surge.Scripting.Tests.Yaml;

/// <summary>A temporary folder of YAML scenario files, deleted when the test ends.</summary>
internal sealed class YamlFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("surge-yaml-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public LoadedScript Load(string yaml, string name = "test.yaml") => YamlScriptLoader.Load(Write(name, yaml));

    /// <summary>The message of the <see cref="ConfigException"/> loading the YAML throws.</summary>
    public string Error(string yaml, string name = "test.yaml") => Assert.Throws<ConfigException>(() => Load(yaml, name)).Message;

    /// <summary>The steps of a flow: the exec function is the flow's RunAsync.</summary>
    public static IReadOnlyList<RequestStep> Steps(LoadedScript script, string? exec = null) =>
        Assert.IsType<YamlFlow>(script.ResolveExec(exec).Target).Steps;

    /// <summary>The single step of a one-request file.</summary>
    public RequestStep Step(string stepYaml) =>
        Assert.Single(Steps(Load("requests:\n" + Indent(stepYaml))));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Indent(string yaml) =>
        string.Join('\n', yaml.ReplaceLineEndings("\n").Split('\n').Select(line => "  " + line));
}
