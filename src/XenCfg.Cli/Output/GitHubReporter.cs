using System.Globalization;
using System.Text;

namespace XenCfg.Cli.Output;

/// <summary>
/// <c>--format github</c>: GitHub Actions workflow commands, which the runner turns into annotations on the lines
/// of the pull request's files:
/// <code>::error file=web-a.cfg,line=5,endLine=5,col=15,endColumn=29,title=XCFG0300::`/dev/vg/shared` is written by ...</code>
/// error, warning, and notice (for info and hint). Related locations follow the message on lines of their own.
/// Values are escaped as the runner expects: <c>%</c>, CR and LF everywhere, and <c>,</c> and <c>:</c> in
/// properties. Paths are as given, so run lint from the repository root. A plain summary line ends the output.
/// </summary>
public sealed class GitHubReporter(TextWriter output) : ILintReporter
{
    public void Write(LintReport report)
    {
        foreach (var file in report.Files)
        {
            foreach (var diagnostic in file.Diagnostics)
            {
                var region = Region.From(file.Text, diagnostic.Span);
                var message = new StringBuilder(diagnostic.Message);
                foreach (var related in diagnostic.RelatedLocations)
                {
                    var start = related.LineSpan.Start;
                    message.Append(CultureInfo.InvariantCulture, $"\n{report.DisplayPath(related.FilePath)}({start.Line + 1},{start.Character + 1}): {related.Message}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"::{Command(diagnostic.Severity)} file={Property(file.DisplayPath)},line={region.Line},endLine={region.EndLine},col={region.Column},endColumn={region.EndColumn},title={Property(diagnostic.Id)}::{Data(message.ToString())}"));
            }
        }

        foreach (var error in report.InputErrors)
        {
            output.WriteLine($"::error file={Property(error.DisplayPath)},title=xcfg::{Data(error.Reason)}");
        }

        new TextReporter(output, rich: false).WriteSummary(report);
    }

    /// <summary>The annotation kind for a severity.</summary>
    public static string Command(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>A message, escaped as the runner's command parser expects (actions/toolkit escapeData).</summary>
    public static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value, escaped as the runner expects (actions/toolkit escapeProperty).</summary>
    public static string Property(string text) =>
        Data(text)
            .Replace(":", "%3A", StringComparison.Ordinal)
            .Replace(",", "%2C", StringComparison.Ordinal);
}
