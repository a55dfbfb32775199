using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using StreamJsonRpc;
using XenCfg.LanguageServer.Protocol;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// A small LSP client for in-process protocol tests: our server on one end of an in-memory duplex stream, a
/// StreamJsonRpc connection on the other, speaking the same framing. It records what the server sends
/// (diagnostics, log messages, requests) and can also write raw bytes to the server to test bad frames.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    /// <summary>
    /// How long a wait for the server may take before the test fails: a guard against a server that never answers,
    /// not a speed check (that is for tests/XenCfg.LspLatency; see <see cref="HangGuard"/>).
    /// </summary>
    public static readonly TimeSpan Timeout = HangGuard.Limit;

    private readonly Stream _clientStream;
    private readonly JsonRpc _rpc;
    private readonly ClientTarget _target;
    private readonly CancellationTokenSource _stop = new();

    private LspTestClient(LanguageServerOptions options, JsonElement? configuration, Hosting.LogLevel? logLevel)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _clientStream = clientStream;
        Log = new StringWriter();
        var server = new XcfgLanguageServer(serverStream, serverStream, new LanguageServerOptions
        {
            Log = TextWriter.Synchronized(Log),
            LogLevel = logLevel,
            BeforeAnalysis = options.BeforeAnalysis,
            PublishTimings = options.PublishTimings,
            Keys = options.Keys,
            RequestStarting = options.RequestStarting,
            HostStorage = options.HostStorage,
        });
        ServerExit = Task.Run(() => server.RunAsync(_stop.Token));
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options) };
        _rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, formatter));
        _target = new ClientTarget(configuration);
        _rpc.AddLocalRpcTarget(_target);
        _rpc.StartListening();
    }

    /// <summary>The server's log (what `xcfg lsp` writes to standard error).</summary>
    public StringWriter Log { get; }

    /// <summary>Completes with the server's exit code.</summary>
    public Task<int> ServerExit { get; }

    public IReadOnlyList<PublishDiagnosticsParams> Published => _target.Snapshot();

    public IReadOnlyList<Registration> Registrations => [.. _target.Registrations];

    /// <summary>The server's <c>$/logTrace</c> notifications.</summary>
    public IReadOnlyList<LogTraceParams> Traces => _target.TraceSnapshot();

    /// <summary>The work done progress the server reported: ("create", token) then each value.</summary>
    public IReadOnlyList<(string Token, WorkDoneProgressValue Value)> Progress => _target.ProgressSnapshot();

    /// <summary>Completes when the server ends a work done progress (the workspace scan).</summary>
    public Task ProgressEndedAsync() => _target.ProgressEnded.Task.WaitAsync(Timeout);

    public static async Task<LspTestClient> StartAsync(
        LanguageServerOptions? options = null,
        InitializeParams? initialize = null,
        JsonElement? configuration = null,
        bool initialized = true,
        Hosting.LogLevel? logLevel = Hosting.LogLevel.Debug)
    {
        var client = new LspTestClient(options ?? new LanguageServerOptions(), configuration, logLevel);
        if (initialized)
        {
            await client.InitializeAsync(initialize ?? new InitializeParams(Capabilities: new ClientCapabilities()));
        }

        return client;
    }

    public async Task<InitializeResult> InitializeAsync(InitializeParams parameters)
    {
        var result = await RequestAsync<InitializeResult>(LspMethods.Initialize, parameters);
        await NotifyAsync(LspMethods.Initialized, JsonDocument.Parse("{}").RootElement);
        return result;
    }

    public Task<T> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken = default) =>
        _rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken).WaitAsync(Timeout, cancellationToken);

    public Task RequestAsync(string method, object? parameters = null) =>
        _rpc.InvokeWithParameterObjectAsync(method, parameters).WaitAsync(Timeout);

    public Task NotifyAsync(string method, object? parameters = null) =>
        _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync(LspMethods.DidOpen, new DidOpenTextDocumentParams(new TextDocumentItem(uri, "xencfg", version, text)));

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync(LspMethods.DidChange, new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));

    public Task CloseAsync(string uri) => NotifyAsync(LspMethods.DidClose, new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));

    /// <summary>Waits for a publication for <paramref name="uri"/> (after any already seen) that satisfies the condition.</summary>
    public Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, Func<PublishDiagnosticsParams, bool>? condition = null) =>
        _target.WaitAsync(published => published.Uri == uri && (condition?.Invoke(published) ?? true), Timeout);

    /// <summary>Waits for the diagnostics of a given version of an open document.</summary>
    public Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, int version) =>
        DiagnosticsAsync(uri, published => published.Version == version);

    public async Task WriteRawAsync(string frame) => await WriteRawAsync(Encoding.UTF8.GetBytes(frame));

    public async Task WriteRawAsync(byte[] bytes)
    {
        await _clientStream.WriteAsync(bytes);
        await _clientStream.FlushAsync();
    }

    public static string Frame(string json) => $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync(LspMethods.Shutdown);
        await NotifyAsync(LspMethods.Exit);
        return await ServerExit.WaitAsync(Timeout);
    }

    /// <summary>Closes the client's end, as when the editor goes away.</summary>
    public void Disconnect() => _rpc.Dispose();

    public async ValueTask DisposeAsync()
    {
        _rpc.Dispose();
        await _stop.CancelAsync();
        try
        {
            await ServerExit.WaitAsync(Timeout);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _target.Dispose();
        await _clientStream.DisposeAsync();
    }

    /// <summary>What the client does when the server calls it.</summary>
    private sealed class ClientTarget(JsonElement? configuration) : IDisposable
    {
        private readonly List<PublishDiagnosticsParams> _published = [];
        private readonly HashSet<int> _returned = [];
        private readonly Lock _gate = new();
        private readonly SemaphoreSlim _arrived = new(0);

        public List<LogMessageParams> Messages { get; } = [];

        public List<Registration> Registrations { get; } = [];

        public void Dispose() => _arrived.Dispose();

        [JsonRpcMethod(LspMethods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams parameters)
        {
            lock (_gate)
            {
                _published.Add(parameters);
            }

            _arrived.Release();
        }

        [JsonRpcMethod(LspMethods.LogMessage, UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(LogMessageParams parameters)
        {
            lock (_gate)
            {
                Messages.Add(parameters);
            }
        }

        public List<LogTraceParams> Traces { get; } = [];

        [JsonRpcMethod(LspMethods.LogTrace, UseSingleObjectParameterDeserialization = true)]
        public void LogTrace(LogTraceParams parameters)
        {
            lock (_gate)
            {
                Traces.Add(parameters);
            }
        }

        public IReadOnlyList<LogTraceParams> TraceSnapshot()
        {
            lock (_gate)
            {
                return [.. Traces];
            }
        }

        [JsonRpcMethod(LspMethods.RegisterCapability, UseSingleObjectParameterDeserialization = true)]
        public void RegisterCapability(RegistrationParams parameters)
        {
            lock (_gate)
            {
                Registrations.AddRange(parameters.Registrations);
            }
        }

        public List<(string Token, WorkDoneProgressValue Value)> Progress { get; } = [];

        public TaskCompletionSource ProgressEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        [JsonRpcMethod(LspMethods.WorkDoneProgressCreate, UseSingleObjectParameterDeserialization = true)]
        public void CreateProgress(WorkDoneProgressCreateParams parameters)
        {
            lock (_gate)
            {
                Progress.Add((parameters.Token, new WorkDoneProgressValue("create")));
            }
        }

        [JsonRpcMethod(LspMethods.Progress, UseSingleObjectParameterDeserialization = true)]
        public void OnProgress(ProgressParams parameters)
        {
            lock (_gate)
            {
                Progress.Add((parameters.Token, parameters.Value));
            }

            if (parameters.Value.Kind == WorkDoneProgressKind.End)
            {
                ProgressEnded.TrySetResult();
            }
        }

        public IReadOnlyList<(string Token, WorkDoneProgressValue Value)> ProgressSnapshot()
        {
            lock (_gate)
            {
                return [.. Progress];
            }
        }

        [JsonRpcMethod(LspMethods.Configuration, UseSingleObjectParameterDeserialization = true)]
        public JsonElement[] Configuration(ConfigurationParams parameters) =>
            [.. parameters.Items.Select(_ => configuration ?? JsonDocument.Parse("null").RootElement)];

        public IReadOnlyList<PublishDiagnosticsParams> Snapshot()
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }

        /// <summary>The first publication not returned before that satisfies the condition.</summary>
        public async Task<PublishDiagnosticsParams> WaitAsync(Func<PublishDiagnosticsParams, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                lock (_gate)
                {
                    for (var i = 0; i < _published.Count; i++)
                    {
                        if (!_returned.Contains(i) && condition(_published[i]))
                        {
                            _returned.Add(i);
                            return _published[i];
                        }
                    }
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                {
                    throw new TimeoutException($"no matching diagnostics within {timeout}; published: {string.Join("; ", Snapshot().Select(p => $"{p.Uri} v{p.Version}: {p.Diagnostics.Length}"))}");
                }
            }
        }
    }
}
