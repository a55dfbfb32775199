using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Documents;

/// <summary>
/// One document as the server knows it at one moment: immutable. An open document carries the client's text and
/// version; a closed one is the file on disk (version null).
/// </summary>
internal sealed class TextDocument
{
    private SyntaxTree? _tree;

    /// <summary>
    /// For a document made by an edit: the last tree of the document it was edited from, so this one's tree is made by
    /// reparsing only what the edit touched (<see cref="SyntaxTree.WithChangedText"/>). Dropped once the tree is made.
    /// </summary>
    private SyntaxTree? _previousTree;

    public TextDocument(string uri, SourceText text, int? version, bool isOpen)
        : this(uri, text, version, isOpen, previousTree: null)
    {
    }

    private TextDocument(string uri, SourceText text, int? version, bool isOpen, SyntaxTree? previousTree)
    {
        Uri = uri;
        Key = DocumentUris.KeyFor(uri);
        FilePath = DocumentUris.TryGetFilePath(uri);
        Text = text;
        Version = version;
        IsOpen = isOpen;
        _previousTree = previousTree;
    }

    public string Uri { get; }

    public string Key { get; }

    /// <summary>The local path for a file: URI; null for other schemes.</summary>
    public string? FilePath { get; }

    public SourceText Text { get; }

    /// <summary>The client's version for an open document; null for a file read from disk.</summary>
    public int? Version { get; }

    public bool IsOpen { get; }

    /// <summary>
    /// The tree under the given options (trees for another dialect share the parse; see <see cref="SyntaxTree.WithOptions"/>).
    /// Only an open document keeps its tree: requests come for it again and again, while a closed file is analysed
    /// once per change, and keeping the trees (and their models) of a large workspace would cost more memory than
    /// parsing again costs time.
    /// </summary>
    public SyntaxTree GetTree(ParseOptions options)
    {
        var tree = Volatile.Read(ref _tree);
        if (tree is null)
        {
            tree = Volatile.Read(ref _previousTree) is { } previous
                ? previous.WithChangedText(Text).WithOptions(options)
                : SyntaxTree.Parse(Text, options, FilePath ?? Uri);
            if (IsOpen)
            {
                Interlocked.CompareExchange(ref _tree, tree, null);
                Volatile.Write(ref _previousTree, null);
            }

            return tree;
        }

        return tree.Options == options ? tree : tree.WithOptions(options);
    }

    /// <summary>The document after an edit; an open document's next tree is made from this one's (see <see cref="_previousTree"/>).</summary>
    public TextDocument WithText(SourceText text, int? version, bool isOpen) =>
        new(Uri, text, version, isOpen, isOpen ? Volatile.Read(ref _tree) ?? Volatile.Read(ref _previousTree) : null);
}
