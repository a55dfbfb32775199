using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using StreamJsonRpc;
using XenCfg.Analysis;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Features;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// The methods the client calls. StreamJsonRpc starts them one at a time in arrival order, so the document
/// notifications (synchronous) are applied strictly in order; read requests take an immutable snapshot in their
/// synchronous part, which therefore reflects every edit sent before them, then compute off that thread, so they
/// run concurrently with each other and with later edits.
/// </summary>
internal sealed class LanguageServerTarget : IDisposable
{
    private readonly ClientConnection _client;
    private readonly Lifecycle _lifecycle;
    private readonly ServerLog _log;
    private readonly IKeyCatalog _keys;
    private readonly IWorkspaceAnalyzer _analyzer;
    private readonly CancellationToken _stopping;
    private readonly Func<string, CancellationToken, Task>? _requestStarting;
    private readonly TimeSpan _clientProcessPollInterval;
    /// <summary>Files read from disk per store update during the scan (the worker takes whatever has arrived as one batch).</summary>
    private const int ScanBatchSize = 256;

    private readonly DocumentStore _store = new();
    private readonly DiagnosticsPublisher _publisher;
    private readonly TaskCompletionSource _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkspaceFiles _files = WorkspaceFiles.Default;
    private ClientCapabilities _capabilities = new();
    private Task _scan = Task.CompletedTask;

    public LanguageServerTarget(ClientConnection client, Lifecycle lifecycle, ServerLog log, LanguageServerOptions options, CancellationToken stopping)
    {
        _client = client;
        _lifecycle = lifecycle;
        _log = log;
        _keys = options.Keys ?? DefaultKeyCatalog.Instance;
        _analyzer = new WorkspaceAnalyzer(options.BeforeAnalysis);
        _stopping = stopping;
        _requestStarting = options.RequestStarting;
        _clientProcessPollInterval = options.ClientProcessPollInterval;
        _publisher = new DiagnosticsPublisher(_store, _analyzer, () => Files, client.PublishDiagnosticsAsync, log, options.PublishTimings);
    }

    public Task ExitRequested => _exit.Task;

    /// <summary>The project configuration now: the editor's settings and the <c>.xcfg.toml</c> files as last read.</summary>
    private WorkspaceFiles Files => Volatile.Read(ref _files);

    public async Task StartBackgroundWork()
    {
        await _publisher.RunAsync(_stopping).ConfigureAwait(false);
        try
        {
            await _scan.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The scan stops with the server.
        }
    }

    public void Dispose() => _publisher.Dispose();

    // ---- Lifecycle ----

