using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.CodeFixes;
using XenCfg.Analysis.Diagnostics;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Quick fixes for the findings in the requested range, from Analysis's <see cref="CodeFixRegistry"/> (the fixes
/// `xcfg lint --fix` applies; the first safe one is the preferred fix), and "suppress on this line" for findings that
/// can be suppressed (those that do not make xl refuse the file: suppressing one of those would hide a file xl
/// cannot read).
/// </summary>
internal static class CodeActionProvider
{
    private const string MissingSemicolon = "XCFG0014";
    private const string MissingComma = "XCFG0031";

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
            var preferred = false;
            foreach (var fix in FixesFor(tree, diagnostic))
            {
                var isPreferred = fix.IsSafe && !preferred;
                preferred |= isPreferred;
                var action = new CodeAction(fix.Title, CodeActionKinds.QuickFix, [lspDiagnostic], isPreferred ? true : null, Edit(document, tree.Text, fix.Changes));

                // Two findings with one fix (xm's ip and netmask both move into extra): one action fixing both.
                var same = actions.FindIndex(other => other.Title == action.Title && SameEdit(other.Edit, action.Edit));
                if (same >= 0)
                {
                    actions[same] = actions[same] with { Diagnostics = [.. actions[same].Diagnostics ?? [], lspDiagnostic], IsPreferred = actions[same].IsPreferred ?? action.IsPreferred };
                    continue;
                }

                actions.Add(action);
            }

            if (CanSuppress(diagnostic))
            {
                var suppression = CodeFixRegistry.SuppressOnLine(tree, diagnostic);
                actions.Add(new CodeAction(suppression.Title, CodeActionKinds.QuickFix, [lspDiagnostic], Edit: Edit(document, tree.Text, suppression.Changes)));
            }
        }

        return [.. actions];
    }

    /// <summary>
    /// The registry's fixes, with the missing <c>;</c> or <c>,</c> put right after the value before it (the registry
    /// inserts it where the parser reports it, after the blanks: <c>"vm" ;memory</c> instead of <c>"vm"; memory</c>).
    /// </summary>
    private static IEnumerable<CodeFix> FixesFor(SyntaxTree tree, ConfigDiagnostic diagnostic)
    {
        CodeFix[] fixes;
        try
        {
            fixes = [.. CodeFixRegistry.GetFixes(tree, diagnostic)];
        }
#pragma warning disable CA1031 // A fix provider that fails costs its fixes, not the other actions or the request.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return [];
        }

        if (diagnostic.Id is not (MissingSemicolon or MissingComma))
        {
            return fixes;
        }

        return fixes.Select(fix => fix with { Changes = [.. fix.Changes.Select(change => AfterPreviousValue(tree.Text, change))] });
    }

    /// <summary>An insertion moved back over the blanks before it, when only blanks separate it from the text before.</summary>
    internal static TextChange AfterPreviousValue(SourceText text, TextChange change)
    {
        if (!change.Span.IsEmpty)
        {
            return change;
        }

        var at = change.Span.Start;
        while (at > 0 && text[at - 1] is ' ' or '\t')
        {
            at--;
        }

        return at > 0 && text[at - 1] is not ('\n' or '\r') ? new TextChange(new TextSpan(at, 0), change.NewText ?? string.Empty) : change;
    }

    private static bool SameEdit(WorkspaceEdit? left, WorkspaceEdit? right) =>
        left is not null && right is not null && left.Changes.Count == right.Changes.Count
        && left.Changes.All(pair => right.Changes.TryGetValue(pair.Key, out var edits) && edits.SequenceEqual(pair.Value));

    private static bool CanSuppress(ConfigDiagnostic diagnostic) =>
        !diagnostic.IsRejectedByXl && diagnostic.Id != ToolDiagnostics.InternalError.Id;

    private static bool Touches(TextSpan span, TextSpan range) =>
        span.IntersectsWith(range) || span.OverlapsWith(range) || span.Start == range.Start || span.End == range.Start || span.Start == range.End;

    private static WorkspaceEdit Edit(TextDocument document, SourceText text, IEnumerable<TextChange> changes) =>
        new(new Dictionary<string, TextEdit[]>(StringComparer.Ordinal)
        {
            [document.Uri] = [.. changes.Select(change => new TextEdit(PositionMapping.ToRange(text, change.Span), change.NewText ?? string.Empty))],
        });
}
