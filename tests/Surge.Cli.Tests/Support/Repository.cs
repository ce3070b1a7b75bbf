namespace Surge.Cli.Tests.Support;

/// <summary>Paths in the repository the tests were built from (samples, templates).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Surge.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Surge.slnx above {AppContext.BaseDirectory}");
    }
}
