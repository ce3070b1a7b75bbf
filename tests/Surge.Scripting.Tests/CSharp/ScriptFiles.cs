namespace Surge.Scripting.Tests.CSharp;

/// <summary>Writes scripts into a temporary folder of their own; compiled scripts are cached in another.</summary>
internal sealed class ScriptFiles : IDisposable
{
    static ScriptFiles()
    {
        // One cache for the test run, away from the user's ~/.cache.
        Environment.SetEnvironmentVariable("SURGE_CACHE_DIR", Path.Combine(Path.GetTempPath(), $"surge-test-cache-{Environment.ProcessId}"));
    }

    public ScriptFiles()
    {
        Folder = Directory.CreateTempSubdirectory("surge-scripts-").FullName;
    }

    public string Folder { get; }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
