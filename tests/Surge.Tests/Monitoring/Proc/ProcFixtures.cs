namespace Surge.Tests.Monitoring.Proc;

/// <summary>The recorded /proc files under Fixtures/, copied next to the test assembly.</summary>
internal static class ProcFixtures
{
    public static string Path(string name) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Monitoring", "Proc", "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(Path(name));
}
