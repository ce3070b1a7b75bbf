using System.Globalization;

namespace Surge.Lab.Topology;

/// <summary>
/// The unprivileged user the lab's servers run as when the lab is started by root: PostgreSQL refuses to run
/// as root, and the other servers need no more. Started by another user, the servers run as that user.
/// </summary>
internal sealed record LabUser(string Name, int Uid, int Gid)
{
    /// <summary>The user to switch to, or null when the lab does not run as root.</summary>
    public static LabUser? ForThisProcess()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return null;
        }

        var nobody = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 3 && f[0] == "nobody")
            ?? throw new LabException("the lab runs its servers as the user 'nobody' when started by root, and /etc/passwd has none; add it (useradd nobody)");
        return new LabUser("nobody", int.Parse(nobody[2], CultureInfo.InvariantCulture), int.Parse(nobody[3], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Fails when this user cannot reach <paramref name="folder"/>: a lab folder under <c>/root</c> (mode 700)
    /// would make PostgreSQL fail later with a less plain message.
    /// </summary>
    public void EnsureCanReach(string folder)
    {
        for (var current = new DirectoryInfo(Path.GetFullPath(folder)); current is not null; current = current.Parent)
        {
            if (current.Exists && (current.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                throw new LabException($"--lab-dir {folder}: the lab's servers run as '{Name}', who cannot enter {current.FullName}; choose a folder they can reach, like the default {LabOptions.DefaultDirectory}");
            }
        }
    }

    /// <summary>The command run as this user.</summary>
    public IReadOnlyList<string> Run(IReadOnlyList<string> command) =>
        ["setpriv", $"--reuid={Uid}", $"--regid={Gid}", "--clear-groups", .. command];

    /// <summary>Gives the folder (and what is in it) to this user.</summary>
    public Task OwnAsync(string folder, string log, CancellationToken ct) =>
        LabProcess.RunToEndAsync(["chown", "-R", $"{Uid}:{Gid}", folder], log, $"giving {folder} to {Name}", ct);
}
