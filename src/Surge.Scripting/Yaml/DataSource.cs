using Surge.Configuration;
using Surge.Execution;
using Surge.Scripting.Data;
using YamlDotNet.RepresentationModel;

namespace Surge.Scripting.Yaml;

/// <summary>
/// One entry of a YAML file's <c>data:</c> section: a CSV file with a header line whose columns
/// templates use as <c>{{source.column}}</c>.
/// </summary>
/// <example><code>
/// data:
///   users: { file: users.csv, pick: per-vu }   # or sequential, random; or just: users: users.csv
/// </code></example>
internal sealed class DataSource
{
    private static readonly string[] Keys = ["file", "pick"];
    private static readonly Dictionary<string, DataPick> Picks = new(StringComparer.Ordinal)
    {
        ["per-vu"] = DataPick.PerVu,
        ["sequential"] = DataPick.Sequential,
        ["random"] = DataPick.Random,
    };

    private readonly SharedArray<IReadOnlyDictionary<string, string>> _rows;

    private DataSource(string name, int index, SharedArray<IReadOnlyDictionary<string, string>> rows, DataPick pick)
    {
        Name = name;
        Index = index;
        _rows = rows;
        Pick = pick;
        Columns = [.. rows[0].Keys];
    }

    /// <summary>The source's name in templates.</summary>
    public string Name { get; }

    /// <summary>Its position in the file, where an iteration keeps its row.</summary>
    public int Index { get; }

    /// <summary>The CSV header's column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How rows are picked.</summary>
    public DataPick Pick { get; }

    /// <summary>Loads the CSV file named by a <c>data:</c> entry, relative to the YAML file.</summary>
    /// <exception cref="ConfigException">The entry is malformed or the file is missing or empty.</exception>
    public static DataSource Read(YamlFile file, YamlScalarNode name, YamlNode value, int index)
    {
        YamlNode fileNode = value;
        var pick = DataPick.PerVu;
        if (value is not YamlScalarNode)
        {
            var map = file.Map(value, $"data source '{name.Value}'", Keys);
            fileNode = map.Required("file", $"data source '{name.Value}' needs a 'file', e.g. file: users.csv");
            if (map.Get("pick") is { } pickNode)
            {
                var text = file.Text(pickNode, "'pick'");
                pick = Picks.TryGetValue(text, out var known)
                    ? known
                    : throw file.Error(pickNode, $"'pick' must be per-vu, sequential or random, not '{text}'{Suggestions.DidYouMean(text, Picks.Keys)}");
            }
        }

        if (name.Value!.Contains('.', StringComparison.Ordinal) || name.Value is "env" or "vu" or "iteration" or "scenario")
        {
            throw file.Error(name, $"'{name.Value}' cannot name a data source: templates would read {{{{{name.Value}.column}}}} as something else");
        }

        var path = file.Text(fileNode, "'file'");
        try
        {
            var rows = SharedArray.WithFolder(file.Folder, () => SharedArray.Csv(path));
            return new DataSource(name.Value!, index, rows, pick);
        }
        catch (FileNotFoundException exception)
        {
            throw file.Error(fileNode, $"data file '{path}' was not found (looked for {exception.FileName})");
        }
        catch (DataFileException exception)
        {
            throw file.Error(fileNode, exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw file.Error(fileNode, $"data file '{path}' cannot be read: {exception.Message.ReplaceLineEndings(" ")}");
        }
    }

    /// <summary>A row for an iteration of <paramref name="vu"/>, as <see cref="Pick"/> says.</summary>
    public IReadOnlyDictionary<string, string> PickRow(Vu vu) => Pick switch
    {
        DataPick.Sequential => _rows.Next(),
        DataPick.Random => _rows.Random(),
        _ => _rows.ForVu(vu),
    };
}
