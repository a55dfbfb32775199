namespace XenCfg.LanguageServer.Protocol;

public sealed record HoverParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record Hover(MarkupContent Contents, Range? Range = null);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context = null);

public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter = null);

public sealed record CompletionList(bool IsIncomplete, CompletionItem[] Items);

public sealed record CompletionItem(
    string Label,
    int? Kind = null,
    string? Detail = null,
    MarkupContent? Documentation = null,
    string? SortText = null,
    string? FilterText = null,
    TextEdit? TextEdit = null);

public static class CompletionItemKind
{
    public const int Text = 1;
    public const int Property = 10;
    public const int Value = 12;
    public const int Enum = 13;
    public const int Keyword = 14;
    public const int EnumMember = 20;
}

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

public sealed record CodeActionContext(Diagnostic[] Diagnostics, string[]? Only = null, int? TriggerKind = null);

public sealed record CodeAction(
    string Title,
    string? Kind = null,
    Diagnostic[]? Diagnostics = null,
    bool? IsPreferred = null,
    WorkspaceEdit? Edit = null);

/// <summary>
/// Code action kinds. Kinds are hierarchical, dot-separated: a request's <c>only</c> of <c>source</c> asks for
/// <c>source.fixAll.xcfg</c> too (see <see cref="Includes"/>).
/// </summary>
public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";

    /// <summary>Applies every safe fix in the file at once, as <c>xcfg lint --fix</c> does (the kind eslint and ruff use, with our name).</summary>
    public const string SourceFixAll = "source.fixAll.xcfg";

    /// <summary>
    /// Whether a requested kind covers an action's kind: the same kind or a parent of it (LSP 3.17, CodeActionKind:
    /// <c>only</c> filters "by kind or by a parent of the kind"). The empty kind is the root, the parent of every kind.
    /// </summary>
    public static bool Includes(string requested, string kind) =>
        requested.Length == 0 || kind == requested || (kind.StartsWith(requested, StringComparison.Ordinal) && kind[requested.Length] == '.');
}

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol(
    string Name,
    int Kind,
    Range Range,
    Range SelectionRange,
    string? Detail = null,
    DocumentSymbol[]? Children = null);

public static class SymbolKind
{
    public const int File = 1;
    public const int Property = 7;
    public const int Field = 8;
    public const int Variable = 13;
    public const int String = 15;
    public const int Number = 16;
    public const int Array = 18;
    public const int Object = 19;
}

public sealed record FormattingOptions(int TabSize, bool InsertSpaces);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions Options);

public sealed record DocumentRangeFormattingParams(TextDocumentIdentifier TextDocument, Range Range, FormattingOptions Options);

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensRangeParams(TextDocumentIdentifier TextDocument, Range Range);

public sealed record SemanticTokens(int[] Data);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);

public sealed record ReferenceContext(bool IncludeDeclaration);
