using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.InternalSyntax;
using XenCfg.Syntax.Parsing;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax;

/// <summary>
/// A parsed config file: its text, its lossless tree and its syntax diagnostics. Immutable; an edit makes a new tree.
/// </summary>
public sealed class SyntaxTree
{
    private readonly IReadOnlyList<ConfigDiagnostic> _fileDiagnostics;
    private ImmutableArray<ConfigDiagnostic> _diagnostics;

    private SyntaxTree(SourceText text, string filePath, ParseOptions options, GreenNode root, IReadOnlyList<ConfigDiagnostic> fileDiagnostics)
    {
        Text = text;
        FilePath = filePath;
        Options = options;
        _fileDiagnostics = fileDiagnostics;
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
        var (root, fileDiagnostics) = Parser.Parse(text.ToString());
        return new SyntaxTree(text, filePath, options ?? ParseOptions.Default, root, fileDiagnostics);
    }

    /// <summary>Parses a file's bytes; bytes that are not UTF-8 are kept (see <see cref="ConfigFileEncoding"/>).</summary>
    public static SyntaxTree ParseBytes(ReadOnlySpan<byte> bytes, ParseOptions? options = null, string filePath = "") =>
        Parse(ConfigFileEncoding.DecodeText(bytes), options, filePath);

    public SyntaxTree WithText(SourceText text) => Parse(text, Options, FilePath);

    public SyntaxTree WithOptions(ParseOptions options) =>
        options == Options ? this : new SyntaxTree(Text, FilePath, options, Root.Green, _fileDiagnostics);

    /// <summary>
    /// The same file (text, options, green nodes, syntax diagnostics) under a new root that has realised no red
    /// nodes yet: for callers that keep many analysed trees but rarely walk them again, so the red nodes built during
    /// the analysis can be collected.
    /// </summary>
    public SyntaxTree WithFreshRoot()
    {
        var tree = new SyntaxTree(Text, FilePath, Options, Root.Green, _fileDiagnostics);
        if (!_diagnostics.IsDefault)
        {
            tree._diagnostics = _diagnostics;
        }

        return tree;
    }

    /// <summary>
    /// The syntax diagnostics in file order. Under the xm dialect, findings about constructs xm accepted are
    /// warnings.
    /// </summary>
    public ImmutableArray<ConfigDiagnostic> GetDiagnostics()
    {
        if (_diagnostics.IsDefault)
        {
            var collected = CollectTreeDiagnostics();
            collected.AddRange(_fileDiagnostics);
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
