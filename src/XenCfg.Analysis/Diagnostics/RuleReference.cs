using System.Globalization;
using System.Text;

namespace XenCfg.Analysis.Diagnostics;

/// <summary>
/// Renders the catalogue's documentation: as text for `xcfg explain`, and as the Markdown rule reference in the
/// docs/rules.md (which a test keeps identical to the catalogue).
/// </summary>
public static class RuleReference
{
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hint",
    };

    public static string Text(CatalogEntry entry)
    {
        var descriptor = entry.Descriptor;
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{descriptor.Id}: {descriptor.Title} ({SeverityName(descriptor.DefaultSeverity)} by default)\n\n");
        builder.Append(descriptor.Description.ToString(CultureInfo.InvariantCulture)).Append("\n\n");
        builder.Append("Source: ").Append(entry.Documentation.Source).Append("\n\n");
        builder.Append("Example:\n").Append(Indent(entry.Documentation.Example)).Append('\n');
        builder.Append("Fix:\n").Append(Indent(entry.Documentation.Fix)).Append('\n');
        builder.Append("More: ").Append(descriptor.HelpLinkUri).Append('\n');
        return builder.ToString();
    }

    /// <summary>The rule reference in docs/rules.md: one heading per ID (the anchor help links point at), in ID order.</summary>
    public static string Markdown(IEnumerable<CatalogEntry> entries)
    {
        var builder = new StringBuilder();
        foreach (var entry in entries.OrderBy(entry => entry.Id, StringComparer.Ordinal))
        {
            var descriptor = entry.Descriptor;
            builder.Append(CultureInfo.InvariantCulture, $"#### {descriptor.Id}\n\n");
            builder.Append(CultureInfo.InvariantCulture, $"**{descriptor.Title}** — {SeverityName(descriptor.DefaultSeverity)} by default. ");
            builder.Append(descriptor.Description.ToString(CultureInfo.InvariantCulture)).Append('\n');
            builder.Append('\n').Append("Source: ").Append(entry.Documentation.Source).Append('\n');
            builder.Append("\n```\n# example\n").Append(entry.Documentation.Example.TrimEnd('\n')).Append("\n# fix\n").Append(entry.Documentation.Fix.TrimEnd('\n')).Append("\n```\n\n");
        }

        return builder.ToString();
    }

    private static string Indent(string text) =>
        string.Concat(text.TrimEnd('\n').Split('\n').Select(line => "    " + line + "\n"));
}
