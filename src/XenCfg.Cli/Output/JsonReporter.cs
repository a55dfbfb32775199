using System.Text.Json;

namespace XenCfg.Cli.Output;

/// <summary>
/// <c>--format json</c>: one JSON document (version 1 of this shape; a change that breaks readers bumps it):
/// <code>
/// {
///   "version": 1,
///   "tool": { "name": "xcfg", "version": "0.1.0" },
///   "diagnostics": [
///     {
///       "file": "web-a.cfg",                      // as given on the command line (or relative to the current directory)
///       "line": 5, "column": 15,                  // 1-based; columns count UTF-16 code units
///       "endLine": 5, "endColumn": 29,            // just after the last character (= line/column for an empty span)
///       "id": "XCFG0300",
///       "severity": "error",                      // error | warning | info | hint, after config and --rule overrides
///       "title": "Storage written by one domain and used by another",
///       "message": "`/dev/vg/shared` is written by `web-a` here and also used by ...",
///       "helpUri": "https://github.com/xencfgtools/xencfgtools/blob/main/docs/rules.md#xcfg0300",
///       "related": [                              // other places the finding involves, possibly in other files
///         { "file": "web-b.cfg", "line": 5, "column": 52, "endLine": 5, "endColumn": 66, "message": "disk xvdb of `web-b` (written)" }
///       ]
///     }
///   ],
///   "inputErrors": [ { "file": "missing.cfg", "message": "no such file" } ],
///   "summary": { "files": 2, "errors": 2, "warnings": 0, "infos": 0, "hints": 0, "unreadable": 0, "excluded": 0, "maxWarnings": null, "exitCode": 1 }
/// }
/// </code>
/// Diagnostics come file by file in the order the files were given, each file's by position. Written with
/// <see cref="Utf8JsonWriter"/> (no reflection: the CLI is published with Native AOT).
/// </summary>
public sealed class JsonReporter(TextWriter output) : ILintReporter
{
    public const int FormatVersion = 1;

    public void Write(LintReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("version", FormatVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteEndObject();

            json.WriteStartArray("diagnostics");
            foreach (var file in report.Files)
            {
                foreach (var diagnostic in file.Diagnostics)
                {
                    json.WriteStartObject();
                    WriteLocation(json, file.DisplayPath, Region.From(file.Text, diagnostic.Span));
                    json.WriteString("id", diagnostic.Id);
                    json.WriteString("severity", SeverityNames.Name(diagnostic.Severity));
                    json.WriteString("title", JsonText.Clean(diagnostic.Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    json.WriteString("message", JsonText.Clean(diagnostic.Message));
                    json.WriteString("helpUri", diagnostic.Descriptor.HelpLinkUri);
                    json.WriteStartArray("related");
                    foreach (var related in diagnostic.RelatedLocations)
                    {
                        json.WriteStartObject();
                        WriteLocation(json, report.DisplayPath(related.FilePath), Region.From(related.LineSpan));
                        json.WriteString("message", JsonText.Clean(related.Message));
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();

            json.WriteStartArray("inputErrors");
            foreach (var error in report.InputErrors)
            {
                json.WriteStartObject();
                json.WriteString("file", JsonText.Clean(error.DisplayPath));
                json.WriteString("message", JsonText.Clean(error.Reason));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartObject("summary");
            json.WriteNumber("files", report.Files.Count);
            json.WriteNumber("errors", report.Errors);
            json.WriteNumber("warnings", report.Warnings);
            json.WriteNumber("infos", report.Infos);
            json.WriteNumber("hints", report.Hints);
            json.WriteNumber("unreadable", report.InputErrors.Count);
            json.WriteNumber("excluded", report.Excluded);
            if (report.MaxWarnings is { } limit)
            {
                json.WriteNumber("maxWarnings", limit);
            }
            else
            {
                json.WriteNull("maxWarnings");
            }

            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        JsonText.WriteUtf8(output, buffer);
    }

    private static void WriteLocation(Utf8JsonWriter json, string path, Region region)
    {
        json.WriteString("file", JsonText.Clean(path));
        json.WriteNumber("line", region.Line);
        json.WriteNumber("column", region.Column);
        json.WriteNumber("endLine", region.EndLine);
        json.WriteNumber("endColumn", region.EndColumn);
    }
}
