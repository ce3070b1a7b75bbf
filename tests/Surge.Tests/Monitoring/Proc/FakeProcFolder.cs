using System.Globalization;

namespace Surge.Tests.Monitoring.Proc;

/// <summary>A temporary folder laid out like /proc, for monitors pointed at it.</summary>
internal sealed class FakeProcFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("surge-proc-").FullName;

    /// <summary>A sysfs of its own (inside the folder, where no /proc reader looks), so tests never see the machine's.</summary>
    public string SysRoot => Path.Combine(Root, ".sys");

    /// <summary>Lists interfaces in sys/devices/virtual/net, as the kernel does for bridges, veths and lo.</summary>
    public void MarkVirtualInterfaces(params string[] names)
    {
        foreach (var name in names)
        {
            Directory.CreateDirectory(Path.Combine(SysRoot, "devices", "virtual", "net", name));
        }
    }

    /// <summary>Copies a fixture folder in, replacing files of the same name.</summary>
    public void CopyFrom(string fixtureFolder)
    {
        foreach (var file in Directory.EnumerateFiles(fixtureFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Root, Path.GetRelativePath(fixtureFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Writes /proc/[pid]/{stat,status,comm,cmdline,fd/*} for one process.</summary>
    public void WriteProcess(
        int pid,
        string comm,
        long utime,
        long stime,
        int threads = 1,
        long startTicks = 1000,
        long rssKibibytes = 1024,
        int openFiles = 3,
        string? cmdline = null)
    {
        var folder = Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture));
        var fd = Path.Combine(folder, "fd");
        if (Directory.Exists(fd))
        {
            Directory.Delete(fd, recursive: true);
        }

        Directory.CreateDirectory(fd);
        File.WriteAllText(
            Path.Combine(folder, "stat"),
            $"{pid} ({comm}) S 1 {pid} {pid} 0 -1 4194304 100 0 0 0 {utime} {stime} 0 0 20 0 {threads} 0 {startTicks} 3133440 394 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        File.WriteAllText(
            Path.Combine(folder, "status"),
            $"Name:\t{comm}\nState:\tS (sleeping)\nPid:\t{pid}\nVmRSS:\t{rssKibibytes,8} kB\nThreads:\t{threads}\n");
        File.WriteAllText(Path.Combine(folder, "comm"), comm + "\n");
        File.WriteAllText(Path.Combine(folder, "cmdline"), cmdline ?? $"/usr/bin/{comm}\0");
        for (var i = 0; i < openFiles; i++)
        {
            File.WriteAllText(Path.Combine(fd, i.ToString(CultureInfo.InvariantCulture)), string.Empty);
        }
    }

    public void RemoveProcess(int pid) =>
        Directory.Delete(Path.Combine(Root, pid.ToString(CultureInfo.InvariantCulture)), recursive: true);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
