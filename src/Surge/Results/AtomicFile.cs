namespace Surge.Results;

/// <summary>
/// Writes a file whole or not at all: into a temporary file beside it, flushed to the disk, then renamed
/// over the target. A full disk or a killed process leaves the old file (or none), never half of a new one.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>.</summary>
    /// <exception cref="IOException">The file could not be written (the temporary file is removed).</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = RealPath(path);
        if (IsSpecial(full))
        {
            // /dev/stdout, a pipe: there is no file to replace, so write to it as it is.
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
            write(stream);
            return;
        }

        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(file);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Fails now, before any load is sent, when <paramref name="path"/> could not be written later: its folder
    /// must take a new file. Leaves an existing file as it is and creates none.
    /// </summary>
    /// <exception cref="IOException">The folder cannot take a file.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be written.</exception>
    public static void EnsureWritable(string path)
    {
        var full = RealPath(path);
        if (IsSpecial(full))
        {
            using var special = new FileStream(full, FileMode.Open, FileAccess.Write);
            return;
        }

        if (Directory.Exists(full))
        {
            throw new IOException("it is a folder; name a file");
        }

        var probe = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.probe");
        using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
        {
        }
    }

    /// <summary>The file a path ends at, through symbolic links: the link stays, the file it names is replaced.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target ? target.FullName : full;
    }

    /// <summary>Devices and the process's own descriptors (<c>/dev/stdout</c>, <c>/proc/self/fd/1</c>): written in place.</summary>
    private static bool IsSpecial(string path) =>
        path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/proc/", StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target was never touched.
        }
    }
}
