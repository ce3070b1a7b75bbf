using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using CsvHelper.TypeConversion;

namespace Surge.Scripting.Data;

/// <summary>
/// Reads the rows of a CSV file with a header line. Every row must have as many fields as the header:
/// a short or long row is a mistake in the file, and CsvHelper would fill or drop fields silently.
/// Errors are <see cref="DataFileException"/>s naming the file and line, not CsvHelper's state dumps.
/// </summary>
internal static class CsvData
{
    /// <summary>Each row as a map from column name to value.</summary>
    /// <param name="name">The file as the script names it, for messages.</param>
    /// <param name="path">The file's full path.</param>
    public static IReadOnlyDictionary<string, string>[] Rows(string name, string path) => Read(name, path, csv =>
    {
        var header = csv.HeaderRecord!;
        var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            row[header[i]] = csv.GetField(i) ?? "";
        }

        return (IReadOnlyDictionary<string, string>)row;
    });

    /// <summary>Each row mapped to <typeparamref name="T"/> by column name, in any case.</summary>
    public static T[] Records<T>(string name, string path) => Read(name, path, csv => csv.GetRecord<T>()!, typeof(T));

    private static T[] Read<T>(string name, string path, Func<CsvReader, T> row, Type? recordType = null)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            PrepareHeaderForMatch = args => args.Header.ToUpperInvariant(),
            BadDataFound = args => throw new DataFileException(
                $"data file '{name}' line {args.Context.Parser!.RawRow} has a stray quote (\"); quote the whole field and double the quotes inside it, e.g. \"say \"\"hi\"\"\""),
            HeaderValidated = args =>
            {
                if (args.InvalidHeaders.Length > 0)
                {
                    var missing = string.Join(", ", args.InvalidHeaders.Select(h => h.Names[0]).Distinct(StringComparer.OrdinalIgnoreCase));
                    throw new DataFileException($"data file '{name}' has no column for {missing}; its header line has {string.Join(", ", args.Context.Reader!.HeaderRecord!)}");
                }
            },
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                throw new DataFileException($"data file '{name}' is empty; its first line names the columns, e.g. username,password");
            }

            if (recordType is not null)
            {
                csv.ValidateHeader(recordType);
            }

            var rows = new List<T>();
            while (csv.Read())
            {
                if (csv.Parser.Count != header.Length)
                {
                    var fields = csv.Parser.Count == 1 ? "1 field" : $"{csv.Parser.Count} fields";
                    throw new DataFileException(
                        $"data file '{name}' line {csv.Parser.RawRow} has {fields}, but the header has {header.Length} ({string.Join(", ", header)}); give every line one value per column");
                }

                rows.Add(row(csv));
            }

            return [.. rows];
        }
        catch (TypeConverterException exception)
        {
            // The map names the member; the header may spell it in another case.
            var member = exception.MemberMapData.Member?.Name ?? exception.MemberMapData.Names.FirstOrDefault() ?? "";
            var column = csv.HeaderRecord?.FirstOrDefault(h => h.Equals(member, StringComparison.OrdinalIgnoreCase)) ?? member;
            throw new DataFileException(
                $"data file '{name}' line {csv.Parser.RawRow}: '{exception.Text}' in column {column} does not fit {recordType?.Name}.{member}; fix the value, or the property's type",
                exception);
        }
        catch (CsvHelperException exception)
        {
            throw new DataFileException($"data file '{name}' line {csv.Parser.RawRow} cannot be read as CSV; check its quotes and commas", exception);
        }
    }
}
