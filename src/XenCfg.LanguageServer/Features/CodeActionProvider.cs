using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Quick fixes for the findings in the requested range, and "suppress on this line" for findings that can be
/// suppressed (those that do not make xl refuse the file: suppressing one of those would hide a file xl cannot read).
/// </summary>
internal static class CodeActionProvider
{
    public const string SuppressionComment = "# xcfg-disable-next-line";

    public static CodeAction[] For(TextDocument document, SyntaxTree tree, TextSpan range, ImmutableArray<ConfigDiagnostic> diagnostics, string[]? only)
    {
        if (only is { Length: > 0 } && !only.Any(kind => kind == CodeActionKinds.QuickFix || CodeActionKinds.QuickFix.StartsWith(kind + ".", StringComparison.Ordinal)))
        {
            return [];
        }

        var actions = new List<CodeAction>();
        foreach (var diagnostic in diagnostics.Where(diagnostic => Touches(diagnostic.Span, range)))
        {
            var lspDiagnostic = DiagnosticConverter.ToLsp(diagnostic, tree.Text);
            foreach (var fix in SyntaxQuickFixes.For(diagnostic, tree))
            {
                actions.Add(new CodeAction(fix.Title, CodeActionKinds.QuickFix, [lspDiagnostic], fix.IsPreferred ? true : null, Edit(document, tree.Text, fix.Changes)));
            }

            if (CanSuppress(diagnostic))
            {
                actions.Add(new CodeAction(
                    $"Suppress {diagnostic.Id} on this line",
                    CodeActionKinds.QuickFix,
                    [lspDiagnostic],
                    Edit: Edit(document, tree.Text, [Suppression(tree.Text, diagnostic)])));
            }
        }

        return [.. actions];
    }

    private static bool CanSuppress(ConfigDiagnostic diagnostic) =>
        !diagnostic.IsRejectedByXl && diagnostic.Id != ToolDiagnostics.InternalError.Id;

    /// <summary>A comment line above the finding's line, indented like it.</summary>
    private static TextChange Suppression(SourceText text, ConfigDiagnostic diagnostic)
    {
        var line = text.Lines.GetLineFromPosition(diagnostic.Span.Start);
        var lineText = text.ToString(line.Span);
        var indentation = lineText[..(lineText.Length - lineText.TrimStart(' ', '\t').Length)];
        return new TextChange(new TextSpan(line.Start, 0), $"{indentation}{SuppressionComment} {diagnostic.Id}\n");
    }

    private static bool Touches(TextSpan span, TextSpan range) =>
        span.IntersectsWith(range) || span.OverlapsWith(range) || span.Start == range.Start || span.End == range.Start || span.Start == range.End;

    private static WorkspaceEdit Edit(TextDocument document, SourceText text, IEnumerable<TextChange> changes) =>
        new(new Dictionary<string, TextEdit[]>(StringComparer.Ordinal)
        {
            [document.Uri] = [.. changes.Select(change => new TextEdit(PositionMapping.ToRange(text, change.Span), change.NewText ?? string.Empty))],
        });
}
