using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis;

/// <summary>
/// Inline suppressions, in comments so the file stays valid for xl:
/// <c># xcfg-disable-next-line XCFG0123 [XCFG0456 ...]</c> silences those IDs on the next line (every ID when none is
/// given); <c># xcfg-disable XCFG0123</c> silences them until <c># xcfg-enable [XCFG0123]</c> or the end of the
/// file. A suppression that silences nothing gets a warning (XCFG0901), so none is left behind after a fix.
/// </summary>
public static partial class Suppressions
{
    private sealed class Suppression(string directive, string? id, TextSpan commentSpan, int firstLine, int lastLine)
    {
        public string Directive { get; } = directive;

        /// <summary>The suppressed ID, or null for every ID.</summary>
        public string? Id { get; } = id;

        public TextSpan CommentSpan { get; } = commentSpan;

        public int FirstLine { get; } = firstLine;

        public int LastLine { get; set; } = lastLine;

        public bool Used { get; set; }

        public bool Covers(ConfigDiagnostic diagnostic, int line) =>
            line >= FirstLine && line <= LastLine && (Id is null || string.Equals(Id, diagnostic.Id, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Removes suppressed diagnostics and adds one warning per suppression that suppressed nothing.</summary>
    public static ImmutableArray<ConfigDiagnostic> Apply(SyntaxTree tree, IEnumerable<ConfigDiagnostic> diagnostics)
    {
        // Most files have no directive: finding none in the text is far cheaper than walking every token's trivia.
        if (!MayApply(tree.Text))
        {
            return [.. diagnostics];
        }

        var (suppressions, problems) = Collect(tree);
        if (suppressions.Count == 0 && problems.Count == 0)
        {
            return [.. diagnostics];
        }

        var kept = new List<ConfigDiagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            var line = tree.Text.Lines.GetLineFromPosition(diagnostic.Span.Start).LineNumber;
            var covering = suppressions.Where(suppression => suppression.Covers(diagnostic, line)).ToList();
            if (covering.Count == 0 || diagnostic.Descriptor == ToolDiagnostics.InternalError)
            {
                kept.Add(diagnostic);
                continue;
            }

            covering.ForEach(suppression => suppression.Used = true);
        }

        foreach (var unused in suppressions.Where(suppression => !suppression.Used))
        {
            var which = unused.Id is null ? string.Empty : $" ({unused.Id} is not reported there)";
            kept.Add(ConfigDiagnostic.Create(ToolDiagnostics.UnusedSuppression, unused.CommentSpan, unused.Directive, which));
        }

        kept.AddRange(problems);
        return [.. kept.OrderBy(diagnostic => diagnostic.Span.Start).ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// False when the text holds no directive, so <see cref="Apply"/> would return the diagnostics unchanged (in
    /// their order) without looking at the tree.
    /// </summary>
    public static bool MayApply(SourceText text) => text.ToString().Contains("xcfg-", StringComparison.Ordinal);

    private static (List<Suppression> Suppressions, List<ConfigDiagnostic> Problems) Collect(SyntaxTree tree)
    {
        var suppressions = new List<Suppression>();
        var problems = new List<ConfigDiagnostic>();
        var open = new List<Suppression>();
        var lastLine = tree.Text.Lines.Count - 1;
        foreach (var token in tree.Root.DescendantTokens())
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.Kind != SyntaxKind.CommentTrivia || Directive().Match(trivia.Text) is not { Success: true } match)
                {
                    continue;
                }

                var directive = "xcfg-" + match.Groups["directive"].Value;
                var line = tree.Text.Lines.GetLineFromPosition(trivia.Position).LineNumber;
                var ids = match.Groups["ids"].Value.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
                foreach (var id in ids.Where(id => DiagnosticCatalog.Find(id) is null))
                {
                    problems.Add(ConfigDiagnostic.Create(ToolDiagnostics.UnknownSuppressionId, trivia.Span, id));
                }

                var known = ids.Where(id => DiagnosticCatalog.Find(id) is not null).Select(id => id.ToUpperInvariant()).ToList();
                var targets = known.Count > 0 ? known.Cast<string?>().ToList() : ids.Length == 0 ? [null] : [];
                switch (directive)
                {
                    case "xcfg-disable-next-line":
                        suppressions.AddRange(targets.Select(id => new Suppression(directive, id, trivia.Span, line + 1, line + 1)));
                        break;
                    case "xcfg-disable":
                        var opened = targets.Select(id => new Suppression(directive, id, trivia.Span, line, lastLine)).ToList();
                        open.AddRange(opened);
                        suppressions.AddRange(opened);
                        break;
                    case "xcfg-enable":
                        foreach (var region in open.Where(region => targets.Contains(null) || targets.Contains(region.Id)).ToList())
                        {
                            region.LastLine = line;
                            open.Remove(region);
                        }

                        break;
                }
            }
        }

        return (suppressions, problems);
    }

    [GeneratedRegex(@"^#\s*xcfg-(?<directive>disable-next-line|disable|enable)(?=\s|$)(?<ids>[^#]*)")]
    private static partial Regex Directive();
}
