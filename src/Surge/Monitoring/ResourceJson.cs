using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Surge.Monitoring;

/// <summary>Resource samples as JSON, the same in the agent's stream, the results file and the summary JSON.</summary>
internal static class ResourceJson
{
    /// <summary>camelCase names, nulls left out.</summary>
    /// <remarks>
    /// The shapes are generated at build time (<see cref="ResourceJsonContext"/>): written at the end of every
    /// run, the serializer's reflection would cost tens of milliseconds of type loading and compiling there.
    /// </remarks>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ResourceJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Writes samples as a JSON array.</summary>
    public static void Write(Utf8JsonWriter json, IReadOnlyList<ResourceSample> samples) =>
        JsonSerializer.Serialize(json, samples, Options);

    /// <summary>Reads a JSON array of samples.</summary>
    /// <exception cref="JsonException">It is not such an array.</exception>
    public static IReadOnlyList<ResourceSample> Read(JsonElement element) =>
        element.Deserialize<ResourceSample[]>(Options) ?? [];
}

/// <summary>The resource shapes <see cref="ResourceJson"/> reads and writes, generated at build time.</summary>
[JsonSerializable(typeof(ResourceSample[]))]
[JsonSerializable(typeof(IReadOnlyList<ResourceSample>))]
[JsonSerializable(typeof(ResourceSummary[]))]
[JsonSerializable(typeof(IReadOnlyList<ResourceSummary>))]
internal sealed partial class ResourceJsonContext : JsonSerializerContext;
