using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using XenCfg.LanguageServer.Hosting;

namespace XenCfg.LanguageServer.Transport;

/// <summary>
/// LSP's base protocol (<c>Content-Length: N\r\n\r\n</c> then N bytes of JSON) over a pair of streams, written to
/// survive a misbehaving client. StreamJsonRpc's own <see cref="HeaderDelimitedMessageHandler"/> ends the
/// connection at the first bad header or malformed JSON; this one logs the frame, skips it and reads on: a frame
/// without a usable Content-Length is skipped up to the next <c>Content-Length:</c>, a frame whose JSON does not
/// parse is dropped whole. Each message read is shown to the <see cref="Lifecycle"/>, which may answer it at once
/// (a request before <c>initialize</c> or after <c>shutdown</c>) instead of dispatching it.
/// </summary>
internal sealed class LspMessageHandler : MessageHandlerBase
{
    /// <summary>A frame larger than this is skipped (a text that size is not a config, and the memory is real).</summary>
    internal const int MaxContentLength = 64 * 1024 * 1024;

    private const int MaxHeaderLineLength = 8 * 1024;

    private const string NotAHeader = "?";

    private static readonly byte[] ContentLengthName = "Content-Length:"u8.ToArray();

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly Lifecycle _lifecycle;
    private readonly ServerLog _log;
    private readonly ArrayBufferWriter<byte> _serialized = new();
    private readonly ConcurrentDictionary<RequestId, byte> _outstanding = new();
    private readonly TaskCompletionSource _outputFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _endOfInput;

    public LspMessageHandler(Stream input, Stream output, IJsonRpcMessageFormatter formatter, Lifecycle lifecycle, ServerLog log)
        : base(formatter)
    {
        _input = input;
        _output = output;
        _lifecycle = lifecycle;
        _log = log;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var contentLength = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
            if (contentLength is null)
            {
                return null;
            }

            if (contentLength.Value > MaxContentLength)
            {
                _log.Warning($"skipped a message of {contentLength.Value} bytes: larger than the {MaxContentLength}-byte limit");
                if (!await SkipAsync(contentLength.Value, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            var content = await ReadContentAsync(contentLength.Value, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return null;
            }

            JsonRpcMessage message;
            try
            {
                message = Formatter.Deserialize(new ReadOnlySequence<byte>(content));
            }
#pragma warning disable CA1031 // Whatever the formatter throws on bad input, the server logs it and reads on.
            catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                _log.Warning($"skipped a message that is not valid JSON-RPC ({exception.GetType().Name}: {exception.Message})");
                continue;
            }

            if (message is IJsonRpcMessageWithId { RequestId: var responseId } and (JsonRpcResult or JsonRpcError) && !_outstanding.TryRemove(responseId, out _))
            {
                // StreamJsonRpc treats an answer to a request it never sent as a protocol violation and hangs up.
                _log.Warning($"skipped a response to a request the server did not send (id {responseId})");
                continue;
            }

            var admission = _lifecycle.Admit(message);
            if (admission.Error is { } error && message is JsonRpcRequest { IsResponseExpected: true } request)
            {
                await ReplyWithErrorAsync(request.RequestId, error.Code, error.Message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (admission.Dispatch)
            {
                return message;
            }
        }
    }

    protected override ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } request)
        {
            _outstanding.TryAdd(request.RequestId, 0);
        }

        _serialized.ResetWrittenCount();
        Formatter.Serialize(_serialized, content);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Content-Length: {_serialized.WrittenCount}\r\n\r\n"));
        return WriteFrameAsync(header, _serialized.WrittenMemory, cancellationToken);
    }

    protected override ValueTask FlushAsync(CancellationToken cancellationToken) => new(_output.FlushAsync(cancellationToken));

    /// <summary>
    /// Completes when writing to the client fails (it closed its end of our output, or went away): nothing the server
    /// says can arrive any more, so the server ends (StreamJsonRpc itself would carry on reading).
    /// </summary>
    public Task OutputFailed => _outputFailed.Task;

