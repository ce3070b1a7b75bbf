using System.Collections;
using System.Text;

namespace Surge.Metrics;

/// <summary>An immutable set of tag names and values, kept sorted by name so equal sets compare equal.</summary>
public sealed class TagSet : IReadOnlyList<KeyValuePair<string, string>>, IEquatable<TagSet>
{
    private readonly KeyValuePair<string, string>[] _tags;
    private readonly int _hash;

    /// <summary>The set with no tags.</summary>
    public static TagSet Empty { get; } = new([]);

    private TagSet(KeyValuePair<string, string>[] sortedTags)
    {
        _tags = sortedTags;
        var hash = new HashCode();
        foreach (var (key, value) in sortedTags)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>Builds a set from name/value pairs; a later pair with the same name wins.</summary>
    public static TagSet From(IEnumerable<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            map[key] = value;
        }

        return map.Count == 0 ? Empty : new TagSet([.. map]);
    }

    /// <summary>Builds a set from alternating names and values: <c>Of("method", "GET", "status", "200")</c>.</summary>
    public static TagSet Of(params string[] namesAndValues)
    {
        ArgumentNullException.ThrowIfNull(namesAndValues);
        if (namesAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Tags come in name/value pairs.", nameof(namesAndValues));
        }

        var pairs = new List<KeyValuePair<string, string>>(namesAndValues.Length / 2);
        for (var i = 0; i < namesAndValues.Length; i += 2)
        {
            pairs.Add(new(namesAndValues[i], namesAndValues[i + 1]));
        }

        return From(pairs);
    }

    /// <summary>This set with one more tag (or one tag's value replaced).</summary>
    public TagSet With(string name, string value) => From(_tags.Append(new(name, value)));

    /// <summary>The value of a tag, or null when the set has no such tag.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in _tags)
            {
                if (string.Equals(key, name, StringComparison.Ordinal))
                {
                    return value;
                }
            }

            return null;
        }
    }

    /// <summary>True when every tag of <paramref name="filter"/> is present here with the same value.</summary>
    public bool Contains(TagSet filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var (key, value) in filter._tags)
        {
            if (!string.Equals(this[key], value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public int Count => _tags.Length;

    /// <inheritdoc />
    public KeyValuePair<string, string> this[int index] => _tags[index];

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(TagSet? other)
    {
        if (other is null || other._hash != _hash || other._tags.Length != _tags.Length)
        {
            return false;
        }

        for (var i = 0; i < _tags.Length; i++)
        {
            if (!string.Equals(_tags[i].Key, other._tags[i].Key, StringComparison.Ordinal)
                || !string.Equals(_tags[i].Value, other._tags[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TagSet);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary>k6's notation: <c>{method:GET, status:200}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        for (var i = 0; i < _tags.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(_tags[i].Key).Append(':').Append(_tags[i].Value);
        }

        return text.Append('}').ToString();
    }
}
