namespace Surge.Results;

/// <summary>
/// Why a file could not be written (or read), in Surge's words: .NET's messages name its own types or repeat the
/// path ("Could not find a part of the path '...'"), where a user needs to hear what to change.
/// </summary>
internal static class FileProblem
{
    /// <summary>The reason, as a short clause: "its folder does not exist", "No space left on device".</summary>
    /// <param name="exception">What opening or writing <paramref name="path"/> threw.</param>
    /// <param name="path">The file.</param>
    public static string Describe(Exception exception, string path)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Directory.Exists(path))
        {
            return "it is a folder; name a file";
        }

        return exception switch
        {
            DirectoryNotFoundException => "its folder does not exist; create it first",
            FileNotFoundException => "it does not exist",
            PathTooLongException => "the path is too long",
            UnauthorizedAccessException => "permission denied",
            ArgumentException or NotSupportedException => "it is not a file path",

            // The operating system's own words ("No space left on device", "Read-only file system"), less the path .NET adds.
            IOException => exception.Message.Split(" : '", 2)[0],
            _ => "it cannot be opened",
        };
    }
}
