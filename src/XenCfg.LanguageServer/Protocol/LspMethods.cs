namespace XenCfg.LanguageServer.Protocol;

/// <summary>The method names this server handles or sends.</summary>
public static class LspMethods
{
    public const string Initialize = "initialize";
    public const string Initialized = "initialized";
    public const string Shutdown = "shutdown";
    public const string Exit = "exit";
    public const string DidOpen = "textDocument/didOpen";
    public const string DidChange = "textDocument/didChange";
    public const string DidClose = "textDocument/didClose";
    public const string DidSave = "textDocument/didSave";
    public const string DidChangeConfiguration = "workspace/didChangeConfiguration";
    public const string DidChangeWatchedFiles = "workspace/didChangeWatchedFiles";
    public const string DidChangeWorkspaceFolders = "workspace/didChangeWorkspaceFolders";
    public const string PublishDiagnostics = "textDocument/publishDiagnostics";
    public const string Hover = "textDocument/hover";
    public const string Completion = "textDocument/completion";
    public const string CodeAction = "textDocument/codeAction";
    public const string DocumentSymbol = "textDocument/documentSymbol";
    public const string Formatting = "textDocument/formatting";
    public const string RangeFormatting = "textDocument/rangeFormatting";
    public const string References = "textDocument/references";
    public const string SemanticTokensFull = "textDocument/semanticTokens/full";
    public const string SemanticTokensRange = "textDocument/semanticTokens/range";
    public const string LogMessage = "window/logMessage";
    public const string RegisterCapability = "client/registerCapability";
    public const string Configuration = "workspace/configuration";
    public const string WorkDoneProgressCreate = "window/workDoneProgress/create";
    public const string Progress = "$/progress";
    public const string SetTrace = "$/setTrace";
    public const string LogTrace = "$/logTrace";

    /// <summary>Our own request: the server process's allocation and collection counters (the latency harness reads them).</summary>
    public const string ProcessStatistics = "xcfg/processStatistics";
}
