using System.Runtime.CompilerServices;

namespace Surge.TestSupport;

/// <summary>
/// Compares rendered text with a file in the Expectations folder beside the calling test (copied to the
/// output). With SURGE_UPDATE_EXPECTATIONS=1 the file is rewritten from the text instead and the test
/// fails, so an update never passes unseen: review the diff, then run again without the variable.
/// Linked into each test project that checks expected files.
/// </summary>
internal static class Expectations
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.GetDirectoryName(callerPath)!;
        var source = Path.Combine(folder, "Expectations", name);
        if (Environment.GetEnvironmentVariable("SURGE_UPDATE_EXPECTATIONS") == "1")
        {
            var before = File.Exists(source) ? File.ReadAllText(source) : null;
            File.WriteAllText(source, actual);
            Assert.Fail(before == actual
                ? $"{name} is up to date; run again without SURGE_UPDATE_EXPECTATIONS"
                : $"{name} was {(before is null ? "written" : "rewritten")}; review its diff, then run again without SURGE_UPDATE_EXPECTATIONS");
        }

        var path = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(folder), "Expectations", name);
        Assert.True(File.Exists(path), $"the expected file {name} is missing; write it with SURGE_UPDATE_EXPECTATIONS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
