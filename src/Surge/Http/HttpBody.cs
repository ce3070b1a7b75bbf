using System.Text;
using System.Text.Json;

namespace Surge.Http;

/// <summary>A request body with its content type: JSON, a form, text or bytes.</summary>
/// <example><code>await vu.Http.PostAsync("/login", HttpBody.Json(new { username, password }));</code></example>
public sealed class HttpBody
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private HttpBody(ReadOnlyMemory<byte> content, string contentType)
    {
        Content = content;
        ContentType = contentType;
    }

    /// <summary>The bytes sent.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>The <c>Content-Type</c> header sent with it, unless the request sets its own.</summary>
    public string ContentType { get; }

    /// <summary>A value serialised as JSON with System.Text.Json's web defaults (camelCase names).</summary>
    public static HttpBody Json(object? value) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, value?.GetType() ?? typeof(object), WebJson), "application/json");

    /// <summary>An HTML form, <c>application/x-www-form-urlencoded</c>.</summary>
    public static HttpBody Form(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var text = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return new(Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded");
    }

    /// <summary>Text, UTF-8 encoded.</summary>
    public static HttpBody Text(string text, string contentType = "text/plain; charset=utf-8")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(Encoding.UTF8.GetBytes(text), contentType);
    }

    /// <summary>Raw bytes.</summary>
    public static HttpBody Bytes(ReadOnlyMemory<byte> bytes, string contentType = "application/octet-stream") => new(bytes, contentType);

    /// <summary>Text, UTF-8 encoded, as <c>text/plain</c>.</summary>
    public static HttpBody FromString(string text) => Text(text);

    /// <summary>Lets a string be passed where a body is expected.</summary>
    public static implicit operator HttpBody(string text) => Text(text);
}
