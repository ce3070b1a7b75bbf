using System.Security.Cryptography;
using System.Text;

namespace Surge.Scripting.CSharp;

/// <summary>
/// Compiled scripts on disk, keyed by a hash of the source and of the Surge build that compiled it,
/// so an unchanged script starts without the compiler. Lives in <c>$SURGE_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/surge/scripts</c>, else <c>~/.cache/surge/scripts</c>. A cache that cannot be
/// written is skipped, never an error.
/// </summary>
internal static class ScriptCache
{
    /// <summary>The key of a source: changes when the text or the Surge build changes.</summary>
    public static string Key(string source)
    {
        var text = new StringBuilder(source)
            .Append('\0').Append(typeof(Execution.Vu).Assembly.ManifestModule.ModuleVersionId)
            .Append('\0').Append(typeof(ScriptCache).Assembly.ManifestModule.ModuleVersionId)
            .Append('\0').Append(string.Join(';', ScriptCompiler.ImplicitUsings));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The compiled script of a key, or null when it is not cached (or cannot be read).</summary>
    public static CompiledScript? TryRead(string key)
    {
        try
        {
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                return null;
            }

            var warnings = WarningsPath(path);
            return new CompiledScript(File.ReadAllBytes(path), File.Exists(warnings) ? File.ReadAllLines(warnings) : []);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps a compiled script for the next run: its warnings first, then the assembly.</summary>
    public static void TryWrite(string key, CompiledScript script)
    {
        try
        {
            var path = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (script.Warnings.Count > 0)
            {
                WriteAtomically(WarningsPath(path), temp => File.WriteAllLines(temp, script.Warnings));
            }

            // The assembly last: whoever finds it finds its warnings too.
            WriteAtomically(path, temp => File.WriteAllBytes(temp, script.Image));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The next run compiles again; nothing else is lost.
        }
    }

    /// <summary>Writes beside the file and moves into place: a parallel run never reads half a file.</summary>
    private static void WriteAtomically(string path, Action<string> write)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        write(temp);
        File.Move(temp, path, overwrite: true);
    }

    private static string WarningsPath(string dll) => Path.ChangeExtension(dll, ".warnings");

    private static string PathOf(string key)
    {
        var folder = Environment.GetEnvironmentVariable("SURGE_CACHE_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                    ? xdg
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
                "surge",
                "scripts");
        return Path.Combine(folder, key + ".dll");
    }
}
