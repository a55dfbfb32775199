using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenCfg.LanguageServer.Protocol;

/// <summary>
/// Writes a publication's diagnostics from each diagnostic's cached JSON. The diagnostics worker hands the same
/// <see cref="Diagnostic"/> object again for a finding of an open document that did not change (see
/// DiagnosticsPublisher), so after an edit only the findings that changed are serialised; the rest are copied as
/// bytes. (The cache lives on the object, not in a ConditionalWeakTable: 100,000 dependent handles slow every GC.)
/// Reading is the ordinary one.
/// </summary>
internal sealed class CachedDiagnosticsConverter : JsonConverter<Diagnostic[]>
{
    public override Diagnostic[]? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, LspJsonContext.Default.DiagnosticArray);

    public override void Write(Utf8JsonWriter writer, Diagnostic[] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var diagnostic in value)
        {
            if (diagnostic.Utf8Json is null && diagnostic.KeepJson)
            {
                diagnostic.Utf8Json = JsonSerializer.SerializeToUtf8Bytes(diagnostic, LspJsonContext.Default.Diagnostic);
            }

            if (diagnostic.Utf8Json is { } json)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }
            else
            {
                JsonSerializer.Serialize(writer, diagnostic, LspJsonContext.Default.Diagnostic);
            }
        }

        writer.WriteEndArray();
    }
}
