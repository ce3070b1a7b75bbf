using System.Diagnostics;

namespace Surge.Cli.Tests.Support;

/// <summary>A tmpfs of a few kilobytes, mounted for one test and unmounted after: a disk that fills up.</summary>
public sealed class SmallDisk : IDisposable
{
    public SmallDisk(int kilobytes)
    {
        Path = Directory.CreateTempSubdirectory("surge-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Fills what is left with one file.</summary>
    public void Fill()
    {
        using var filler = new FileStream(File("filler"), FileMode.Create);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path);
    }

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(command, args);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed with exit code {process.ExitCode}");
        }
    }
}
