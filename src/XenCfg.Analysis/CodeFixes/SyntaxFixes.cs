using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>Fixes for syntax findings whose repair is evident.</summary>
public sealed class SyntaxFixes : CodeFixProvider
{
    public override IReadOnlyCollection<string> FixableIds { get; } =
    [
        SyntaxDiagnostics.MissingSemicolon.Id, SyntaxDiagnostics.MissingComma.Id, SyntaxDiagnostics.CarriageReturn.Id,
        SyntaxDiagnostics.ByteOrderMark.Id, SyntaxDiagnostics.CommentWithoutNewline.Id, SyntaxDiagnostics.InvalidEscape.Id,
        SyntaxDiagnostics.UpperCaseKey.Id, SyntaxDiagnostics.PythonConstant.Id, SyntaxDiagnostics.PythonName.Id,
    ];

    public override IEnumerable<CodeFix> GetFixes(CodeFixContext context)
    {
        var diagnostic = context.Diagnostic;
        var text = context.Tree.Text;
        var spanText = text.ToString(diagnostic.Span);
        switch (diagnostic.Id)
        {
            case "XCFG0014":
                yield return Fix(context, "Add the missing `;`", safe: true, new TextChange(diagnostic.Span, ";"));
                break;
            case "XCFG0031":
                yield return Fix(context, "Add the missing `,`", safe: true, new TextChange(diagnostic.Span, ","));
                break;
            case "XCFG0002":
                yield return Fix(context, "Convert the line endings to LF", safe: true, CarriageReturnChanges(text).ToArray());
                break;
            case "XCFG0003":
                yield return Fix(context, "Remove the byte-order mark", safe: true, new TextChange(diagnostic.Span, string.Empty));
                break;
            case "XCFG0004":
                yield return Fix(context, "Add a newline at the end of the file", safe: true, new TextChange(new TextSpan(text.Length, 0), "\n"));
                break;
            case "XCFG0021" when spanText.Length == 2 && spanText[1] is not 'x' and not (>= '0' and <= '7'):
                // Python kept an unknown escape as a backslash and the character: escaping the backslash means the same.
                yield return Fix(context, $"Write `\\{spanText}` (a literal backslash)", safe: true, new TextChange(new TextSpan(diagnostic.Span.Start, 1), "\\\\"));
                break;
            case "XCFG0010":
                var lower = spanText.TrimStart('_').ToLowerInvariant();
                if (SyntaxFacts.IsXlKey(lower))
                {
                    yield return Fix(context, $"Rename to `{lower}`", safe: false, new TextChange(diagnostic.Span, lower));
                }

                break;
            case "XCFG0054" when spanText is "True" or "False":
                var number = spanText == "True" ? "1" : "0";
                yield return Fix(context, $"Write `{number}`", safe: false, new TextChange(diagnostic.Span, number));
                break;
            case "XCFG0053" when !spanText.Contains('"', StringComparison.Ordinal):
                yield return Fix(context, $"Quote it: `\"{spanText}\"`", safe: false, new TextChange(diagnostic.Span, $"\"{spanText}\""));
                break;
        }
    }

    /// <summary>Every carriage return that ends a line.</summary>
    private static IEnumerable<TextChange> CarriageReturnChanges(SourceText text)
    {
        var content = text.ToString();
        for (var i = content.IndexOf("\r\n", StringComparison.Ordinal); i >= 0; i = content.IndexOf("\r\n", i + 2, StringComparison.Ordinal))
        {
            yield return new TextChange(new TextSpan(i, 1), string.Empty);
        }
    }
}
