using System.Collections;
using System.Text.Json;
using Surge.Execution;

namespace Surge.Scripting.Data;

/// <summary>
/// Test data loaded once and shared read-only by every VU (k6's <c>SharedArray</c>): users to log
/// in as, product ids, search terms. Pick a row per VU, one after another across the whole test,
/// or at random.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
/// <example><code>
/// private static readonly SharedArray&lt;CsvRow&gt; Users = SharedArray.Csv("users.csv");
/// ...
/// var user = Users.ForVu(vu);   // same user for a VU, a different one per VU
/// </code></example>
public sealed class SharedArray<T> : IReadOnlyList<T>
{
    private readonly T[] _items;
    private long _next = -1;

    internal SharedArray(string name, T[] items)
    {
        if (items.Length == 0)
        {
            throw new DataFileException($"data file '{name}' has no rows; add at least one");
        }

        Name = name;
        _items = items;
    }

    /// <summary>Where the data came from (the file name).</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <summary>The VU's own row: VU 1 gets row 0, VU 2 row 1, and so on, wrapping around when there are more VUs than rows.</summary>
    public T ForVu(Vu vu)
    {
        ArgumentNullException.ThrowIfNull(vu);
        return _items[Math.Max(vu.Id - 1, 0) % _items.Length];
    }

    /// <summary>
    /// The next row in order, across all VUs of the test: each call gets a row no other call got,
    /// until the last row; then it starts again from the first.
    /// </summary>
    public T Next() => _items[(int)(Interlocked.Increment(ref _next) % _items.Length)];

    /// <summary>A row picked at random.</summary>
    public T Random() => _items[System.Random.Shared.Next(_items.Length)];

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Loads shared data from CSV and JSON files; relative paths are relative to the scenario file.</summary>
public static class SharedArray
{
    private static readonly AsyncLocal<string?> Folder = new();
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>Rows of a CSV file with a header line, each a map from column name to value.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file has no header or no rows, or a row has more or fewer fields than the header; the message names the line.</exception>
    public static SharedArray<IReadOnlyDictionary<string, string>> Csv(string path) =>
        new(path, CsvData.Rows(path, Resolve(path)));

    /// <summary>Rows of a CSV file with a header line, mapped to <typeparamref name="T"/> by column name.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">
    /// The file has no header or no rows, a row has more or fewer fields than the header, a property has
    /// no column, or a value does not fit its property; the message names the line.
    /// </exception>
    public static SharedArray<T> Csv<T>(string path) =>
        new(path, CsvData.Records<T>(path, Resolve(path)));

    /// <summary>The items of a JSON array, deserialised with System.Text.Json's web defaults (camelCase, case-insensitive).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file is not a JSON array of <typeparamref name="T"/>, or is empty; the message names the line.</exception>
    public static SharedArray<T> Json<T>(string path)
    {
        using var stream = File.OpenRead(Resolve(path));
        T[]? items;
        try
        {
            items = JsonSerializer.Deserialize<T[]>(stream, WebJson);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } number ? $" line {number + 1}" : "";
            throw new DataFileException($"data file '{path}'{line} is not valid JSON, or does not fit a JSON array of {typeof(T).Name}; fix it there", exception);
        }

        return new SharedArray<T>(path, items ?? throw new DataFileException($"data file '{path}' is null; write a JSON array, e.g. [{{ \"id\": 1 }}]"));
    }

    /// <summary>Resolves relative data paths against <paramref name="folder"/> while <paramref name="load"/> runs.</summary>
    internal static TResult WithFolder<TResult>(string folder, Func<TResult> load)
    {
        var outer = Folder.Value;
        Folder.Value = folder;
        try
        {
            return load();
        }
        finally
        {
            Folder.Value = outer;
        }
    }

    internal static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path, Folder.Value ?? Directory.GetCurrentDirectory());
        return File.Exists(full)
            ? full
            : throw new FileNotFoundException($"Shared data file '{path}' was not found (looked for {full}).", full);
    }
}
