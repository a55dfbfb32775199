using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Cli.Inputs;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Cli.Output;

/// <summary>
/// The human format, one line per finding: <c>path(line,col): error XCFG0001: message</c>. On a terminal each
/// finding also shows its source line with the span underlined, in colour.
/// </summary>
public sealed class TextReporter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    private readonly TextWriter _output;
    private readonly bool _rich;

    public TextReporter(TextWriter output, bool rich)
    {
        _output = output;
        _rich = rich;
    }

    public void Report(FileDiagnostics file)
    {
        foreach (var diagnostic in file.Diagnostics)
        {
            var position = file.Text.Lines.GetLinePosition(diagnostic.Span.Start);
            var severity = SeverityNames.Name(diagnostic.Severity);
            var location = string.Create(CultureInfo.InvariantCulture, $"{file.DisplayPath}({position.Line + 1},{position.Character + 1})");
            if (_rich)
            {
                _output.WriteLine($"{Bold}{location}{Reset}: {Colour(diagnostic.Severity)}{severity} {diagnostic.Id}{Reset}: {diagnostic.Message}");
                WriteSourceExcerpt(file.Text, diagnostic);
            }
            else
            {
                _output.WriteLine($"{location}: {severity} {diagnostic.Id}: {diagnostic.Message}");
            }

            // The full list goes to the machine formats; a person needs the first few.
            const int Shown = 5;
            foreach (var related in diagnostic.RelatedLocations.Take(Shown))
            {
                var relatedPosition = related.LineSpan.Start;
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {related.FilePath}({relatedPosition.Line + 1},{relatedPosition.Character + 1}): {related.Message}"));
            }

            if (diagnostic.RelatedLocations.Length > Shown)
            {
                _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    and {diagnostic.RelatedLocations.Length - Shown} more places"));
            }
        }
    }

    public void ReportInputError(InputError error) =>
        _output.WriteLine($"{error.DisplayPath}: error: {error.Reason}");

    public void Summary(int errors, int warnings, int others, int files, int unreadable)
    {
        var parts = new List<string>
        {
            Count(errors, "error"),
            Count(warnings, "warning"),
        };
        if (others > 0)
        {
            parts.Add(Count(others, "note"));
        }

        var unreadableText = unreadable > 0 ? $", {Count(unreadable, "file")} could not be read" : string.Empty;
        _output.WriteLine($"{string.Join(", ", parts)} in {Count(files, "file")}{unreadableText}");
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private void WriteSourceExcerpt(SourceText text, ConfigDiagnostic diagnostic)
    {
        var line = text.Lines.GetLineFromPosition(diagnostic.Span.Start);
        var lineText = Printable(text.ToString(line.Span));
        var number = (line.LineNumber + 1).ToString(CultureInfo.InvariantCulture);
        var gutter = new string(' ', number.Length);
        var start = diagnostic.Span.Start - line.Start;
        var width = Math.Max(1, Math.Min(diagnostic.Span.End, line.End) - diagnostic.Span.Start);
        _output.WriteLine($"{Dim}{number} |{Reset} {lineText}");
        _output.WriteLine($"{Dim}{gutter} |{Reset} {new string(' ', start)}{Colour(diagnostic.Severity)}{new string('^', width)}{Reset}");
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
