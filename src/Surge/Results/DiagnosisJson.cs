using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Surge.Outcome;

namespace Surge.Results;

/// <summary>
/// A <see cref="Diagnosis"/> in JSON, for the summary JSON's <c>surge.diagnosis</c> and the results file's
/// <c>diagnosis</c> line: its facts as fields (read back by <c>surge report</c>) and its English text
/// as <c>text</c>, for people and tools that only want the words.
/// </summary>
internal static class DiagnosisJson
{
    // The shapes come from DiagnosisJsonContext, generated at build time: written at the end of every run,
    // the serializer's reflection cost tens of milliseconds there (type loading, compiling its accessors).
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(DiagnosisJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>Writes the diagnosis's fields and <c>text</c> into the object being written.</summary>
    public static void WriteFields(Utf8JsonWriter json, Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(diagnosis);
        foreach (var field in JsonSerializer.SerializeToElement(diagnosis, Options).EnumerateObject())
        {
            field.WriteTo(json);
        }

        json.WriteString("summary", DiagnosisText.Short(diagnosis, DiagnosisLanguage.English));
        json.WriteStartArray("text");
        foreach (var line in DiagnosisText.Lines(diagnosis, DiagnosisLanguage.English))
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }

    /// <summary>Reads a diagnosis written by <see cref="WriteFields"/>; other fields (<c>type</c>, <c>summary</c>, <c>text</c>) are passed over.</summary>
    /// <exception cref="JsonException">The object is not a diagnosis.</exception>
    public static Diagnosis Read(JsonElement element) =>
        element.Deserialize<Diagnosis>(Options) ?? throw new JsonException("not a diagnosis");
}

/// <summary>The shape of a <see cref="Diagnosis"/>, generated at build time for <see cref="DiagnosisJson"/>.</summary>
[JsonSerializable(typeof(Diagnosis))]
internal sealed partial class DiagnosisJsonContext : JsonSerializerContext;
