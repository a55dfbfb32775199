using System.Diagnostics;
using System.Text;
using System.Text.Json;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// The real `xcfg lsp` process when its client goes away: standard input closed (between messages or in the middle
/// of one), the client's end of standard output closed, or the client's process gone while the pipe stays open. The
/// server must exit on its own (a server still running after <see cref="HangGuard.Limit"/> fails the test): 0 after
/// shutdown, 1 without.
/// </summary>
public sealed class ProcessTests
{
    private static readonly TimeSpan ExitWithin = HangGuard.Limit;

    private sealed class XcfgProcess : IDisposable
    {
        private readonly StringBuilder _stderr = new();

        /// <param name="logLevel">The <c>--log-level</c> to pass; null passes none (the server's default).</param>
        public XcfgProcess(string? logLevel = "debug")
        {
            var xcfg = Path.Combine(AppContext.BaseDirectory, "xcfg.dll");
            Assert.True(File.Exists(xcfg), $"{xcfg} was not built beside the tests");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(xcfg);
            start.ArgumentList.Add("lsp");
            if (logLevel is not null)
            {
                start.ArgumentList.Add("--log-level");
                start.ArgumentList.Add(logLevel);
            }

            Process = Process.Start(start)!;
            Process.ErrorDataReceived += (_, line) =>
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line.Data);
                }
            };
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Stderr
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public async Task SendAsync(string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            await WriteAsync($"Content-Length: {bytes.Length}\r\n\r\n");
            await Process.StandardInput.BaseStream.WriteAsync(bytes);
            await Process.StandardInput.BaseStream.FlushAsync();
        }

        public async Task WriteAsync(string raw)
        {
            await Process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(raw));
            await Process.StandardInput.BaseStream.FlushAsync();
        }

        /// <summary>Reads frames until the response with this id.</summary>
        public async Task<JsonElement> ResponseAsync(int id)
        {
            using var timeout = new CancellationTokenSource(LspTestClient.Timeout);
            var output = Process.StandardOutput.BaseStream;
            while (true)
            {
                var header = new StringBuilder();
                while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    var one = new byte[1];
                    Assert.Equal(1, await output.ReadAsync(one, timeout.Token));
                    header.Append((char)one[0]);
                }

                var length = int.Parse(header.ToString().Split("\r\n")[0]["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                var body = new byte[length];
                await output.ReadExactlyAsync(body, timeout.Token);
                var message = JsonDocument.Parse(body).RootElement.Clone();
                if (message.TryGetProperty("id", out var got) && got.ValueKind == JsonValueKind.Number && got.GetInt32() == id && !message.TryGetProperty("method", out _))
                {
                    return message;
                }
            }
        }

        public async Task InitializeAsync(int? processId = null, string? trace = null)
        {
            var id = processId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
            var traceMember = trace is null ? string.Empty : $",\"trace\":\"{trace}\"";
            await SendAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"processId\":" + id + traceMember + ",\"capabilities\":{}}}");
            await ResponseAsync(1);
            await SendAsync("""{"jsonrpc":"2.0","method":"initialized","params":{}}""");
        }

        public async Task<int> ExitCodeAsync()
        {
            using var timeout = new CancellationTokenSource(ExitWithin);
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"xcfg lsp did not exit within {ExitWithin.TotalSeconds} s; stderr:\n{Stderr}");
            }

            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }

    [Fact]
    public async Task Standard_input_closed_after_initialize_ends_the_server_with_1()
    {
        using var server = new XcfgProcess();
        await server.InitializeAsync();

        server.Process.StandardInput.Close();

        Assert.Equal(1, await server.ExitCodeAsync());
        Assert.Contains("the client closed the connection without shutdown", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_closed_after_shutdown_ends_the_server_with_0()
    {
        using var server = new XcfgProcess();
        await server.InitializeAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
        await server.ResponseAsync(2);

        server.Process.StandardInput.Close();

        Assert.Equal(0, await server.ExitCodeAsync());
    }

    [Theory]
    [InlineData("Content-Len")]
    [InlineData("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{")]
    public async Task Standard_input_closed_in_the_middle_of_a_message_ends_the_server(string cut)
    {
        using var server = new XcfgProcess();
        await server.InitializeAsync();

        await server.WriteAsync(cut);
        server.Process.StandardInput.Close();

        Assert.Equal(1, await server.ExitCodeAsync());
    }

    [Fact]
    public async Task The_client_going_away_during_a_long_analysis_still_ends_the_server()
    {
        using var server = new XcfgProcess();
        await server.InitializeAsync();
        var text = string.Concat(Enumerable.Repeat("memory = 1\nmemory = 2 bad\n", 50000));

        await server.SendAsync(JsonSerializer.Serialize(new
        {
            jsonrpc = "2.0",
            method = "textDocument/didOpen",
            @params = new { textDocument = new { uri = "file:///big.cfg", languageId = "xencfg", version = 1, text } },
        }));
        server.Process.StandardInput.Close();

        Assert.Equal(1, await server.ExitCodeAsync());
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_noticed_when_the_server_writes_and_the_server_ends()
    {
        using var server = new XcfgProcess();
        await server.InitializeAsync();

        server.Process.StandardOutput.BaseStream.Close();
        for (var i = 0; i < 20 && !server.Process.HasExited; i++)
        {
            try
            {
                await server.SendAsync("{\"jsonrpc\":\"2.0\",\"id\":" + (10 + i) + ",\"method\":\"textDocument/documentSymbol\",\"params\":{\"textDocument\":{\"uri\":\"file:///a.cfg\"}}}");
            }
            catch (IOException)
            {
                break; // the server is gone already
            }

            await Task.Delay(100);
        }

        Assert.Equal(1, await server.ExitCodeAsync());
    }

    [Fact]
    public async Task The_client_process_ending_while_the_pipe_stays_open_ends_the_server()
    {
        using var client = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        using var server = new XcfgProcess();
        await server.InitializeAsync(client.Id);

        client.Kill();
        await client.WaitForExitAsync();

        Assert.Equal(1, await server.ExitCodeAsync());
        Assert.Contains($"the client's process {client.Id} has ended", server.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Editors log a server's standard error as errors (Neovim marks every line ERROR): by default only warnings go
    /// there. `--log-level info` or the client's trace setting turn the info lines on.
    /// </summary>
    [Fact]
    public async Task By_default_standard_error_gets_warnings_but_no_info_lines()
    {
        using var server = new XcfgProcess(logLevel: null);
        await server.InitializeAsync();
        await server.SendAsync("""{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///not-open.cfg","version":2},"contentChanges":[{"text":"x"}]}}""");
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
        await server.ResponseAsync(2);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        Assert.Equal(0, await server.ExitCodeAsync());
        Assert.Equal(
            "[xcfg lsp warning] didChange for file:///not-open.cfg, which is not open: ignored",
            server.Stderr.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n'));
    }

    [Theory]
    [InlineData("info", null)]
    [InlineData(null, "messages")]
    public async Task Info_lines_come_with_the_flag_or_the_clients_trace_setting(string? logLevel, string? trace)
    {
        using var server = new XcfgProcess(logLevel);
        await server.InitializeAsync(trace: trace);
        await server.SendAsync("""{"jsonrpc":"2.0","id":2,"method":"shutdown"}""");
        await server.ResponseAsync(2);
        await server.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");

        Assert.Equal(0, await server.ExitCodeAsync());
        Assert.Contains("[xcfg lsp info] initialize from an unnamed client; workspace folders: none\n", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("[xcfg lsp info] shutdown\n", server.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("[xcfg lsp debug]", server.Stderr, StringComparison.Ordinal);
    }
}
