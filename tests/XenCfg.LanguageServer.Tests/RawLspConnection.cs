using System.Text;
using System.Text.Json;
using Nerdbank.Streams;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// A byte-level connection to the server, for tests of what a well-behaved client library would never send: it
/// writes frames (or garbage) exactly as given and reads the server's frames one by one.
/// </summary>
internal sealed class RawLspConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _pending = new();

    public RawLspConnection()
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _stream = clientStream;
        Log = new StringWriter();
        var server = new XcfgLanguageServer(serverStream, serverStream, new LanguageServerOptions { Log = TextWriter.Synchronized(Log), LogLevel = Hosting.LogLevel.Debug });
        ServerExit = Task.Run(() => server.RunAsync(_stop.Token));
    }

    public StringWriter Log { get; }

    public Task<int> ServerExit { get; }

    public static string Frame(string json) => $"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}";

    public Task SendAsync(string json) => WriteAsync(Frame(json));

    public Task WriteAsync(string raw) => WriteAsync(Encoding.UTF8.GetBytes(raw));

    public async Task WriteAsync(byte[] raw)
    {
        await _stream.WriteAsync(raw);
        await _stream.FlushAsync();
    }

    /// <summary>Closes the client's end, as when the editor goes away.</summary>
    public async Task CloseAsync() => await _stream.DisposeAsync();

    public async Task InitializeAsync()
    {
        await SendAsync("""{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"capabilities":{}}}""");
        await ReadResponseAsync("init");
        await SendAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
    }

    /// <summary>Reads frames until the response with this id (string ids keep the comparison simple).</summary>
    public async Task<JsonElement> ReadResponseAsync(string id)
    {
        while (true)
        {
            var message = await ReadFrameAsync();
            if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.String && got.GetString() == id && !message.TryGetProperty("method", out _))
            {
                return message;
            }
        }
    }

    public async Task<JsonElement> ReadFrameAsync()
    {
        using var timeout = new CancellationTokenSource(LspTestClient.Timeout);
        var header = await ReadUntilAsync("\r\n\r\n"u8.ToArray(), timeout.Token);
        var text = Encoding.ASCII.GetString(header);
        var length = int.Parse(text.Split("\r\n")[0]["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = await ReadExactlyAsync(length, timeout.Token);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await ServerExit.WaitAsync(LspTestClient.Timeout);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        await _stream.DisposeAsync();
        await _pending.DisposeAsync();
    }

    private async Task<byte[]> ReadUntilAsync(byte[] terminator, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffered = _pending.ToArray();
            var at = buffered.AsSpan().IndexOf(terminator);
            if (at >= 0)
            {
                Consume(buffered, at + terminator.Length);
                return buffered[..at];
            }

            await FillAsync(cancellationToken);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int length, CancellationToken cancellationToken)
    {
        while (_pending.Length < length)
        {
            await FillAsync(cancellationToken);
        }

        var buffered = _pending.ToArray();
        Consume(buffered, length);
        return buffered[..length];
    }

    private void Consume(byte[] buffered, int count)
    {
        _pending.SetLength(0);
        _pending.Write(buffered, count, buffered.Length - count);
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[8192];
        var read = await _stream.ReadAsync(chunk, cancellationToken);
        if (read == 0)
        {
            throw new EndOfStreamException("the server closed the connection");
        }

        _pending.Write(chunk, 0, read);
    }
}
