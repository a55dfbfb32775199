using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Configuration.Inputs;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Cli.Output;

/// <summary>
/// The human format, one line per finding: <c>path(line,col): error XCFG0001: message</c>, related locations
/// indented under it, and a summary line. On a terminal each finding also shows its source line with the span
/// underlined, in colour unless colour is off (NO_COLOR).
/// </summary>
public sealed class TextReporter : ILintReporter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    /// <summary>Related locations shown per finding: the full list goes to the machine formats; a person needs the first few.</summary>
    private const int RelatedShown = 5;

    private readonly TextWriter _output;
    private readonly bool _rich;
    private readonly bool _colour;

    /// <param name="output">Where to write.</param>
    /// <param name="rich">Show each finding's source line with the span underlined.</param>
    /// <param name="colour">Use ANSI colours (only with <paramref name="rich"/>).</param>
    public TextReporter(TextWriter output, bool rich, bool colour = true)
    {
        _output = output;
        _rich = rich;
        _colour = rich && colour;
    }

    public void Write(LintReport report)
    {
        foreach (var file in report.Files)
        {
            Report(new FileDiagnostics(file.DisplayPath, file.Text, file.Diagnostics), report.DisplayPath);
        }

        foreach (var error in report.InputErrors)
        {
            ReportInputError(error);
        }

        WriteSummary(report);
    }

    /// <summary>The last line: counts by severity, files linted, and files that could not be read or were excluded.</summary>
    public void WriteSummary(LintReport report)
    {
        var parts = new List<string> { Count(report.Errors, "error"), Count(report.Warnings, "warning") };
        if (report.TooManyWarnings)
        {
            parts[1] += string.Create(CultureInfo.InvariantCulture, $" (more than --max-warnings {report.MaxWarnings})");
        }

        if (report.Infos + report.Hints > 0)
        {
            parts.Add(Count(report.Infos + report.Hints, "note"));
        }

        var tail = string.Empty;
        if (report.InputErrors.Count > 0)
        {
            tail += $", {Count(report.InputErrors.Count, "file")} could not be read";
        }

        if (report.Excluded > 0)
        {
            tail += string.Create(CultureInfo.InvariantCulture, $" ({report.Excluded} excluded)");
        }

        _output.WriteLine($"{string.Join(", ", parts)} in {Count(report.Files.Count, "file")}{tail}");
    }

    /// <summary>One file's findings; related locations are shown with <paramref name="displayPath"/> (their absolute path by default).</summary>
    public void Report(FileDiagnostics file, Func<string, string>? displayPath = null)
    {
        foreach (var diagnostic in file.Diagnostics)
        {
            var position = file.Text.Lines.GetLinePosition(diagnostic.Span.Start);
            var severity = SeverityNames.Name(diagnostic.Severity);
            var location = string.Create(CultureInfo.InvariantCulture, $"{file.DisplayPath}({position.Line + 1},{position.Character + 1})");
            if (_rich)
            {
                _output.WriteLine($"{Paint(Bold)}{location}{Paint(Reset)}: {Paint(Colour(diagnostic.Severity))}{severity} {diagnostic.Id}{Paint(Reset)}: {diagnostic.Message}");
                WriteSourceExcerpt(file.Text, diagnostic);
            }
            else
            {
                _output.WriteLine($"{location}: {severity} {diagnostic.Id}: {diagnostic.Message}");
            }

            foreach (var related in diagnostic.RelatedLocations.Take(RelatedShown))
            {
                var relatedPosition = related.LineSpan.Start;
                var path = displayPath?.Invoke(related.FilePath) ?? related.FilePath;
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {path}({relatedPosition.Line + 1},{relatedPosition.Character + 1}): {related.Message}"));
            }

            if (diagnostic.RelatedLocations.Length > RelatedShown)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    and {diagnostic.RelatedLocations.Length - RelatedShown} more places"));
            }
        }
    }

    public void ReportInputError(InputError error) =>
        _output.WriteLine($"{error.DisplayPath}: error: {error.Reason}");

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private string Paint(string code) => _colour ? code : string.Empty;

    private void WriteSourceExcerpt(SourceText text, ConfigDiagnostic diagnostic)
    {
        var line = text.Lines.GetLineFromPosition(diagnostic.Span.Start);
        var lineText = Printable(text.ToString(line.Span));
        var number = (line.LineNumber + 1).ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        var start = diagnostic.Span.Start - line.Start;
        var width = Math.Max(1, Math.Min(diagnostic.Span.End, line.End) - diagnostic.Span.Start);
        _output.WriteLine($"{Paint(Dim)}{number} |{Paint(Reset)} {lineText}");
        _output.WriteLine($"{Paint(Dim)}{gutter} |{Paint(Reset)} {new string(' ', start)}{Paint(Colour(diagnostic.Severity))}{new string('^', width)}{Paint(Reset)}");
    }

    /// <summary>Control characters would move the cursor or ring the bell; show them as spaces so carets line up.</summary>
    private static string Printable(string line) =>
        string.Create(line.Length, line, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });

    private static string Colour(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "\u001b[31m",
        DiagnosticSeverity.Warning => "\u001b[33m",
        DiagnosticSeverity.Info => "\u001b[36m",
        _ => Dim,
    };
}
