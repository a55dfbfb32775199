using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.InternalSyntax;
using XenCfg.Syntax.Parsing;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax;

/// <summary>
/// A parsed config file: its text, its lossless tree and its syntax diagnostics. Immutable; an edit makes a new tree,
/// which <see cref="WithChangedText"/> makes by reparsing only the statements the edit touched.
/// </summary>
public sealed class SyntaxTree
{
    /// <summary>An upper bound on the diagnostics the green tree holds (see <see cref="IncrementalParser"/>).</summary>
    private readonly int _diagnosticsBound;
    private ImmutableArray<ConfigDiagnostic> _diagnostics;
    private TreeChange? _change;

    private SyntaxTree(SourceText text, string filePath, ParseOptions options, GreenNode root, int diagnosticsBound, SyntaxTree? oldTree = null, TextChangeRange textChange = default, StatementEdit? edit = null)
    {
        Text = text;
        FilePath = filePath;
        Options = options;
        _diagnosticsBound = diagnosticsBound;
        Root = new ConfigFileSyntax(root, parent: null, position: 0, this);
        _change = oldTree is null ? null : new TreeChange(oldTree, this, textChange, edit!);
    }

    public SourceText Text { get; }

    public string FilePath { get; }

    public ParseOptions Options { get; }

    public ConfigFileSyntax Root { get; }

    public static SyntaxTree Parse(string text, ParseOptions? options = null, string filePath = "") =>
        Parse(SourceText.From(text), options, filePath);

    public static SyntaxTree Parse(SourceText text, ParseOptions? options = null, string filePath = "")
    {
        var (root, diagnosticsTaken) = Parser.Parse(text.ToString());
        return new SyntaxTree(text, filePath, options ?? ParseOptions.Default, root, diagnosticsTaken);
    }

    /// <summary>Parses a file's bytes; bytes that are not UTF-8 are kept (see <see cref="ConfigFileEncoding"/>).</summary>
    public static SyntaxTree ParseBytes(ReadOnlySpan<byte> bytes, ParseOptions? options = null, string filePath = "") =>
        Parse(ConfigFileEncoding.DecodeText(bytes), options, filePath);

    /// <summary>The tree of a new text for the same file: <see cref="WithChangedText"/>.</summary>
    public SyntaxTree WithText(SourceText text) => WithChangedText(text);

    /// <summary>
    /// The tree of <paramref name="newText"/>, an edit of this tree's text (<see cref="SourceText.WithChanges(TextChange[])"/>
    /// keeps the link): only the statements the edit touched are reparsed, the others are this tree's nodes. The result
    /// is the tree <see cref="Parse(SourceText, ParseOptions?, string)"/> would make. A text not made from this one is
    /// parsed whole.
    /// </summary>
    public SyntaxTree WithChangedText(SourceText newText)
    {
        ArgumentNullException.ThrowIfNull(newText);
        if (ReferenceEquals(newText, Text))
        {
            return this;
        }

        var ranges = newText.GetChangeRanges(Text);
        if (ranges.Count == 0)
        {
            Volatile.Write(ref _change, null);
            return new SyntaxTree(newText, FilePath, Options, Root.Green, _diagnosticsBound, this, new TextChangeRange(new TextSpan(0, 0), 0),
                new StatementEdit(0, 0, 0, 0, 0, 0, EndOfFileReplaced: false));
        }

        var change = TextChangeRange.Collapse(ranges);
        if (change.Span.Length == Text.Length && change.Span.Start == 0
            || IncrementalParser.TryParse(Root.Green, _diagnosticsBound, newText, change) is not { } result)
        {
            return Parse(newText, Options, FilePath);
        }

        // This tree's own change is of no use to the new one: dropping it keeps a chain of edits from holding every tree
        // (a tree holds the one it was made from, and that one nothing older).
        Volatile.Write(ref _change, null);
        return new SyntaxTree(newText, FilePath, Options, result.Root, result.DiagnosticsBound, this, change, result.Edit);
    }

