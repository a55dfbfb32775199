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
    private IncrementalOrigin? _origin;

    private SyntaxTree(SourceText text, string filePath, ParseOptions options, GreenNode root, int diagnosticsBound, IncrementalOrigin? origin)
    {
        Text = text;
        FilePath = filePath;
        Options = options;
        _diagnosticsBound = diagnosticsBound;
        _origin = origin;
        Root = new ConfigFileSyntax(root, parent: null, position: 0, this);
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
        return new SyntaxTree(text, filePath, options ?? ParseOptions.Default, root, diagnosticsTaken, origin: null);
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
            return new SyntaxTree(newText, FilePath, Options, Root.Green, _diagnosticsBound, new IncrementalOrigin(this, new StatementEdit(0, 0, 0, 0, 0, 0, EndOfFileReplaced: false)));
        }

        var change = TextChangeRange.Collapse(ranges);
        if (change.Span.Length == Text.Length && change.Span.Start == 0
            || IncrementalParser.TryParse(Root.Green, _diagnosticsBound, newText, change) is not { } result)
        {
            return Parse(newText, Options, FilePath);
        }

        // This tree's own origin is of no use to the new one: dropping it keeps a chain of edits from holding every tree.
        Volatile.Write(ref _origin, null);
        return new SyntaxTree(newText, FilePath, Options, result.Root, result.DiagnosticsBound, new IncrementalOrigin(this, result.Edit));
    }

    public SyntaxTree WithOptions(ParseOptions options) =>
        options == Options ? this : new SyntaxTree(Text, FilePath, options, Root.Green, _diagnosticsBound, Volatile.Read(ref _origin));

    /// <summary>
    /// For a tree made by <see cref="WithChangedText"/>: the tree it was made from and which statements changed, so the
    /// analysis can reuse what it found in the statements that did not. Taken once (the old tree is then released).
    /// </summary>
    internal IncrementalOrigin? TakeOrigin() => Interlocked.Exchange(ref _origin, null);

    /// <summary>The origin, left in place (for tests and for readers that must not consume it).</summary>
    internal IncrementalOrigin? Origin => Volatile.Read(ref _origin);

    /// <summary>
    /// The syntax diagnostics in file order. Under the xm dialect, findings about constructs xm accepted are
    /// warnings.
    /// </summary>
    public ImmutableArray<ConfigDiagnostic> GetDiagnostics()
    {
        if (_diagnostics.IsDefault)
        {
            var collected = CollectTreeDiagnostics();
            FileLevelDiagnostics.AddTo(collected, Root.Green, Text);
            var adjusted = collected
                .Select(AdjustForDialect)
                .OrderBy(diagnostic => diagnostic.Span.Start)
                .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal)
                .ToImmutableArray();
            ImmutableInterlocked.InterlockedInitialize(ref _diagnostics, adjusted);
        }

        return _diagnostics;
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

    /// <summary>Walks only the subtrees flagged as containing diagnostics, without recursion.</summary>
    private List<ConfigDiagnostic> CollectTreeDiagnostics()
    {
        var result = new List<ConfigDiagnostic>();
        var root = Root.Green;
        if (!root.ContainsDiagnostics)
        {
            return result;
        }

        var stack = new Stack<(GreenNode Node, int Position)>();
        stack.Push((root, 0));
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

        return result;
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

/// <summary>The tree an incremental parse started from, and what it changed (see <see cref="SyntaxTree.WithChangedText"/>).</summary>
internal sealed record IncrementalOrigin(SyntaxTree OldTree, StatementEdit Edit);
