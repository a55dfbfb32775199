using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>
/// Runs the rules over a file. After an edit (a tree made by <see cref="SyntaxTree.WithChangedText"/> whose old tree's
/// model was analysed with the same options), each rule runs again only where its findings may change, as its
/// <see cref="ConfigRule.Scope"/> and <see cref="ConfigRule.Reads"/> say: an assignment rule on the replaced
/// assignments, a key rule on the keys the edit touched in a way it reads, a file rule when anything it reads changed.
/// Everything else is the old findings, moved with the text after the edit. The result is what running every rule on
/// everything gives (the analysis property tests compare them after random edits).
/// </summary>
/// <remarks>
/// The file's kind, its guest type and the options are read by most rules; when one of them changes, everything runs
/// again. So does everything when an ID passes <see cref="RuleContext.MaxPerId"/> findings, or a rule throws.
/// </remarks>
internal static class RuleRunner
{
    public static ImmutableArray<ConfigDiagnostic> Run(SemanticModel model, AnalysisOptions options, ImmutableArray<ConfigDiagnostic> syntax)
    {
        var kind = model.Kind;
        var type = model.GuestType;
        var previous = model.Previous?.RuleMemo;
        var change = model.Tree.Change;
        if (previous is not null && change is not null && ReferenceEquals(change.OldTree, model.Previous!.Tree)
            && Equals(previous.Options, options) && previous.Kind == kind && previous.Type == type)
        {
            var effects = new EditEffects(change, model.Tree.FilePath);
            if (TryRun(model, options, syntax, previous, effects) is { } updated)
            {
                return updated;
            }
        }

        return TryRun(model, options, syntax, previous: null, effects: null)!.Value;
    }

    /// <summary>Null when the incremental run cannot stand (an ID over its limit): the caller runs everything.</summary>
    private static ImmutableArray<ConfigDiagnostic>? TryRun(
        SemanticModel model, AnalysisOptions options, ImmutableArray<ConfigDiagnostic> syntax, RuleMemo? previous, EditEffects? effects)
    {
        var rules = RuleRegistry.All;
        var found = new List<ConfigDiagnostic>(syntax.Length + (previous?.Count ?? 16));
        found.AddRange(syntax);
        var context = new RuleContext(model, found);
        var results = new object?[rules.Count];
        var keep = true;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var before = previous?.Results[i];
            try
            {
                results[i] = rule switch
                {
                    AssignmentRule assignments => RunAssignments(assignments, context, before as StatementFindings, effects),
                    KeyRule keys => RunKeys(keys, context, before as KeyFindings, effects),
                    _ => RunFile(rule, context, before as ConfigDiagnostic[], effects),
                };
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // One broken rule must not cost the user every other finding, nor the language server its life.
                results[i] = new[] { ConfigAnalyzer.InternalError(exception, new TextSpan(0, 0)) };
                keep = false;
            }

            AddFindings(results[i], found);
        }

        if (effects is not null && OverLimit(found))
        {
            return null;
        }