    public SyntaxTree WithOptions(ParseOptions options)
    {
        if (options == Options)
        {
            return this;
        }

        var change = Volatile.Read(ref _change);
        return change is null
            ? new SyntaxTree(Text, FilePath, options, Root.Green, _diagnosticsBound)
            : new SyntaxTree(Text, FilePath, options, Root.Green, _diagnosticsBound, change.OldTree, change.TextChange, change.Edit);
    }

    /// <summary>
    /// For a tree made by <see cref="WithChangedText"/>: the tree it was made from and what changed, so an analysis can
    /// reuse what it found where nothing changed. Null for a tree parsed whole, and once a newer tree was made from this one.
    /// </summary>
    public TreeChange? Change => Volatile.Read(ref _change);

    /// <summary>
    /// The syntax diagnostics in file order. Under the xm dialect, findings about constructs xm accepted are
    /// warnings.
    /// </summary>
    public ImmutableArray<ConfigDiagnostic> GetDiagnostics()
    {
        if (_diagnostics.IsDefault)
        {
            var change = Change;
            var computed = change is not null && change.OldTree.Options == Options && !change.OldTree._diagnostics.IsDefault
                ? UpdateDiagnostics(change, change.OldTree._diagnostics)
                : CollectDiagnostics();
            ImmutableInterlocked.InterlockedInitialize(ref _diagnostics, computed);
        }

        return _diagnostics;
    }

