namespace Surge.Monitoring.Proc;

/// <summary>Reads the names a process goes by: <c>/proc/[pid]/comm</c> and <c>/proc/[pid]/cmdline</c>.</summary>
internal static class ProcessNames
{
    /// <summary>The command name from the text of <c>/proc/[pid]/comm</c> (at most 15 characters).</summary>
    public static string Comm(string text) => text.EndsWith('\n') ? text[..^1] : text;

    /// <summary>
    /// The file name of argv[0] from the text of <c>/proc/[pid]/cmdline</c> (NUL-separated arguments), e.g.
    /// <c>postgres</c> for <c>/usr/lib/postgresql/16/bin/postgres␀-D␀…</c>; null for kernel threads, whose
    /// cmdline is empty.
    /// </summary>
    public static string? ProgramName(string cmdline)
    {
        var end = cmdline.IndexOf('\0', StringComparison.Ordinal);
        var argv0 = end < 0 ? cmdline : cmdline[..end];
        var name = argv0[(argv0.LastIndexOf('/') + 1)..];
        return name.Length == 0 ? null : name;
    }

    /// <summary>
    /// True when a process goes by <paramref name="name"/>: its comm equals it or, since comm is cut to 15
    /// characters, the file name of its argv[0] does.
    /// </summary>
    public static bool Matches(string name, string comm, Func<string?> readCmdline)
    {
        if (comm == name)
        {
            return true;
        }

        var cmdline = readCmdline();
        return cmdline is not null && ProgramName(cmdline) == name;
    }
}
