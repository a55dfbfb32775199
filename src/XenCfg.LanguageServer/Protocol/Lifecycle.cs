using System.Text.Json;

namespace XenCfg.LanguageServer.Protocol;

public sealed record InitializeParams(
    int? ProcessId = null,
    ClientInfo? ClientInfo = null,
    string? RootPath = null,
    string? RootUri = null,
    JsonElement? InitializationOptions = null,
    ClientCapabilities? Capabilities = null,
    string? Trace = null,
    WorkspaceFolder[]? WorkspaceFolders = null);

public sealed record ClientInfo(string Name, string? Version = null);

public sealed record WorkspaceFolder(string Uri, string Name);

/// <summary>The part of the client's capabilities this server looks at; the rest of the JSON is ignored.</summary>
public sealed record ClientCapabilities(
    WorkspaceClientCapabilities? Workspace = null,
    TextDocumentClientCapabilities? TextDocument = null,
    GeneralClientCapabilities? General = null,
    WindowClientCapabilities? Window = null);

public sealed record WindowClientCapabilities(bool? WorkDoneProgress = null);

public sealed record WorkspaceClientCapabilities(
    bool? Configuration = null,
    bool? WorkspaceFolders = null,
    DynamicRegistrationCapability? DidChangeWatchedFiles = null);

public sealed record DynamicRegistrationCapability(bool? DynamicRegistration = null);

public sealed record TextDocumentClientCapabilities(
    HoverClientCapabilities? Hover = null,
    CompletionClientCapabilities? Completion = null);

public sealed record HoverClientCapabilities(string[]? ContentFormat = null);

public sealed record CompletionClientCapabilities(CompletionItemClientCapabilities? CompletionItem = null);

public sealed record CompletionItemClientCapabilities(bool? SnippetSupport = null, string[]? DocumentationFormat = null);

public sealed record GeneralClientCapabilities(string[]? PositionEncodings = null);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record ServerInfo(string Name, string? Version = null);

public sealed record ServerCapabilities(
    string PositionEncoding,
    TextDocumentSyncOptions TextDocumentSync,
    bool? HoverProvider = null,
    CompletionOptions? CompletionProvider = null,
    CodeActionOptions? CodeActionProvider = null,
    bool? DocumentSymbolProvider = null,
    bool? DocumentFormattingProvider = null,
    bool? DocumentRangeFormattingProvider = null,
    SemanticTokensOptions? SemanticTokensProvider = null,
    ServerWorkspaceCapabilities? Workspace = null,
    bool? ReferencesProvider = null);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions? Save = null);

public static class TextDocumentSyncKind
{
    public const int None = 0;
    public const int Full = 1;
    public const int Incremental = 2;
}

public sealed record SaveOptions(bool IncludeText);

public sealed record CompletionOptions(string[]? TriggerCharacters = null, bool? ResolveProvider = null);

public sealed record CodeActionOptions(string[]? CodeActionKinds = null);

public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool? Range = null, bool? Full = null);

public sealed record SemanticTokensLegend(string[] TokenTypes, string[] TokenModifiers);

public sealed record ServerWorkspaceCapabilities(WorkspaceFoldersServerCapabilities? WorkspaceFolders = null);

public sealed record WorkspaceFoldersServerCapabilities(bool? Supported = null, bool? ChangeNotifications = null);

public sealed record RegistrationParams(Registration[] Registrations);

public sealed record Registration(string Id, string Method, DidChangeWatchedFilesRegistrationOptions? RegisterOptions = null);

public sealed record DidChangeWatchedFilesRegistrationOptions(FileSystemWatcher[] Watchers);

public sealed record FileSystemWatcher(string GlobPattern, int? Kind = null);

public sealed record ConfigurationParams(ConfigurationItem[] Items);

public sealed record ConfigurationItem(string? ScopeUri = null, string? Section = null);

public sealed record WorkDoneProgressCreateParams(string Token);

/// <summary><c>$/progress</c> for work done progress: <c>value</c> is a begin, report or end (<see cref="WorkDoneProgressKind"/>).</summary>
public sealed record ProgressParams(string Token, WorkDoneProgressValue Value);

/// <summary>WorkDoneProgressBegin, WorkDoneProgressReport and WorkDoneProgressEnd in one shape (unused members left out).</summary>
public sealed record WorkDoneProgressValue(string Kind, string? Title = null, string? Message = null, int? Percentage = null, bool? Cancellable = null);

public static class WorkDoneProgressKind
{
    public const string Begin = "begin";
    public const string Report = "report";
    public const string End = "end";
}
