using System.Runtime.CompilerServices;

namespace Surge.Tests.Analysis;

/// <summary>
/// Compares text with a file under Analysis/Expectations. With SURGE_UPDATE_EXPECTATIONS=1 the file is
/// rewritten instead and the test fails, so an update is always reviewed before it passes.
/// </summary>
internal static class Expectations
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var source = Path.Combine(Path.GetDirectoryName(callerPath)!, "Expectations", name);
        if (Environment.GetEnvironmentVariable("SURGE_UPDATE_EXPECTATIONS") == "1")
        {
            var before = File.Exists(source) ? File.ReadAllText(source) : null;
            File.WriteAllText(source, actual);
            Assert.Fail(before == actual
                ? $"{name} is up to date; run again without SURGE_UPDATE_EXPECTATIONS"
                : $"{name} was {(before is null ? "written" : "rewritten")}; review its diff, then run again without SURGE_UPDATE_EXPECTATIONS");
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Analysis", "Expectations", name);
        Assert.True(File.Exists(path), $"the expected file {name} is missing; write it with SURGE_UPDATE_EXPECTATIONS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
