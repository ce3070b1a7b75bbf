using System.Text.Json;
using System.Text.Json.Serialization;

namespace Surge.Monitoring;

/// <summary>Resource samples as JSON, the same in the agent's stream, the results file and the summary JSON.</summary>
internal static class ResourceJson
{
    /// <summary>camelCase names, nulls left out.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes samples as a JSON array.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ResourceSample> samples) =>
        JsonSerializer.Serialize(json, samples, Options);

    /// <summary>Reads a JSON array of samples.</summary>
    /// <exception cref="JsonException">It is not such an array.</exception>
    public static IReadOnlyList<ResourceSample> Read(JsonElement element) =>
        element.Deserialize<ResourceSample[]>(Options) ?? [];
}
