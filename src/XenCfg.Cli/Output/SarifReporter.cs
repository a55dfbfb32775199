using System.Globalization;
using System.Text;
using System.Text.Json;
using XenCfg.Analysis.Diagnostics;

namespace XenCfg.Cli.Output;

/// <summary>
/// <c>--format sarif</c>: a SARIF 2.1.0 log with one run, for code-scanning services (GitHub's upload-sarif) and
/// SARIF viewers.
/// <list type="bullet">
/// <item><c>tool.driver</c> names xcfg with its version and lists the rules that have results (id, a PascalCase
/// name made from the title, short and full descriptions, the help link into docs/rules.md, the full documentation as
/// <c>help</c>, and the default level), so <c>ruleIndex</c> stays small and stable across catalogue changes.</item>
/// <item>Locations under the directory lint ran in are relative URIs against <c>%SRCROOT%</c>, which
/// <c>originalUriBaseIds</c> gives as that directory's <c>file://</c> URI: run lint from the repository root and
/// they are repository paths, as code scanning expects. Files outside it get absolute <c>file://</c> URIs.</item>
/// <item>Regions are 1-based with an exclusive end column; <c>columnKind</c> is <c>utf16CodeUnits</c>, the unit of
/// .NET strings and of our spans.</item>
/// <item>Related locations carry ids (1, 2, ...) and messages. Levels: error, warning, and note for info and hint.</item>
/// <item>Files that could not be read become error notifications of the invocation, which is then not successful.</item>
/// </list>
/// </summary>
public sealed class SarifReporter(TextWriter output) : ILintReporter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private const string SourceRoot = "%SRCROOT%";

    public void Write(LintReport report)
    {
        var rules = report.Files.SelectMany(file => file.Diagnostics)
            .Select(diagnostic => diagnostic.Descriptor)
            .DistinctBy(descriptor => descriptor.Id)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = rules.Select((descriptor, index) => (descriptor.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", ToolInfo.Version);
            json.WriteString("semanticVersion", ToolInfo.Version);
            json.WriteString("informationUri", ToolInfo.InformationUri);
            json.WriteStartArray("rules");
            foreach (var descriptor in rules)
            {
                WriteRule(json, descriptor);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", report.InputErrors.Count == 0);
            json.WriteNumber("exitCode", report.ExitCode);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var error in report.InputErrors)
            {
                json.WriteStartObject();
                json.WriteString("level", "error");
                WriteMessage(json, $"{error.DisplayPath}: {error.Reason}");
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                WriteArtifact(json, report, Path.GetFullPath(error.DisplayPath, report.BaseDirectory));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("originalUriBaseIds");
            json.WriteStartObject(SourceRoot);
            json.WriteString("uri", DirectoryUri(report.BaseDirectory));
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("results");
            foreach (var file in report.Files)
            {
                foreach (var diagnostic in file.Diagnostics)
                {
                    json.WriteStartObject();
                    json.WriteString("ruleId", diagnostic.Id);
                    json.WriteNumber("ruleIndex", ruleIndex[diagnostic.Id]);
                    json.WriteString("level", Level(diagnostic.Severity));
                    WriteMessage(json, diagnostic.Message);
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    WritePhysicalLocation(json, report, file.FullPath, Region.From(file.Text, diagnostic.Span));
                    json.WriteEndObject();
                    json.WriteEndArray();
                    if (diagnostic.RelatedLocations.Length > 0)
                    {
                        json.WriteStartArray("relatedLocations");
                        var id = 1;
                        foreach (var related in diagnostic.RelatedLocations)
                        {
                            json.WriteStartObject();
                            json.WriteNumber("id", id++);
                            WritePhysicalLocation(json, report, related.FilePath, Region.From(related.LineSpan));
                            WriteMessage(json, related.Message);
                            json.WriteEndObject();
                        }

                        json.WriteEndArray();
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        JsonText.WriteUtf8(output, buffer);
    }

    /// <summary>error, warning, or note (info and hint): SARIF's levels for a result that is a problem.</summary>
    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A rule's name for SARIF: its title in PascalCase ("Storage written by one domain" → "StorageWrittenByOneDomain").</summary>
    public static string RuleName(string title)
    {
        var builder = new StringBuilder(title.Length);
        var startOfWord = true;
        foreach (var c in title)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            builder.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        return builder.ToString();
    }

    private static void WriteRule(Utf8JsonWriter json, DiagnosticDescriptor descriptor)
    {
        var title = descriptor.Title.ToString(CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString("id", descriptor.Id);
        json.WriteString("name", RuleName(title));
        WriteText(json, "shortDescription", title);
        WriteText(json, "fullDescription", descriptor.Description.ToString(CultureInfo.InvariantCulture));
        json.WriteString("helpUri", descriptor.HelpLinkUri);
        if (DiagnosticCatalog.Find(descriptor.Id) is { } entry)
        {
            WriteText(json, "help", RuleReference.Text(entry));
        }

        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(descriptor.DefaultSeverity));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, LintReport report, string fullPath, Region region)
    {
        json.WriteStartObject("physicalLocation");
        WriteArtifact(json, report, fullPath);
        json.WriteStartObject("region");
        json.WriteNumber("startLine", region.Line);
        json.WriteNumber("startColumn", region.Column);
        json.WriteNumber("endLine", region.EndLine);
        json.WriteNumber("endColumn", region.EndColumn);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter json, LintReport report, string fullPath)
    {
        json.WriteStartObject("artifactLocation");
        if (report.RelativePath(fullPath) is not { } relative)
        {
            json.WriteString("uri", new Uri(fullPath).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string text) => WriteText(json, "message", text);

    private static void WriteText(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", JsonText.Clean(text));
        json.WriteEndObject();
    }

    private static string DirectoryUri(string directory)
    {
        var uri = new Uri(directory).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }
}
