namespace Surge.Monitoring.Proc;

/// <summary>Reads files under a /proc folder.</summary>
internal static class ProcFiles
{
    /// <summary>The text of a file, or null when it (or its folder) does not exist.</summary>
    /// <exception cref="IOException">The file exists but could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads and parses a file; null when it does not exist.</summary>
    /// <exception cref="MonitorException">The file could not be read or parsed.</exception>
    public static T? TryRead<T>(string path, Func<string, T> parse)
        where T : class
    {
        try
        {
            var text = TryReadText(path);
            return text is null ? null : parse(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            throw new MonitorException($"cannot read {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads and parses a file that must exist.</summary>
    /// <exception cref="MonitorException">The file does not exist, or could not be read or parsed.</exception>
    public static T Read<T>(string path, Func<string, T> parse)
        where T : class =>
        TryRead(path, parse) ?? throw new MonitorException($"{path} does not exist (Surge reads /proc, which only Linux has)");
}
