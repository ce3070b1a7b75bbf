namespace Surge.Cli.Tests.Support;

/// <summary>Waits on a results file a running surge is writing.</summary>
public static class ResultsFile
{
    /// <summary>Waits until the file has <paramref name="lines"/> lines (the run is that far), at most three minutes (a cold script compile on a loaded machine is slow).</summary>
    public static async Task WaitForLinesAsync(string path, int lines)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && File.ReadAllLines(path).Length >= lines)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} did not reach {lines} lines");
    }
}
