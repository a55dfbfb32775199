using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamJsonRpc;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Features;
using XenCfg.LanguageServer.Hosting;
using XenCfg.LanguageServer.Protocol;
using XenCfg.LanguageServer.Transport;

namespace XenCfg.LanguageServer;

/// <summary>
/// The xcfg language server (LSP 3.17) over a pair of streams: <c>xcfg lsp</c> runs it on standard input and
/// output; tests run it over an in-memory duplex stream. <see cref="RunAsync"/> returns the process exit code: 0
/// after <c>shutdown</c> then <c>exit</c> (or the input closing after shutdown), 1 otherwise.
/// </summary>
public sealed class XcfgLanguageServer
{
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly LanguageServerOptions _options;

    public XcfgLanguageServer(Stream input, Stream output, LanguageServerOptions? options = null)
    {
        _input = input;
        _output = output;
        _options = options ?? new LanguageServerOptions();
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Every protocol type is serialized by the source-generated LspJsonContext; the target's methods are kept by AddLocalRpcTarget's annotations.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Every protocol type is serialized by the source-generated LspJsonContext.")]
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var log = new ServerLog(_options.Log, _options.LogLevel);
        var lifecycle = new Lifecycle();
        var formatter = new SystemTextJsonFormatter
        {
            JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options),
        };
        var handler = new LspMessageHandler(_input, _output, formatter, lifecycle, log);
        using var rpc = new LspJsonRpc(handler, log);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var target = new LanguageServerTarget(new ClientConnection(rpc), lifecycle, log, _options, stop.Token);
        rpc.AddLocalRpcTarget(target, new JsonRpcTargetOptions { DisposeOnDisconnect = false });
        rpc.StartListening();

        var worker = target.StartBackgroundWork();
        var ended = await Task.WhenAny(target.ExitRequested, rpc.Completion, handler.OutputFailed, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        if (ended == handler.OutputFailed)
        {
            log.Info("the client went away (its end of the output is closed)");
        }
        else if (ended == rpc.Completion && rpc.Completion.IsFaulted)
        {
            log.Error($"the connection failed: {rpc.Completion.Exception?.GetBaseException().Message}");
        }
        else if (ended == rpc.Completion)
        {
            log.Info(lifecycle.ShutdownRequested ? "the client closed the connection" : "the client closed the connection without shutdown");
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await worker.ConfigureAwait(false);
        return lifecycle.ShutdownRequested ? 0 : 1;
    }
}
