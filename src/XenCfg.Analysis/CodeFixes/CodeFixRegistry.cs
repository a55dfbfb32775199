using System.Collections.Frozen;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>
/// The code fixes: what can be done about a diagnostic (for the editor's quick fixes), and applying every fix to a
/// file at once (for `xcfg lint --fix`).
/// </summary>
public static class CodeFixRegistry
{
    private static readonly CodeFixProvider[] Providers = [new SyntaxFixes(), new KeyFixes(), new DiskFixes(), new NetworkFixes()];

    private static readonly FrozenDictionary<string, CodeFixProvider[]> ById = Providers
        .SelectMany(provider => provider.FixableIds.Select(id => (id, provider)))
        .GroupBy(pair => pair.id, StringComparer.Ordinal)
        .ToFrozenDictionary(group => group.Key, group => group.Select(pair => pair.provider).ToArray(), StringComparer.Ordinal);

    /// <summary>The IDs that have a fix (beyond suppressing them).</summary>
    public static IEnumerable<string> FixableIds => ById.Keys;

    public static ImmutableArray<CodeFix> GetFixes(SyntaxTree tree, ConfigDiagnostic diagnostic)
    {
        if (!ById.TryGetValue(diagnostic.Id, out var providers))
        {
            return [];
        }

        var context = new CodeFixContext(tree, diagnostic);
        return [.. providers.SelectMany(provider => provider.GetFixes(context)).Where(fix => fix.Changes.Length > 0)];
    }

    /// <summary>A fix that silences one diagnostic on its line with an <c># xcfg-disable-next-line ID</c> comment above it.</summary>
    public static CodeFix SuppressOnLine(SyntaxTree tree, ConfigDiagnostic diagnostic)
    {
        var line = tree.Text.Lines.GetLineFromPosition(diagnostic.Span.Start);
        var lineText = tree.Text.ToString(line.Span);
        var indentation = lineText[..(lineText.Length - lineText.TrimStart(' ', '\t').Length)];
        return new CodeFix($"Suppress {diagnostic.Id} on this line", diagnostic.Id,
            [new TextChange(new TextSpan(line.Start, 0), $"{indentation}# xcfg-disable-next-line {diagnostic.Id}\n")], IsSafe: false);
    }

    /// <summary>
    /// Applies the first fix of each diagnostic (safe ones only unless <paramref name="includeUnsafe"/>), skipping
    /// fixes whose edits overlap an earlier one. Returns the new text and how many fixes were applied; run again
    /// on the result to apply fixes that were skipped for overlapping.
    /// </summary>
    public static (SourceText Text, int Applied) ApplyAll(SyntaxTree tree, IEnumerable<ConfigDiagnostic> diagnostics, bool includeUnsafe)
    {
        var accepted = new List<TextChange>();
        var applied = 0;
        foreach (var diagnostic in diagnostics)
        {
            var fix = GetFixes(tree, diagnostic).FirstOrDefault(candidate => candidate.IsSafe || includeUnsafe);
            if (fix is null || fix.Changes.Any(change => accepted.Any(other => Overlap(change.Span, other.Span))))
            {
                continue;
            }

            accepted.AddRange(fix.Changes);
            applied++;
        }

        return (tree.Text.WithChanges(accepted.OrderBy(change => change.Span.Start)), applied);
    }

    /// <summary>Two edits conflict when they overlap, or are insertions at the same place.</summary>
    private static bool Overlap(TextSpan left, TextSpan right) =>
        left.OverlapsWith(right) || left.Start == right.Start || (left.IsEmpty && right.Contains(left.Start)) || (right.IsEmpty && left.Contains(right.Start));
}
