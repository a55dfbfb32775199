using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Hosting;

public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
    Off,
}

/// <summary>
/// The server's log. Lines go to a text writer (standard error for `xcfg lsp`, never standard output, which
/// carries the protocol); warnings and errors also go to the client as window/logMessage once it is listening.
/// </summary>
internal sealed class ServerLog
{
    private readonly TextWriter _writer;
    private readonly LogLevel _level;
    private readonly Lock _gate = new();
    private Action<LogMessageParams>? _client;

    public ServerLog(TextWriter writer, LogLevel level)
    {
        _writer = writer;
        _level = level;
    }

    public void AttachClient(Action<LogMessageParams> send) => _client = send;

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    private void Write(LogLevel level, string message)
    {
        if (level < _level)
        {
            return;
        }

        lock (_gate)
        {
            _writer.WriteLine($"[xcfg lsp {level.ToString().ToLowerInvariant()}] {message}");
            _writer.Flush();
        }

        if (level >= LogLevel.Warning && _client is { } client)
        {
            client(new LogMessageParams(level == LogLevel.Error ? MessageType.Error : MessageType.Warning, message));
        }
    }
}
