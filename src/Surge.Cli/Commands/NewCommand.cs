using System.CommandLine;
using Surge.Configuration;
using Surge.Outcome;
using Surge.Results;

namespace Surge.Cli.Commands;

/// <summary><c>surge new script.cs</c> / <c>surge new test.yaml</c>: writes a commented starter that runs against the demo target.</summary>
internal static class NewCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The file to write: a .cs (C# script) or a .yaml (YAML scenario)." };
        var force = new Option<bool>("--force") { Description = "Overwrite the file if it exists." };
        var command = new Command("new", "Write a starter scenario (C# or YAML) that runs against the demo target.") { file, force };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var template = RunSettings.ScriptKind(path) switch
            {
                "cs" => "starter-cs.template",
                "yaml" => "starter-yaml.template",
                _ => throw new ConfigException($"'{path}' must end in .cs (a C# script) or .yaml (a YAML scenario)"),
            };
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new ConfigException($"{path} already exists; pass --force to overwrite it");
            }

            var text = Template(template).Replace("{{FILE}}", path, StringComparison.Ordinal);
            try
            {
                File.WriteAllText(path, text);
            }
            catch (Exception exception) when (exception is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                throw new ConfigException(exception is DirectoryNotFoundException
                    ? $"cannot write {path}: the folder {folder} does not exist; create it first"
                    : $"cannot write {path}: {FileProblem.Describe(exception, path)}");
            }
            Console.WriteLine($"wrote {path}; run it with: surge run {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Template(string name)
    {
        using var stream = typeof(NewCommand).Assembly.GetManifestResourceStream($"Surge.Cli.Templates.{name}")
            ?? throw new InvalidOperationException($"The starter '{name}' is missing from this build of surge.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
