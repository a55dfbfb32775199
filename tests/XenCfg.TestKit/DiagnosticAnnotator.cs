using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.TestKit;

/// <summary>
/// Writes a config with each diagnostic shown under the line it is on, as a comment:
/// <code>
/// disk = [ 'phy:hda3,sda1,w!' ]
/// #                       ^^ XCFG0101 error: ...
/// </code>
/// so a baseline file is itself a config that reads like a review.
/// </summary>
public static class DiagnosticAnnotator
{
    public static string Annotate(SourceText text, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        var byLine = diagnostics
            .GroupBy(diagnostic => text.Lines.GetLinePosition(diagnostic.Span.Start).Line)
            .ToDictionary(group => group.Key, group => group.ToList());
        var builder = new StringBuilder();
        foreach (var line in text.Lines)
        {
            builder.Append(text.ToString(line.Span).Replace("\r", "\\r", StringComparison.Ordinal)).Append('\n');
            if (!byLine.TryGetValue(line.LineNumber, out var found))
            {
                continue;
            }

            foreach (var diagnostic in found)
            {
                var column = diagnostic.Span.Start - line.Start;
                var width = Math.Max(1, Math.Min(diagnostic.Span.End, line.End) - diagnostic.Span.Start);
                // '#' takes column 0, so the carets start under the diagnostic's first column (or right after '#').
                builder.Append('#').Append(' ', Math.Max(0, column - 1))
                    .Append('^', width)
                    .Append(' ').Append(diagnostic.Id).Append(' ')
                    .Append(diagnostic.Severity.ToString().ToLowerInvariant()).Append(": ")
                    .Append(diagnostic.Message.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            }
        }

        return builder.ToString();
    }
}
