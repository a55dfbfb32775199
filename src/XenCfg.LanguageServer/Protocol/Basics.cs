using System.Text.Json.Serialization;

namespace XenCfg.LanguageServer.Protocol;

// The LSP 3.17 structures this server uses, named and shaped as the specification names them. Properties the
// specification marks optional are nullable and left out of the JSON when null (see LspJsonContext).

/// <summary>A zero-based line and a character offset counted in UTF-16 code units (LSP's default encoding).</summary>
public sealed record Position(int Line, int Character);

public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextDocumentIdentifier(string Uri);

/// <summary>A document and its version; <c>version</c> is <c>integer | null</c>, so null is written, not omitted.</summary>
public sealed record VersionedTextDocumentIdentifier(
    string Uri,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record TextEdit(Range Range, string NewText);

/// <summary>Edits per document URI (the <c>changes</c> form, which every client supports).</summary>
public sealed record WorkspaceEdit(Dictionary<string, TextEdit[]> Changes);

public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new(MarkupKinds.Markdown, value);
}

public static class MarkupKinds
{
    public const string PlainText = "plaintext";
    public const string Markdown = "markdown";
}

public sealed record LogMessageParams(int Type, string Message);

/// <summary><c>$/logTrace</c>: a line of the server's trace, sent while the client's trace setting is not <c>off</c>.</summary>
public sealed record LogTraceParams(string Message, string? Verbose = null);

/// <summary><c>$/setTrace</c>: the client's new trace setting.</summary>
public sealed record SetTraceParams(string Value);

/// <summary>
/// The answer to <c>xcfg/processStatistics</c>: what the server process has allocated and collected since it started,
/// read by tests/XenCfg.LspLatency before and after its edits (the only way to see a separate process's allocation).
/// </summary>
public sealed record ProcessStatistics(long AllocatedBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, double PauseMilliseconds, long WorkingSetBytes);

/// <summary>LSP's TraceValue.</summary>
public static class TraceValues
{
    public const string Off = "off";
    public const string Messages = "messages";
    public const string Verbose = "verbose";
}

/// <summary>window/logMessage and window/showMessage types.</summary>
public static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;
    public const int Debug = 5;
}

/// <summary>The JSON-RPC and LSP error codes this server answers with.</summary>
public static class LspErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestCancelled = -32800;
    public const int ContentModified = -32801;
}