    private async ValueTask WriteFrameAsync(byte[] header, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await _output.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _output.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            if (_outputFailed.TrySetResult())
            {
                _log.Warning($"the client no longer reads what the server writes ({exception.GetType().Name}: {exception.Message})");
            }

            throw;
        }
    }

    private async ValueTask ReplyWithErrorAsync(RequestId id, int code, string message, CancellationToken cancellationToken)
    {
        var factory = (IJsonRpcMessageFactory)Formatter;
        var error = factory.CreateErrorMessage();
        error.RequestId = id;
        error.Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)code, Message = message };
        await WriteAsync(error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one header block and returns its Content-Length, or null at the end of the input. A block that is
    /// not well formed, or has no Content-Length, is logged and the input is searched for the next header.
    /// </summary>
    private async ValueTask<int?> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int? contentLength = null;
            var valid = true;
            var lines = 0;
            while (true)
            {
                var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null)
                {
                    // End of input. Between messages that is the client leaving; inside a header it is a cut frame.
                    if (lines > 0)
                    {
                        _log.Warning("the input ended inside a message header");
                    }

                    return null;
                }

                if (line.Length == 0)
                {
                    if (lines == 0)
                    {
                        continue; // Tolerate stray blank lines between messages.
                    }

                    break;
                }

                lines++;
                var buried = line.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
                if (buried > 0)
                {
                    // Junk without a line break ran into the next header: drop the junk, keep the header.
                    _log.Warning("skipped input that is not a message header");
                    line = line[buried..];
                    valid = true;
                    contentLength = null;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    valid = false;
                    break;
                }

                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
                    {
                        contentLength = length;
                    }
                    else
                    {
                        valid = false;
                    }
                }
            }

            if (valid && contentLength is not null)
            {
                return contentLength;
            }

            _log.Warning(valid ? "skipped a message without a Content-Length header" : "skipped input that is not a message header");
            if (!await SkipToNextHeaderAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>A header line without its line break (CRLF, or a lone LF), or null at the end of the input.</summary>
    private async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var lineEnd = newline > _start && _buffer[newline - 1] == '\r' ? newline - 1 : newline;
                var line = Encoding.ASCII.GetString(_buffer, _start, lineEnd - _start);
                _start = newline + 1;
                return line;
            }

            if (_end - _start > MaxHeaderLineLength)
            {
                // Too long for a header: drop it, and hand back a line the caller rejects (it has no colon).
                _start = _end;
                return NotAHeader;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_end > _start)
                {
                    var rest = Encoding.ASCII.GetString(_buffer, _start, _end - _start);
                    _start = _end;
                    return rest;
                }

                return null;
            }
        }
    }

    /// <summary>Discards input up to the next <c>Content-Length:</c>; false at the end of the input.</summary>
    private async ValueTask<bool> SkipToNextHeaderAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = _buffer.AsSpan(_start, _end - _start).IndexOf(ContentLengthName);
            if (found >= 0)
            {
                _start += found;
                return true;
            }

            // Keep a tail that may hold the start of the name.
            var keep = Math.Min(_end - _start, ContentLengthName.Length - 1);
            _start = _end - keep;
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    private async ValueTask<byte[]?> ReadContentAsync(int length, CancellationToken cancellationToken)
    {
        var content = new byte[length];
        var copied = 0;
        while (copied < length)
        {
            if (_end == _start && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                _log.Warning($"the input ended inside a message ({copied} of {length} bytes)");
                return null;
            }

            var chunk = Math.Min(length - copied, _end - _start);
            Buffer.BlockCopy(_buffer, _start, content, copied, chunk);
            _start += chunk;
            copied += chunk;
        }

        return content;
    }

    private async ValueTask<bool> SkipAsync(int length, CancellationToken cancellationToken)
    {
        var remaining = length;
        while (remaining > 0)
        {
            if (_end == _start && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var chunk = Math.Min(remaining, _end - _start);
            _start += chunk;
            remaining -= chunk;
        }

        return true;
    }

    /// <summary>Reads more input into the buffer; false when the input has ended.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfInput)
        {
            return false;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _endOfInput = true;
            return false;
        }

        _end += read;
        return true;
    }
}
