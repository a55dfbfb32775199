using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.CodeFixes;
using XenCfg.Analysis.Diagnostics;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Quick fixes for the findings the request is about, from Analysis's <see cref="CodeFixRegistry"/> (the fixes
/// `xcfg lint --fix` applies; the first safe one is the preferred fix), "suppress on this line" for findings that
/// can be suppressed (those that do not make xl refuse the file: suppressing one of those would hide a file xl
/// cannot read), and, when asked for by kind, one action applying every safe fix in the file.
/// </summary>
/// <remarks>
/// The findings a request is about are those touching its range and those the client names in
/// <c>context.diagnostics</c>. Neovim 0.7 sends an empty range at the cursor with the diagnostics of the cursor's
/// line, so the fixes of a line are offered wherever the cursor is on it. <c>context.only</c> filters by kind, a kind
/// matching its sub-kinds (<see cref="CodeActionKinds.Includes"/>).
/// </remarks>
internal static class CodeActionProvider
{
    private const string MissingSemicolon = "XCFG0014";
    private const string MissingComma = "XCFG0031";

    /// <summary>The kinds of action this provider makes (the server's capability lists them).</summary>
    public static readonly string[] Kinds = [CodeActionKinds.QuickFix, CodeActionKinds.SourceFixAll];

    public static CodeAction[] For(
        TextDocument document,
        SyntaxTree tree,
        AnalysisOptions options,
        TextSpan range,
        ImmutableArray<ConfigDiagnostic> diagnostics,
        CodeActionContext? context)
    {
        var only = context?.Only is { Length: > 0 } kinds ? kinds : null;
        var actions = new List<CodeAction>();
        if (only is null || Wanted(only, CodeActionKinds.QuickFix))
        {
            AddQuickFixes(document, tree, Selected(diagnostics, tree.Text, range, context?.Diagnostics), actions);
        }

        // Only on request: a client that asks for every kind (no `only`) shows them all at the cursor, and a fix-all
        // there at every position is noise; editors ask for it by kind (VS Code's source actions and fix on save).
        if (only is not null && Wanted(only, CodeActionKinds.SourceFixAll) && FixAllAction(document, tree, options, diagnostics) is { } fixAll)
        {
            actions.Add(fixAll);
        }

        return [.. actions];
    }

    private static bool Wanted(string[] only, string kind) => only.Any(requested => CodeActionKinds.Includes(requested, kind));

    /// <summary>
    /// The findings touching <paramref name="range"/>, and those the client names. A named one is matched by code,
    /// message and start line, not by its exact range: Neovim 0.7 sends columns back in bytes, not UTF-16 units.
    /// </summary>
    private static List<ConfigDiagnostic> Selected(ImmutableArray<ConfigDiagnostic> diagnostics, SourceText text, TextSpan range, Protocol.Diagnostic[]? named)
    {
        var selected = new List<ConfigDiagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (Touches(diagnostic.Span, range) || (named is { Length: > 0 } && named.Any(candidate => Names(candidate, diagnostic, text))))
            {
                selected.Add(diagnostic);
            }
        }

        return selected;
    }

    private static bool Names(Protocol.Diagnostic named, ConfigDiagnostic diagnostic, SourceText text) =>
        named.Code == diagnostic.Id
        && named.Message == diagnostic.Message
        && named.Range.Start.Line == text.Lines.GetLinePosition(Math.Clamp(diagnostic.Span.Start, 0, text.Length)).Line;

    private static void AddQuickFixes(TextDocument document, SyntaxTree tree, List<ConfigDiagnostic> diagnostics, List<CodeAction> actions)
    {
        foreach (var diagnostic in diagnostics)
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
    }

    /// <summary>Every safe fix of the file, as `xcfg lint --fix` applies them; null when there is none.</summary>
    private static CodeAction? FixAllAction(TextDocument document, SyntaxTree tree, AnalysisOptions options, ImmutableArray<ConfigDiagnostic> diagnostics)
    {
        SyntaxTree fixedTree;
        int applied;
        try
        {
            (fixedTree, applied) = FixAll.Apply(tree, options, includeUnsafe: false, diagnostics);
        }
#pragma warning disable CA1031 // A fix that fails costs the fix-all action, not the other actions or the request.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }

        if (applied == 0)
        {
            return null;
        }

        var title = applied == 1 ? "Fix the 1 auto-fixable problem (xcfg)" : $"Fix all {applied} auto-fixable problems (xcfg)";
        return new CodeAction(title, CodeActionKinds.SourceFixAll, Edit: Edit(document, tree.Text, fixedTree.Text.GetTextChanges(tree.Text)));
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
