using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using XenCfg.LanguageServer.Hosting;
using XenCfg.LanguageServer.Protocol;
using XenCfg.LanguageServer.Transport;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// The framing layer (LspMessageHandler) against arbitrary input: whatever bytes arrive, it never throws, never
/// hangs, and ends cleanly at the end of the input; junk before a good frame does not cost the frame.
/// </summary>
public sealed class FramingPropertyTests
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""";

    /// <summary>Reads every message the handler makes of <paramref name="input"/>; throws if it hangs (<see cref="HangGuard"/>).</summary>
    private static List<JsonRpcMessage> ReadAll(byte[] input, out StringWriter log)
    {
        log = new StringWriter();
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options) };
        using var output = new MemoryStream();
        var handler = new LspMessageHandler(new MemoryStream(input), output, formatter, new Lifecycle(), new ServerLog(log, LogLevel.Debug));
        using var timeout = new CancellationTokenSource(HangGuard.Limit);
        var messages = new List<JsonRpcMessage>();
        while (handler.ReadAsync(timeout.Token).AsTask().GetAwaiter().GetResult() is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    private static byte[] Frame(string json) => Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(json)}\r\n\r\n{json}");

    /// <summary>
    /// Whatever the bytes, reading ends (ReadAll throws after its timeout otherwise, and on any exception the handler
    /// lets through) and yields no more messages than the bytes announce with a Content-Length header.
    /// </summary>
    [Property(MaxTest = 500)]
    public bool Random_bytes_never_crash_or_hang_the_framing_layer(byte[]? bytes)
    {
        bytes ??= [];
        var messages = ReadAll(bytes, out var log);
        return messages.Count <= ContentLengthHeaders(bytes)
            || Fail($"{messages.Count} messages from {ContentLengthHeaders(bytes)} Content-Length headers", log);
    }

    /// <summary>How many times "content-length" (in any case) occurs in the bytes: each message needs one.</summary>
    private static int ContentLengthHeaders(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var count = 0;
        for (var at = text.IndexOf("content-length", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("content-length", at + 1, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(FrameArbitraries)])]
    public bool Streams_of_good_bad_and_cut_frames_never_crash_the_framing_layer(FrameSequence stream)
    {
        var messages = ReadAll(stream.Bytes, out _);
        return messages.Count <= stream.Frames;
    }

    [Property(MaxTest = 300)]
    public bool Junk_before_a_good_frame_does_not_cost_the_frame(byte[]? junk)
    {
        junk ??= [];
        if (Encoding.ASCII.GetString(junk).Contains("content-length", StringComparison.OrdinalIgnoreCase))
        {
            return true; // junk that announces a length of its own may rightly swallow what follows
        }

        var messages = ReadAll([.. junk, .. Frame(Initialize)], out var log);
        return messages.Count == 1 && messages[0] is JsonRpcRequest { Method: "initialize" } || Fail("the good frame was lost", log);
    }

    private static bool Fail(string what, StringWriter log) => throw new InvalidOperationException($"{what}; log:\n{log}");

    [Fact]
    public void A_content_length_beyond_the_input_ends_cleanly_and_a_huge_one_is_skipped()
    {
        Assert.Empty(ReadAll(Encoding.ASCII.GetBytes("Content-Length: 1000\r\n\r\n{\"jsonrpc\""), out var cut));
        Assert.Contains("the input ended inside a message", cut.ToString(), StringComparison.Ordinal);

        var huge = ReadAll([.. Encoding.ASCII.GetBytes($"Content-Length: {LspMessageHandler.MaxContentLength + 1}\r\n\r\n"), .. new byte[1000], .. Frame(Initialize)], out var skipped);
        Assert.Empty(huge); // the huge frame swallowed what followed, as its length says, and the input ended
        Assert.Contains("larger than the", skipped.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>A byte stream made of frames of several kinds, and how many frames it holds.</summary>
public sealed record FrameSequence(byte[] Bytes, int Frames)
{
    public override string ToString() => Encoding.UTF8.GetString(Bytes).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}

public static class FrameArbitraries
{
    private static readonly string[] Bodies =
    [
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}""",
        """{"jsonrpc":"2.0","method":"initialized","params":{}}""",
        """{"jsonrpc":"2.0","id":"x","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.cfg"},"position":{"line":0,"character":0}}}""",
        """{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.cfg","languageId":"xencfg","version":1,"text":"name = 'a'\n"}}}""",
        """{"jsonrpc":"2.0","id":7,"result":null}""",
        """{"jsonrpc":"2.0","id":8,"error":{"code":-1,"message":"x"}}""",
        """{"jsonrpc":"2.0","method":"exit"}""",
        "{not json",
        "[1,2,3]",
        "\"text\"",
        "{}",
        "null",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":\"\u00e9\u00e8\"}",
    ];

    private static readonly string[] Headers =
    [
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n",
        "content-length: 5\r\n",
        "Content-Length: -1\r\n",
        "Content-Length: 99999999999999999999\r\n",
        "X-Junk\r\n",
        ": no name\r\n",
        "\r\n",
        "\n",
    ];

    public static Arbitrary<FrameSequence> Sequences() =>
        Gen.ListOf(Piece()).Select(pieces => new FrameSequence([.. pieces.SelectMany(piece => piece.Bytes)], pieces.Count(piece => piece.IsFrame))).ToArbitrary();

    private static Gen<(byte[] Bytes, bool IsFrame)> Piece() =>
        Gen.OneOf(
            Gen.Elements(Bodies).Select(body => (Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"), true)),
            Gen.Elements(Bodies).Select(body => (Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\nContent-Type: x\n\n{body}"), true)),
            Gen.Elements(Bodies).Zip(Gen.Choose(0, 40)).Select(pair => (Encoding.UTF8.GetBytes($"Content-Length: {Encoding.UTF8.GetByteCount(pair.Item1) + pair.Item2 - 20}\r\n\r\n{pair.Item1}"), true)),
            Gen.Elements(Headers).Select(header => (Encoding.ASCII.GetBytes(header), false)),
            ArbMap.Default.GeneratorFor<byte[]>().Select(bytes => (bytes ?? [], false)));
}