    [JsonRpcMethod(LspMethods.Initialize, UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        _capabilities = parameters.Capabilities ?? new ClientCapabilities();
        var folders = (parameters.WorkspaceFolders is { Length: > 0 } workspaceFolders
                ? workspaceFolders.Select(folder => DocumentUris.TryGetFilePath(folder.Uri))
                : [parameters.RootUri is { } rootUri ? DocumentUris.TryGetFilePath(rootUri) : parameters.RootPath])
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToImmutableArray();
        _store.SetFolders(folders);
        if (ServerSettings.Read(parameters.InitializationOptions, _log) is { } settings)
        {
            Volatile.Write(ref _files, new WorkspaceFiles(settings));
        }

        _log.Info($"initialize from {parameters.ClientInfo?.Name ?? "an unnamed client"}; workspace folders: {(folders.IsEmpty ? "none" : string.Join(", ", folders))}");
        if (parameters.ProcessId is { } processId && processId != Environment.ProcessId && processId > 0)
        {
            _ = ClientProcessWatch.WatchAsync(processId, _clientProcessPollInterval, () =>
            {
                _log.Warning($"the client's process {processId} has ended: exiting");
                _exit.TrySetResult();
            }, _stopping);
        }

        return new InitializeResult(
            new ServerCapabilities(
                PositionEncoding: "utf-16",
                TextDocumentSync: new TextDocumentSyncOptions(OpenClose: true, Change: TextDocumentSyncKind.Incremental, Save: new SaveOptions(IncludeText: false)),
                HoverProvider: true,
                CompletionProvider: new CompletionOptions(TriggerCharacters: ["\"", "'", "=", ","]),
                CodeActionProvider: new CodeActionOptions([CodeActionKinds.QuickFix]),
                DocumentSymbolProvider: true,
                DocumentFormattingProvider: true,
                DocumentRangeFormattingProvider: true,
                SemanticTokensProvider: new SemanticTokensOptions(SemanticTokensProvider.Legend, Range: false, Full: true),
                ReferencesProvider: true,
                Workspace: new ServerWorkspaceCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true))),
            new ServerInfo("xcfg", typeof(XcfgLanguageServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
    }

    [JsonRpcMethod(LspMethods.Initialized, UseSingleObjectParameterDeserialization = true)]
    public void Initialized(JsonElement? parameters)
    {
        _ = parameters;
        _lifecycle.MarkInitialized();
        _log.AttachClient(message => _ = _client.LogMessageAsync(message));
        _ = RegisterFileWatchersAsync();
        _ = PullConfigurationAsync();
        StartScan(_store.Current.Folders);
    }

    [JsonRpcMethod(LspMethods.Shutdown)]
    public void Shutdown()
    {
        _lifecycle.MarkShutdown();
        _log.Info("shutdown");
    }

    [JsonRpcMethod(LspMethods.Exit)]
    public void Exit()
    {
        _log.Info(_lifecycle.ShutdownRequested ? "exit" : "exit without shutdown");
        _exit.TrySetResult();
    }

    // ---- Documents ----

    [JsonRpcMethod(LspMethods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters) => _publisher.Enqueue(_store.Open(parameters.TextDocument));

    [JsonRpcMethod(LspMethods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        if (_store.Change(parameters.TextDocument, parameters.ContentChanges ?? []) is { } changed)
        {
            _publisher.Enqueue(changed);
        }
        else
        {
            _log.Warning($"didChange for {parameters.TextDocument.Uri}, which is not open: ignored");
        }
    }

    [JsonRpcMethod(LspMethods.DidClose, UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters) => _publisher.Enqueue(_store.Close(parameters.TextDocument.Uri, Files));

    /// <summary>
    /// A saved config needs nothing (the editor's text is already current; the disk copy matters once it is closed).
    /// A saved <c>.xcfg.toml</c> is read again: a client that cannot watch files still sends this when it edits one.
    /// </summary>
    [JsonRpcMethod(LspMethods.DidSave, UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters)
    {
        _log.Debug($"saved {parameters.TextDocument.Uri}");
        if (DocumentUris.TryGetFilePath(parameters.TextDocument.Uri) is { } path && WorkspaceFiles.IsProjectConfig(path))
        {
            ReloadProjectConfig(path);
        }
    }

    [JsonRpcMethod(LspMethods.DidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        var changes = parameters.Changes ?? [];
        if (changes.Select(change => DocumentUris.TryGetFilePath(change.Uri)).FirstOrDefault(path => path is not null && WorkspaceFiles.IsProjectConfig(path)) is { } config)
        {
            ReloadProjectConfig(config);
        }

        foreach (var change in changes)
        {
            if (DocumentUris.TryGetFilePath(change.Uri) is not { } path || !WorkspaceFiles.IsProjectConfig(path))
            {
                _publisher.Enqueue(_store.FileChanged(change.Uri, change.Type, Files));
            }
        }
    }

    [JsonRpcMethod(LspMethods.DidChangeWorkspaceFolders, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams parameters)
    {
        var removed = (parameters.Event.Removed ?? []).Select(folder => DocumentUris.TryGetFilePath(folder.Uri)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var added = (parameters.Event.Added ?? []).Select(folder => DocumentUris.TryGetFilePath(folder.Uri)).OfType<string>().ToList();
        var folders = _store.Current.Folders.Where(folder => !removed.Contains(folder)).Concat(added).Distinct(StringComparer.Ordinal).ToImmutableArray();
        _store.SetFolders(folders);
        _publisher.Enqueue(_store.RemoveNotInWorkspace(Files));
        StartScan([.. added]);
    }

    /// <summary>
    /// New settings. A client that answers workspace/configuration is asked for the whole section (the notification's
    /// payload may hold only some settings: the VS Code extension sends its dialect and rules); another client's
    /// payload is the settings.
    /// </summary>
    [JsonRpcMethod(LspMethods.DidChangeConfiguration, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeConfiguration(DidChangeConfigurationParams parameters)
    {
        if (_capabilities.Workspace?.Configuration == true)
        {
            _ = PullConfigurationAsync();
        }
        else if (ServerSettings.Read(parameters.Settings, _log) is { } settings)
        {
            ApplySettings(settings);
        }
    }

    // ---- Features ----

    [JsonRpcMethod(LspMethods.Hover, UseSingleObjectParameterDeserialization = true)]
    public async Task<Hover?> HoverAsync(HoverParams parameters, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(parameters.TextDocument);
        await StartComputingAsync(LspMethods.Hover, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var tree = document.GetTree(options.ParseOptions);
        return HoverProvider.For(tree, PositionMapping.ToOffset(tree.Text, parameters.Position), _keys, DiagnosticsOf(document, tree, options));
    }

    [JsonRpcMethod(LspMethods.Completion, UseSingleObjectParameterDeserialization = true)]
    public async Task<CompletionList> CompletionAsync(CompletionParams parameters, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(parameters.TextDocument);
        await StartComputingAsync(LspMethods.Completion, cancellationToken);
        return document is null ? new CompletionList(false, []) : CompletionProvider.For(document.GetTree(options.ParseOptions), parameters.Position, _keys);
    }

    [JsonRpcMethod(LspMethods.CodeAction, UseSingleObjectParameterDeserialization = true)]
    public async Task<CodeAction[]> CodeActionAsync(CodeActionParams parameters, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(parameters.TextDocument);
        await StartComputingAsync(LspMethods.CodeAction, cancellationToken);
        if (document is null)
        {
            return [];
        }

        var tree = document.GetTree(options.ParseOptions);
        var actions = CodeActionProvider.For(document, tree, PositionMapping.ToSpan(tree.Text, parameters.Range), DiagnosticsOf(document, tree, options), parameters.Context?.Only);
        EnsureCurrent(document);
        return actions;
    }

    [JsonRpcMethod(LspMethods.DocumentSymbol, UseSingleObjectParameterDeserialization = true)]
    public async Task<DocumentSymbol[]> DocumentSymbolAsync(DocumentSymbolParams parameters, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(parameters.TextDocument);
        await StartComputingAsync(LspMethods.DocumentSymbol, cancellationToken);
        return document is null ? [] : DocumentSymbols.For(document.GetTree(options.ParseOptions));
    }

    /// <summary>
    /// References to storage across the workspace. The answer needs the workspace's view of every file, so the
    /// request first waits (cancellably) for the workspace scan and for the diagnostics worker to take in every
    /// change sent before it.
    /// </summary>
    [JsonRpcMethod(LspMethods.References, UseSingleObjectParameterDeserialization = true)]
    public async Task<Location[]> ReferencesAsync(ReferenceParams parameters, CancellationToken cancellationToken)
    {
        var (document, _) = Snapshot(parameters.TextDocument);
        var scan = _scan;
        await StartComputingAsync(LspMethods.References, cancellationToken);
        if (document is null)
        {
            return [];
        }

        await scan.ContinueWith(static _ => { }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        await _publisher.WhenPublishedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        // Positions are those of the analysed text (the worker has taken in every change sent before the request).
        if (_analyzer.GetText(document.Key) is not { } analysed)
        {
            return [];
        }

        var parseOptions = _analyzer.Options.For(document.Key).Analysis.ParseOptions;
        var tree = ReferenceEquals(analysed, document.Text) ? document.GetTree(parseOptions) : SyntaxTree.Parse(analysed, parseOptions, document.Key);

        return StorageReferences.For(_analyzer, document.Key, tree, PositionMapping.ToOffset(tree.Text, parameters.Position), parameters.Context?.IncludeDeclaration ?? true);
    }

    [JsonRpcMethod(LspMethods.SemanticTokensFull, UseSingleObjectParameterDeserialization = true)]
    public async Task<SemanticTokens> SemanticTokensAsync(SemanticTokensParams parameters, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(parameters.TextDocument);
        await StartComputingAsync(LspMethods.SemanticTokensFull, cancellationToken);
        return document is null ? new SemanticTokens([]) : SemanticTokensProvider.For(document.GetTree(options.ParseOptions));
    }

    [JsonRpcMethod(LspMethods.Formatting, UseSingleObjectParameterDeserialization = true)]
    public Task<TextEdit[]> FormattingAsync(DocumentFormattingParams parameters, CancellationToken cancellationToken) =>
        FormatAsync(LspMethods.Formatting, parameters.TextDocument, null, cancellationToken);

    [JsonRpcMethod(LspMethods.RangeFormatting, UseSingleObjectParameterDeserialization = true)]
    public Task<TextEdit[]> RangeFormattingAsync(DocumentRangeFormattingParams parameters, CancellationToken cancellationToken) =>
        FormatAsync(LspMethods.RangeFormatting, parameters.TextDocument, parameters.Range, cancellationToken);

    private async Task<TextEdit[]> FormatAsync(string method, TextDocumentIdentifier identifier, Protocol.Range? range, CancellationToken cancellationToken)
    {
        var (document, options) = Snapshot(identifier);
        await StartComputingAsync(method, cancellationToken);
        if (document is null)
        {
            return [];
        }

        var tree = document.GetTree(options.ParseOptions);
        var edits = Formatting.Format(tree, range is null ? null : PositionMapping.ToSpan(tree.Text, range));
        if (edits is null)
        {
            _log.Info($"{document.Uri} was not formatted: it has syntax errors");
            return [];
        }

        EnsureCurrent(document);
        return edits;
    }

    // ---- Helpers ----

    /// <summary>Leaves the ordered dispatch (so later messages proceed) and checks for cancellation.</summary>
    private async Task StartComputingAsync(string method, CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (_requestStarting is { } hook)
        {
            await hook(method, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>The document as the client sees it now, and its effective options now.</summary>
    private (TextDocument? Document, AnalysisOptions Options) Snapshot(TextDocumentIdentifier identifier)
    {
        var document = _store.Current.FindByUri(identifier.Uri);
        return (document, document is null ? AnalysisOptions.Default : Files.For(document.Key).Analysis);
    }

    /// <summary>Edits computed for a text the client has since changed would land in the wrong places: -32801.</summary>
    private void EnsureCurrent(TextDocument document)
    {
        if (!ReferenceEquals(_store.Current.Find(document.Key), document))
        {
            throw new LocalRpcException("the document changed while the request was computed") { ErrorCode = LspErrorCodes.ContentModified };
        }
    }

    /// <summary>
    /// The findings of a document as the client sees it: the workspace's (cross-file ones included) when the workspace
    /// has analysed this very text under these options; otherwise, while the worker catches up with an edit, the
    /// file's own findings computed here.
    /// </summary>
    private ImmutableArray<Syntax.Diagnostics.ConfigDiagnostic> DiagnosticsOf(TextDocument document, SyntaxTree tree, AnalysisOptions options)
    {
        var analysed = _analyzer.Options.For(document.Key);
        if (ReferenceEquals(_analyzer.GetText(document.Key), document.Text) && analysed.Analysis == options)
        {
            return _analyzer.GetDiagnostics(document.Key);
        }

        try
        {
            var own = ConfigAnalyzer.Analyze(tree, options);
            return Files.For(document.Key).ConfigProblem is { } problem ? [problem, .. own] : own;
        }
#pragma warning disable CA1031 // Any failure of the analysis is reported in the file, never to the server.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return [WorkspaceAnalyzer.InternalError(exception)];
        }
    }

    private void ApplySettings(EditorSettings settings)
    {
        var layer = settings.Layer;
        Volatile.Write(ref _files, Files.With(settings));
        _log.Info($"settings: dialect {layer.Dialect?.ToString() ?? "unset"}, Xen {layer.XenVersion?.ToString() ?? "unset"}, {layer.Rules.Count} rule override(s), project configuration {(settings.UseProjectConfig ? "used" : "ignored")}");
        _publisher.OptionsChanged();
    }

    /// <summary>
    /// A <c>.xcfg.toml</c> was created, changed or deleted: the project files are read again, every document takes
    /// its new options, configs it now excludes are forgotten and ones it now includes are read.
    /// </summary>
    private void ReloadProjectConfig(string path)
    {
        var files = Files.Reloaded();
        Volatile.Write(ref _files, files);
        _log.Info($"project configuration {path} changed: reading it again");
        _publisher.Enqueue(_store.RemoveNotInWorkspace(files));
        _publisher.OptionsChanged();
        StartScan(_store.Current.Folders);
    }

    /// <summary>
    /// Reads the config files of the folders into the workspace, in batches (each analysed as it arrives), with
    /// progress shown in the editor until every file found has been analysed and published.
    /// </summary>
    private void StartScan(IReadOnlyCollection<string> folders)
    {
        if (folders.Count == 0)
        {
            return;
        }

        var previous = _scan;
        _scan = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var progress = await WorkDoneProgress.BeginAsync(_client, _capabilities.Window?.WorkDoneProgress == true, "xcfg", "reading the workspace", _log, _stopping).ConfigureAwait(false);
            var batch = new List<(string, Microsoft.CodeAnalysis.Text.SourceText)>();
            var count = 0;
            var files = Files;
            foreach (var input in files.Find(folders, _stopping))
            {
                if (files.TryRead(input) is { } text)
                {
                    batch.Add((input.FullPath, text));
                }

                if (batch.Count == ScanBatchSize)
                {
                    count += Flush(batch);
                    await progress.ReportAsync($"{count} config files found").ConfigureAwait(false);
                }
            }

            count += Flush(batch);
            await progress.ReportAsync($"analysing {count} config files").ConfigureAwait(false);
            await _publisher.WhenPublishedAsync().WaitAsync(_stopping).ConfigureAwait(false);
            await progress.EndAsync($"{count} config files analysed").ConfigureAwait(false);
            _log.Info($"found and analysed {count} config file(s) in the workspace in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        }, _stopping);

        int Flush(List<(string, Microsoft.CodeAnalysis.Text.SourceText)> files)
        {
            var added = _store.AddFromDisk(files);
            _publisher.Enqueue(added);
            files.Clear();
            return added.Count;
        }
    }

    private async Task RegisterFileWatchersAsync()
    {
        if (_capabilities.Workspace?.DidChangeWatchedFiles?.DynamicRegistration != true)
        {
            return;
        }

        try
        {
            var watchers = WorkspaceFiles.GlobPatterns.Select(pattern => new Protocol.FileSystemWatcher(pattern)).ToArray();
            await _client.RegisterCapabilityAsync(
                new RegistrationParams([new Registration("xcfg-watched-files", LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesRegistrationOptions(watchers))]),
                _stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RemoteInvocationException or ConnectionLostException or OperationCanceledException or ObjectDisposedException)
        {
            _log.Warning($"could not register file watchers: {exception.Message}");
        }
    }

    private async Task PullConfigurationAsync()
    {
        if (_capabilities.Workspace?.Configuration != true)
        {
            return;
        }

        try
        {
            var settings = await _client.ConfigurationAsync(
                new ConfigurationParams([new ConfigurationItem(Section: ServerSettings.Section)]),
                _stopping).ConfigureAwait(false);
            if (settings is { Length: > 0 } && ServerSettings.Read(settings[0], _log) is { } editor)
            {
                ApplySettings(editor);
            }
        }
        catch (Exception exception) when (exception is RemoteInvocationException or ConnectionLostException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            _log.Warning($"could not read the client's settings: {exception.Message}");
        }
    }
}