        found.AddRange(context.OverflowNotes());
        keep &= !context.Overflowed;
        model.RuleMemo = keep ? new RuleMemo(options, model.Kind, model.GuestType, results, found.Count) : null;
        return StableSort(found);
    }

    private static ConfigDiagnostic[] RunFile(ConfigRule rule, RuleContext context, ConfigDiagnostic[]? before, EditEffects? effects)
    {
        if (before is not null && effects is not null && !effects.Affects(rule, key: null) && effects.TryMap(before, out var moved))
        {
            return moved;
        }

        var sink = new List<ConfigDiagnostic>();
        context.ReportTo(sink);
        rule.Analyze(context);
        return sink.Count == 0 ? [] : [.. sink];
    }

    private static KeyFindings RunKeys(KeyRule rule, RuleContext context, KeyFindings? before, EditEffects? effects)
    {
        var keys = context.Model.Settings.AssignedKeys;
        Dictionary<string, ConfigDiagnostic[]>? byKey = null;
        var unchanged = before is not null && effects is not null && before.Keys == keys;
        List<ConfigDiagnostic>? sink = null;
        foreach (var key in keys)
        {
            ConfigDiagnostic[] findings;
            var old = before?.Of(key);
            if (old is not null && effects is not null && !effects.Affects(rule, key) && effects.TryMap(old, out var moved))
            {
                findings = moved;
                unchanged &= ReferenceEquals(moved, old);
            }
            else
            {
                sink ??= [];
                sink.Clear();
                context.ReportTo(sink);
                rule.AnalyzeKey(context, key);
                findings = sink.Count == 0 ? [] : [.. sink];
                unchanged &= findings.Length == 0 && (old is null || old.Length == 0);
            }

            if (findings.Length > 0)
            {
                (byKey ??= new Dictionary<string, ConfigDiagnostic[]>(StringComparer.Ordinal))[key] = findings;
            }
        }

        // Nothing moved or changed (an edit before nothing this rule found): the old findings serve as they are.
        return unchanged ? before! : new KeyFindings(keys, byKey);
    }

    private static StatementFindings RunAssignments(AssignmentRule rule, RuleContext context, StatementFindings? before, EditEffects? effects)
    {
        var root = context.Tree.Root;
        var items = new List<(int Statement, ConfigDiagnostic[] Findings)>();
        var sink = new List<ConfigDiagnostic>();
        context.ReportTo(sink);
        if (before is null || effects is null)
        {
            for (var i = 0; i < root.ChildCount - 1; i++)
            {
                Check(i);
            }

            return new StatementFindings([.. items]);
        }

        // Statements before the edit are where they were; those after it moved by the edit's delta; the new ones are checked.
        var change = effects.Change;
        var first = change.FirstStatement;
        var oldEnd = first + change.OldStatementCount;
        var shift = change.NewStatementCount - change.OldStatementCount;
        foreach (var (statement, findings) in before.Items)
        {
            if (statement < first)
            {
                items.Add((statement, findings));
            }
        }

        for (var i = first; i < first + change.NewStatementCount; i++)
        {
            Check(i);
        }

        foreach (var (statement, findings) in before.Items)
        {
            if (statement >= oldEnd)
            {
                if (effects.TryMap(findings, out var moved))
                {
                    items.Add((statement + shift, moved));
                }
                else
                {
                    Check(statement + shift);
                }
            }
        }

        return new StatementFindings([.. items]);

        void Check(int statement)
        {
            if (root.GetChildKind(statement) != SyntaxKind.Assignment)
            {
                return;
            }

            sink.Clear();
            rule.AnalyzeAssignment(context, (AssignmentSyntax)root.GetChild(statement)!);
            if (sink.Count > 0)
            {
                items.Add((statement, [.. sink]));
            }
        }
    }

    private static void AddFindings(object? result, List<ConfigDiagnostic> found)
    {
        switch (result)
        {
            case ConfigDiagnostic[] findings:
                found.AddRange(findings);
                break;
            case KeyFindings byKey:
                foreach (var key in byKey.Keys)
                {
                    if (byKey.Of(key) is { } findings)
                    {
                        found.AddRange(findings);
                    }
                }

                break;
            case StatementFindings byStatement:
                foreach (var (_, findings) in byStatement.Items)
                {
                    found.AddRange(findings);
                }

                break;
        }
    }

    /// <summary>Whether an ID has more findings than a file lists (then every rule runs again, with the limit).</summary>
    private static bool OverLimit(List<ConfigDiagnostic> found)
    {
        if (found.Count <= RuleContext.MaxPerId)
        {
            return false;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var diagnostic in found)
        {
            counts.TryGetValue(diagnostic.Id, out var count);
            if (count == RuleContext.MaxPerId)
            {
                return true;
            }

            counts[diagnostic.Id] = count + 1;
        }

        return false;
    }

    /// <summary>By position, then ID, keeping the order found for ties (as ConfigAnalyzer.Finish sorts): a merge sort.</summary>
    private static ImmutableArray<ConfigDiagnostic> StableSort(List<ConfigDiagnostic> found)
    {
        var items = found.ToArray();
        if (IsSorted(items))
        {
            return ImmutableCollectionsMarshal.AsImmutableArray(items);
        }

        var buffer = ArrayPool<ConfigDiagnostic>.Shared.Rent(items.Length);
        try
        {
            for (var width = 1; width < items.Length; width *= 2)
            {
                for (var start = 0; start < items.Length; start += 2 * width)
                {
                    var middle = Math.Min(start + width, items.Length);
                    var end = Math.Min(start + 2 * width, items.Length);
                    int left = start, right = middle, at = start;
                    while (left < middle && right < end)
                    {
                        buffer[at++] = Compare(items[right], items[left]) < 0 ? items[right++] : items[left++];
                    }

                    while (left < middle)
                    {
                        buffer[at++] = items[left++];
                    }

                    while (right < end)
                    {
                        buffer[at++] = items[right++];
                    }
                }

                Array.Copy(buffer, items, items.Length);
            }
        }
        finally
        {
            ArrayPool<ConfigDiagnostic>.Shared.Return(buffer, clearArray: true);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(items);
    }

    internal static bool IsSorted(ReadOnlySpan<ConfigDiagnostic> items)
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (Compare(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    internal static int Compare(ConfigDiagnostic left, ConfigDiagnostic right)
    {
        var byStart = left.Span.Start.CompareTo(right.Span.Start);
        return byStart != 0 ? byStart : string.CompareOrdinal(left.Id, right.Id);
    }
}

/// <summary>What the rules found in one model, kept for the model of the next edit.</summary>
/// <param name="Results">Per rule (registry order): the findings of a file rule, a <see cref="KeyFindings"/> or a <see cref="StatementFindings"/>.</param>
internal sealed record RuleMemo(AnalysisOptions Options, ConfigKind Kind, GuestType Type, object?[] Results, int Count);

/// <summary>A key rule's findings, per key, over the keys it was run on (in the order it ran on them).</summary>
internal sealed class KeyFindings(ImmutableArray<string> keys, Dictionary<string, ConfigDiagnostic[]>? byKey)
{
    public ImmutableArray<string> Keys { get; } = keys;

    /// <summary>The findings about a key; null when the rule was not run on it (the key was not set).</summary>
    public ConfigDiagnostic[]? Of(string key) => byKey?.GetValueOrDefault(key) ?? (Keys.Contains(key) ? Array.Empty<ConfigDiagnostic>() : null);
}

/// <summary>An assignment rule's findings, per statement (the statement's index in the file), in file order.</summary>
internal sealed class StatementFindings((int Statement, ConfigDiagnostic[] Findings)[] items)
{
    public (int Statement, ConfigDiagnostic[] Findings)[] Items { get; } = items;
}

/// <summary>
/// What an edit changed, as the rules' dependencies see it, and how it moves what lies after it: a position before the
/// statements it replaced stays, one after them moves by the length delta (and its line by the lines added), one inside
/// them cannot be placed (the finding is worked out again).
/// </summary>
internal sealed class EditEffects
{
    private readonly string _filePath;
    private readonly HashSet<string> _valueKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _placementKeys = new(StringComparer.Ordinal);
    private readonly bool _keyOrderChanged;
    private readonly int _start;
    private readonly int _end;
    private readonly int _delta;
    private readonly int _lineDelta;
    private readonly LinePosition _oldEnd;
    private readonly LinePosition _newEnd;
    private bool? _commentsChanged;

    public EditEffects(TreeChange change, string filePath)
    {
        Change = change;
        _filePath = filePath;
        var old = change.OldAssignments;
        var now = change.NewAssignments;
        foreach (var assignment in old)
        {
            _valueKeys.Add(assignment.Key);
        }

        foreach (var assignment in now)
        {
            _valueKeys.Add(assignment.Key);
        }

        // A key whose assignments among the replaced statements differ in number or operators has moved.
        foreach (var key in _valueKeys)
        {
            if (!old.Where(assignment => assignment.Key == key).Select(assignment => assignment.IsAppend)
                .SequenceEqual(now.Where(assignment => assignment.Key == key).Select(assignment => assignment.IsAppend)))
            {
                _placementKeys.Add(key);
            }
        }

        _keyOrderChanged = !old.Select(assignment => (assignment.Key, assignment.HoldsValue)).SequenceEqual(now.Select(assignment => (assignment.Key, assignment.HoldsValue)));
        // The replaced statements, not only the changed text: the text around an edit may mean something else now (an
        // opened quote makes the lines after it a string), so a finding anywhere in them is worked out again.
        _start = change.OldSpan.Start;
        _lineDelta = change.LineDelta;
        if (change.EndOfFileReplaced)
        {
            // The reparse ran to the end of the file: nothing lies after it.
            _end = int.MaxValue;
            return;
        }

        _end = change.OldSpan.End;
        _delta = change.NewSpan.End - change.OldSpan.End;
        _oldEnd = change.OldTree.Text.Lines.GetLinePosition(_end);
        _newEnd = change.NewTree.Text.Lines.GetLinePosition(change.NewSpan.End);
    }

    public TreeChange Change { get; }

    private bool CommentsChanged => _commentsChanged ??= Change.TouchesComments;

    /// <summary>Whether the edit may change what <paramref name="rule"/> finds (about <paramref name="key"/>, for a key rule).</summary>
    public bool Affects(ConfigRule rule, string? key)
    {
        var reads = rule.Reads;

        // A rule that declares nothing may read anything, the raw text included: it runs after every edit.
        if (reads == RuleReads.Everything && rule.Keys is null)
        {
            return true;
        }

        return (reads.HasFlag(RuleReads.Values) && Touches(_valueKeys, rule, key))
            || (reads.HasFlag(RuleReads.Placement) && Touches(_placementKeys, rule, key))
            || (reads.HasFlag(RuleReads.KeyOrder) && _keyOrderChanged)
            || (reads.HasFlag(RuleReads.Lines) && _lineDelta != 0)
            || (reads.HasFlag(RuleReads.Comments) && CommentsChanged);
    }

    private static bool Touches(HashSet<string> touched, ConfigRule rule, string? key)
    {
        if (touched.Count == 0)
        {
            return false;
        }

        if (key is not null)
        {
            return touched.Contains(key);
        }

        return rule.Keys is not { } keys || touched.Overlaps(keys);
    }

    /// <summary>The findings placed in the new text; the same array when none moved; false when one lies in the edited text.</summary>
    public bool TryMap(ConfigDiagnostic[] findings, out ConfigDiagnostic[] moved)
    {
        moved = findings;
        for (var i = 0; i < findings.Length; i++)
        {
            if (!TryMap(findings[i], out var placed))
            {
                moved = findings;
                return false;
            }

            if (!ReferenceEquals(placed, findings[i]))
            {
                if (ReferenceEquals(moved, findings))
                {
                    moved = (ConfigDiagnostic[])findings.Clone();
                }

                moved[i] = placed;
            }
        }

        return true;
    }

    private bool TryMap(ConfigDiagnostic diagnostic, out ConfigDiagnostic placed)
    {
        placed = diagnostic;
        if (!TryMap(diagnostic.Span, out var span))
        {
            return false;
        }

        var related = diagnostic.RelatedLocations;
        RelatedLocation[]? movedRelated = null;
        for (var i = 0; i < related.Length; i++)
        {
            var location = related[i];
            if (location.FilePath != _filePath)
            {
                continue;
            }

            if (!TryMap(location.Span, out var locationSpan))
            {
                return false;
            }

            // After the edit, the line position may change even where the offset does not (a line break replaced
            // by other text of the same length).
            var lineSpan = location.Span.End > _start ? new LinePositionSpan(Map(location.LineSpan.Start), Map(location.LineSpan.End)) : location.LineSpan;
            if (locationSpan != location.Span || lineSpan != location.LineSpan)
            {
                movedRelated ??= [.. related];
                movedRelated[i] = location with { Span = locationSpan, LineSpan = lineSpan };
            }
        }

        if (span != diagnostic.Span || movedRelated is not null)
        {
            placed = new ConfigDiagnostic(diagnostic.Descriptor, span, diagnostic.Severity, diagnostic.Arguments,
                movedRelated is null ? related : ImmutableCollectionsMarshal.AsImmutableArray(movedRelated), diagnostic.Properties);
        }

        return true;
    }

    private bool TryMap(TextSpan span, out TextSpan mapped)
    {
        if (span.End <= _start)
        {
            mapped = span;
            return true;
        }

        if (span.Start >= _end)
        {
            mapped = new TextSpan(span.Start + _delta, span.Length);
            return true;
        }

        mapped = span;
        return false;
    }

    /// <summary>A line position after the edited text, in the new text.</summary>
    private LinePosition Map(LinePosition position) =>
        position.Line == _oldEnd.Line
            ? new LinePosition(_newEnd.Line, _newEnd.Character + position.Character - _oldEnd.Character)
            : new LinePosition(position.Line + _lineDelta, position.Character);
}
