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
/// <remarks>
/// Without an explicit level (`xcfg lsp --log-level`), standard error gets warnings and errors only: editors log a
/// server's standard error as errors (Neovim's log marks every line ERROR), so routine lines there read as
/// failures. The client's trace setting (initialize's <c>trace</c>, then <c>$/setTrace</c>) turns more on:
/// <c>messages</c> adds the info lines, <c>verbose</c> the debug lines too, both on standard error and to the client
/// as <c>$/logTrace</c>, which is where LSP puts a server's trace.
/// </remarks>
internal sealed class ServerLog
{
    private readonly TextWriter _writer;
    private readonly LogLevel? _explicitLevel;
    private readonly Lock _gate = new();
    private Action<LogMessageParams>? _client;
    private Action<LogTraceParams>? _trace;
    private int _level;
    private int _traceLevel = (int)LogLevel.Off;

    /// <param name="level">The level asked for; null for the default (warnings, or what the client's trace asks for).</param>
    public ServerLog(TextWriter writer, LogLevel? level)
    {
        _writer = writer;
        _explicitLevel = level;
        _level = (int)(level ?? LogLevel.Warning);
    }

    /// <summary>The lowest level written to standard error now.</summary>
    public LogLevel Level => (LogLevel)Volatile.Read(ref _level);

    public void AttachClient(Action<LogMessageParams> send) => _client = send;

    public void AttachTrace(Action<LogTraceParams> send) => _trace = send;

    /// <summary>Applies the client's trace value (<c>off</c>, <c>messages</c> or <c>verbose</c>; anything else is off).</summary>
    public void SetTrace(string? trace)
    {
        var traceLevel = trace switch
        {
            TraceValues.Messages => LogLevel.Info,
            TraceValues.Verbose => LogLevel.Debug,
            _ => LogLevel.Off,
        };
        Volatile.Write(ref _traceLevel, (int)traceLevel);
        if (_explicitLevel is null)
        {
            Volatile.Write(ref _level, (int)(traceLevel == LogLevel.Off ? LogLevel.Warning : traceLevel));
        }
    }

    /// <summary>Whether a line of this level goes anywhere (so a caller can skip building it).</summary>
    public bool IsEnabled(LogLevel level) => level >= Level || (int)level >= Volatile.Read(ref _traceLevel);

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    private void Write(LogLevel level, string message)
    {
        if (level >= Level)
        {
            lock (_gate)
            {
                _writer.WriteLine($"[xcfg lsp {level.ToString().ToLowerInvariant()}] {message}");
                _writer.Flush();
            }
        }

        if ((int)level >= Volatile.Read(ref _traceLevel) && _trace is { } trace)
        {
            trace(new LogTraceParams($"[{level.ToString().ToLowerInvariant()}] {message}"));
        }

        if (level >= LogLevel.Warning && _client is { } client)
        {
            client(new LogMessageParams(level == LogLevel.Error ? MessageType.Error : MessageType.Warning, message));
        }
    }
}
