using System.Text;
using System.Text.Json;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>What a broken or hostile client sends: the server answers with an error or ignores it, and stays up.</summary>
public sealed class RobustnessTests
{
    private const string SymbolsRequest = """{"jsonrpc":"2.0","id":"ok","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///a.cfg"}}}""";

    private static async Task AssertStillAnswersAsync(RawLspConnection connection)
    {
        await connection.SendAsync(SymbolsRequest);
        var response = await connection.ReadResponseAsync("ok");
        Assert.Equal(JsonValueKind.Array, response.GetProperty("result").ValueKind);
    }

    private static int ErrorCode(JsonElement response) => response.GetProperty("error").GetProperty("code").GetInt32();

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"jsonrpc\":\"2.0\"}")]
    [InlineData("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":7}")]
    public async Task A_frame_that_is_not_a_json_rpc_message_is_skipped(string content)
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.SendAsync(content);

        await AssertStillAnswersAsync(connection);
        Assert.Contains("skipped", connection.Log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Content-Type: application/vscode-jsonrpc\r\n\r\n{}")]
    [InlineData("Content-Length: lots\r\n\r\n{}")]
    [InlineData("Content-Length: -5\r\n\r\n{}")]
    [InlineData("this is not a header at all\r\n\r\n")]
    [InlineData("\u0000\u0001\u0002garbage without any line break")]
    public async Task A_frame_with_a_bad_header_is_skipped_up_to_the_next_header(string junk)
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.WriteAsync(junk);

        await AssertStillAnswersAsync(connection);
    }

    [Fact]
    public async Task Headers_ending_in_a_bare_newline_and_a_content_type_are_accepted()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        var content = SymbolsRequest;
        await connection.WriteAsync($"Content-Length: {Encoding.UTF8.GetByteCount(content)}\nContent-Type: application/vscode-jsonrpc; charset=utf-8\n\n{content}");

        Assert.Equal(JsonValueKind.Array, (await connection.ReadResponseAsync("ok")).GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task A_message_split_across_many_small_writes_is_read_whole()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        foreach (var piece in RawLspConnection.Frame(SymbolsRequest).Chunk(3))
        {
            await connection.WriteAsync(new string(piece));
        }

        Assert.Equal(JsonValueKind.Array, (await connection.ReadResponseAsync("ok")).GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task A_request_with_params_of_the_wrong_shape_is_invalid_params()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.SendAsync("""{"jsonrpc":"2.0","id":"bad","method":"textDocument/hover","params":{"position":"nowhere"}}""");
        var response = await connection.ReadResponseAsync("bad");

        Assert.Equal(LspErrorCodes.InvalidParams, ErrorCode(response));
        await AssertStillAnswersAsync(connection);
    }

    [Fact]
    public async Task A_request_sent_right_behind_shutdown_is_refused_even_before_shutdown_ran()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.WriteAsync(
            RawLspConnection.Frame("""{"jsonrpc":"2.0","id":"s","method":"shutdown"}""") +
            RawLspConnection.Frame("""{"jsonrpc":"2.0","id":"late","method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///a.cfg"}}}"""));
        var late = await connection.ReadResponseAsync("late");
        await connection.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        Assert.Equal(LspErrorCodes.InvalidRequest, ErrorCode(late));
        Assert.Equal(0, await connection.ServerExit.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task A_response_the_server_did_not_ask_for_is_ignored()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.SendAsync("""{"jsonrpc":"2.0","id":987,"result":{"surprise":true}}""");
        await connection.SendAsync("""{"jsonrpc":"2.0","id":988,"error":{"code":-1,"message":"nobody asked"}}""");

        await AssertStillAnswersAsync(connection);
    }

    [Fact]
    public async Task Requests_on_unknown_documents_and_wild_positions_answer_empty_results()
    {
        await using var client = await LspTestClient.StartAsync();
        var unknown = new TextDocumentIdentifier("file:///unknown.cfg");
        await client.OpenAsync("file:///a.cfg", "name = \"a\"\n");
        var far = new Position(100000, 100000);

        Assert.Null(await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(unknown, far)));
        Assert.Null(await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(new TextDocumentIdentifier("file:///a.cfg"), far)));
        Assert.NotNull(await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(new TextDocumentIdentifier("file:///a.cfg"), new Position(-3, -9))));
        Assert.Empty(await client.RequestAsync<TextEdit[]>(LspMethods.Formatting, new DocumentFormattingParams(unknown, new FormattingOptions(4, true))));
        Assert.Empty(await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(unknown, new Protocol.Range(far, far), new CodeActionContext([]))));
    }

    [Fact]
    public async Task A_huge_paste_is_analysed_and_the_server_keeps_up()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync("file:///big.cfg", "name = \"big\"\n");
        await client.DiagnosticsAsync("file:///big.cfg", 1);
        var builder = new StringBuilder();
        for (var i = 0; i < 40000; i++)
        {
            builder.Append("extra").Append(i % 10).Append(" = \"").Append('x', 40).Append("\" bad").Append('\n');
        }

        await client.ChangeAsync("file:///big.cfg", 2, new TextDocumentContentChangeEvent(builder.ToString(), new Protocol.Range(new Position(1, 0), new Position(1, 0))));
        var published = await client.DiagnosticsAsync("file:///big.cfg", 2);

        Assert.True(builder.Length > 2_000_000);

        // 120,000 problems, but the parser and the rules report at most 1,000 per diagnostic ID (then one note saying
        // how many more), so 3,002 findings: the editor gets the first 1,000 and one more saying how many were left out.
        Assert.Equal(1001, published.Diagnostics.Length);
        Assert.StartsWith("2,002 more findings in this file are not shown", published.Diagnostics[^1].Message, StringComparison.Ordinal);
        Assert.NotNull(await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier("file:///big.cfg"))));
    }

    [Fact]
    public async Task Ten_thousand_rapid_edits_are_coalesced_and_the_last_version_is_the_one_published()
    {
        // The first analysis is held until every edit has been applied: the worker then sees only the newest text.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var analyses = 0;
        await using var client = await LspTestClient.StartAsync(new LanguageServerOptions
        {
            BeforeAnalysis = _ =>
            {
                Interlocked.Increment(ref analyses);
                release.Task.Wait(LspTestClient.Timeout);
            },
        });
        const string Uri = "file:///burst.cfg";
        await client.OpenAsync(Uri, "name = \"burst\"\n");
        for (var version = 2; version <= 10001; version++)
        {
            // Each edit appends one character to a comment at the end: "# " then 10,000 x.
            var edit = version == 2 ? "# " : "x";
            var character = version == 2 ? 0 : version - 1;
            await client.ChangeAsync(Uri, version, new TextDocumentContentChangeEvent(edit, new Protocol.Range(new Position(1, character), new Position(1, character))));
        }

        // A request is handled after every notification sent before it: once it answers, all edits are applied.
        var symbols = await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier(Uri)));
        release.SetResult();
        var last = await client.DiagnosticsAsync(Uri, 10001);

        Assert.Contains(last.Diagnostics, d => d.Code == "XCFG0004"); // the comment has no newline at the end: the text is whole
        Assert.True(analyses <= 3, $"{analyses} analyses for 10,000 edits");
        Assert.True(client.Published.Count(p => p.Uri == Uri) <= 3);
        Assert.Equal(["name"], symbols.Select(symbol => symbol.Name));
    }

    [Fact]
    public async Task Ten_thousand_rapid_edits_without_a_hold_still_end_on_the_last_version()
    {
        await using var client = await LspTestClient.StartAsync();
        const string Uri = "file:///burst.cfg";
        await client.OpenAsync(Uri, "memory = 0\n");
        for (var version = 2; version <= 10001; version++)
        {
            await client.ChangeAsync(Uri, version, new TextDocumentContentChangeEvent((version % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), new Protocol.Range(new Position(0, 9), new Position(0, 10))));
        }

        var last = await client.DiagnosticsAsync(Uri, 10001);

        Assert.NotNull(last);
        Assert.True(client.Published.Count(p => p.Uri == Uri) < 10001, "every edit was analysed on its own");
        Assert.Empty(await client.RequestAsync<TextEdit[]>(LspMethods.Formatting, new DocumentFormattingParams(new TextDocumentIdentifier(Uri), new FormattingOptions(4, true))));
    }

    [Fact]
    public async Task A_client_that_disappears_in_the_middle_of_a_frame_ends_the_server()
    {
        await using var connection = new RawLspConnection();
        await connection.InitializeAsync();

        await connection.WriteAsync("Content-Length: 300\r\n\r\n{\"jsonrpc\":\"2.0\",");
        await connection.CloseAsync();

        Assert.Equal(1, await connection.ServerExit.WaitAsync(LspTestClient.Timeout));
        Assert.Contains("the input ended inside a message", connection.Log.ToString(), StringComparison.Ordinal);
    }
}
