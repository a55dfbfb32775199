using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenCfg.LanguageServer.Protocol;

/// <summary>
/// A diagnostic's <c>code</c>, which LSP types <c>integer | string</c>. Ours are strings; a client may send back
/// another server's findings with integer codes in a code action's context, and those must not fail the request.
/// An integer is read as its text.
/// </summary>
internal sealed class DiagnosticCodeConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        _ => throw new JsonException($"a diagnostic's code is an integer or a string, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