    private ImmutableArray<ConfigDiagnostic> CollectDiagnostics()
    {
        var collected = new List<ConfigDiagnostic>();
        CollectTreeDiagnostics(0, Root.Green.SlotCount, 0, collected);
        FileLevelDiagnostics.AddTo(collected, Root.Green, Text);
        return
        [
            .. collected
                .Select(AdjustForDialect)
                .OrderBy(diagnostic => diagnostic.Span.Start)
                .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The diagnostics of a tree made by an edit, from the old tree's: those of the statements before the replaced ones
    /// are the same objects, those after are moved by the change's delta, those of the new statements are collected,
    /// and the few about the whole file (CRLF, '+=' types) are worked out again.
    /// </summary>
    private ImmutableArray<ConfigDiagnostic> UpdateDiagnostics(TreeChange change, ImmutableArray<ConfigDiagnostic> old)
    {
        var edit = change.Edit;
        var result = new List<ConfigDiagnostic>(old.Length + 4);
        foreach (var diagnostic in old)
        {
            // A zero-width diagnostic where the region starts is a missing token at the end of the statement before it.
            if (!FileLevelDiagnostics.IsFileLevel(diagnostic)
                && (diagnostic.Span.Start < edit.OldStart || (diagnostic.Span.Start == edit.OldStart && diagnostic.Span.IsEmpty && edit.First > 0)))
            {
                result.Add(diagnostic);
            }
        }

        var regionStart = result.Count;
        var slots = edit.NewCount + (edit.EndOfFileReplaced ? 1 : 0);
        CollectTreeDiagnostics(edit.First, slots, edit.OldStart, result);
        for (var i = regionStart; i < result.Count; i++)
        {
            result[i] = AdjustForDialect(result[i]);
        }

        if (!edit.EndOfFileReplaced)
        {
            foreach (var diagnostic in old)
            {
                if (!FileLevelDiagnostics.IsFileLevel(diagnostic)
                    && (diagnostic.Span.Start > edit.OldEnd || (diagnostic.Span.Start == edit.OldEnd && !diagnostic.Span.IsEmpty)))
                {
                    result.Add(diagnostic.WithSpan(new TextSpan(diagnostic.Span.Start + edit.Delta, diagnostic.Span.Length)));
                }
            }
        }

        var fileLevel = new List<ConfigDiagnostic>();
        FileLevelDiagnostics.AddTo(fileLevel, Root.Green, Text);
        foreach (var diagnostic in fileLevel)
        {
            result.Add(AdjustForDialect(diagnostic));
        }

        // Nearly in order already (each part is, and the parts follow each other): an insertion sort, stable as OrderBy.
        var array = result.ToArray();
        for (var i = 1; i < array.Length; i++)
        {
            var item = array[i];
            var j = i - 1;
            while (j >= 0 && Compare(array[j], item) > 0)
            {
                array[j + 1] = array[j];
                j--;
            }

            array[j + 1] = item;
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(array);

        static int Compare(ConfigDiagnostic left, ConfigDiagnostic right)
        {
            var byStart = left.Span.Start.CompareTo(right.Span.Start);
            return byStart != 0 ? byStart : string.CompareOrdinal(left.Id, right.Id);
        }
    }

    /// <summary>
    /// Whether xl would read this file: true exactly when no finding makes it refuse the file, whatever the
    /// dialect chosen for reporting.
    /// </summary>
    public bool IsReadableByXl => !GetDiagnostics().Any(diagnostic => diagnostic.IsRejectedByXl);

    private ConfigDiagnostic AdjustForDialect(ConfigDiagnostic diagnostic) =>
        Options.Dialect == Dialect.Xm && diagnostic.Descriptor.CustomTags.Contains(DiagnosticTags.AcceptedByXm)
            ? diagnostic.WithSeverity(DiagnosticSeverity.Warning)
            : diagnostic;

    /// <summary>
    /// The diagnostics held in <paramref name="count"/> of the root's slots from <paramref name="first"/>, which starts
    /// at <paramref name="start"/>. Walks only the subtrees flagged as containing diagnostics, without recursion.
    /// </summary>
    private void CollectTreeDiagnostics(int first, int count, int start, List<ConfigDiagnostic> result)
    {
        var root = Root.Green;
        if (!root.ContainsDiagnostics)
        {
            return;
        }

        // Pushed in order, so the last is visited first, as a walk from the root visits them (ties keep that order).
        var stack = new Stack<(GreenNode Node, int Position)>();
        var slotPosition = start;
        for (var i = first; i < first + count; i++)
        {
            var slot = root.GetSlot(i)!;
            if (slot.ContainsDiagnostics)
            {
                stack.Push((slot, slotPosition));
            }

            slotPosition += slot.FullWidth;
        }

        while (stack.Count > 0)
        {
            var (node, position) = stack.Pop();
            AddOwn(node, position, result);
            switch (node)
            {
                case GreenToken token:
                    var triviaPosition = position;
                    foreach (var trivia in token.Leading)
                    {
                        AddOwn(trivia, triviaPosition, result);
                        triviaPosition += trivia.FullWidth;
                    }

                    triviaPosition += token.Text.Length;
                    foreach (var trivia in token.Trailing)
                    {
                        AddOwn(trivia, triviaPosition, result);
                        triviaPosition += trivia.FullWidth;
                    }

                    break;
                case GreenNodeWithChildren:
                    var childPosition = position;
                    for (var i = 0; i < node.SlotCount; i++)
                    {
                        if (node.GetSlot(i) is not { } child)
                        {
                            continue;
                        }

                        if (child.ContainsDiagnostics)
                        {
                            stack.Push((child, childPosition));
                        }

                        childPosition += child.FullWidth;
                    }

                    break;
            }
        }
    }

    private void AddOwn(GreenNode node, int position, List<ConfigDiagnostic> result)
    {
        if (node.Diagnostics is not { } own)
        {
            return;
        }

        foreach (var diagnostic in own)
        {
            var start = Math.Clamp(position + diagnostic.Offset, 0, Text.Length);
            var end = Math.Clamp(start + diagnostic.Length, start, Text.Length);
            result.Add(ConfigDiagnostic.Create(diagnostic.Descriptor, TextSpan.FromBounds(start, end), diagnostic.Arguments));
        }
    }
}
