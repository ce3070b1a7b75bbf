using System.Runtime.CompilerServices;

namespace Surge.Cli.Tests.Reports;

/// <summary>
/// Compares rendered output with a file under Reports/Expectations. With SURGE_UPDATE_EXPECTATIONS=1
/// the file is rewritten from the output instead (then review the diff before committing it).
/// </summary>
internal static class Expectations
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        if (Environment.GetEnvironmentVariable("SURGE_UPDATE_EXPECTATIONS") == "1")
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(callerPath)!, "Expectations", name), actual);
            return;
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Expectations", name));
        Assert.Equal(expected, actual);
    }
}
