using StreamJsonRpc;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// Server-initiated work done progress (window/workDoneProgress/create, then <c>$/progress</c> begin, reports, end),
/// shown by editors as a progress indicator. A no-op when the client does not offer <c>window.workDoneProgress</c>
/// or refuses the token; progress is never worth failing the work it describes.
/// </summary>
internal sealed class WorkDoneProgress
{
    private readonly ClientConnection? _client;
    private readonly string _token;
    private readonly ServerLog _log;

    private WorkDoneProgress(ClientConnection? client, string token, ServerLog log)
    {
        _client = client;
        _token = token;
        _log = log;
    }

    public static async Task<WorkDoneProgress> BeginAsync(ClientConnection client, bool supported, string title, string message, ServerLog log, CancellationToken cancellationToken)
    {
        var token = $"xcfg-{Guid.NewGuid():N}";
        if (!supported)
        {
            return new WorkDoneProgress(null, token, log);
        }

        try
        {
            await client.CreateWorkDoneProgressAsync(new WorkDoneProgressCreateParams(token), cancellationToken).ConfigureAwait(false);
            var progress = new WorkDoneProgress(client, token, log);
            await progress.SendAsync(new WorkDoneProgressValue(WorkDoneProgressKind.Begin, Title: title, Message: message, Cancellable: false)).ConfigureAwait(false);
            return progress;
        }
        catch (Exception exception) when (exception is RemoteInvocationException or ConnectionLostException or ObjectDisposedException)
        {
            log.Debug($"no progress shown: {exception.Message}");
            return new WorkDoneProgress(null, token, log);
        }
    }

    public Task ReportAsync(string message) => SendAsync(new WorkDoneProgressValue(WorkDoneProgressKind.Report, Message: message));

    public Task EndAsync(string message) => SendAsync(new WorkDoneProgressValue(WorkDoneProgressKind.End, Message: message));

    private async Task SendAsync(WorkDoneProgressValue value)
    {
        if (_client is null)
        {
            return;
        }

        try
        {
            await _client.ProgressAsync(new ProgressParams(_token, value)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException)
        {
            _log.Debug($"progress not sent: {exception.Message}");
        }
    }
}
