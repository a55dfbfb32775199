using System.Text.Json;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// What the server logs, and where: without `--log-level`, warnings and errors only (editors show a server's standard
/// error as errors); the client's trace setting (initialize's <c>trace</c>, then <c>$/setTrace</c>) adds the info lines
/// (<c>messages</c>) or the debug lines too (<c>verbose</c>), on the log and to the client as <c>$/logTrace</c>.
/// </summary>
public sealed class LoggingTests
{
    private static readonly TextDocumentIdentifier Saved = new("file:///work/vm.cfg");

    private static DidChangeConfigurationParams Settings() =>
        new(JsonDocument.Parse("""{"xcfg":{"dialect":"xl"}}""").RootElement);

    /// <summary>Waits until the server has handled every message sent before (notifications run in order, before a later request).</summary>
    private static Task RoundTripAsync(LspTestClient client) =>
        client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Saved));

    /// <summary>The traces so far, once one satisfying <paramref name="arrived"/> is among them (the server sends them without waiting).</summary>
    private static async Task<IReadOnlyList<string>> TracesAsync(LspTestClient client, Func<string, bool> arrived)
    {
        for (var waited = 0; !client.Traces.Any(trace => arrived(trace.Message)) && waited < 400; waited++)
        {
            await Task.Delay(25);
        }

        return [.. client.Traces.Select(trace => trace.Message)];
    }

    private static bool IsSaved(string trace) => trace == "[debug] saved file:///work/vm.cfg";

    private const string SettingsTrace = "[info] settings: dialect Xl, Xen unset, 0 rule override(s), project configuration used";

    private static bool IsSettings(string trace) => trace == SettingsTrace;

    [Fact]
    public async Task Without_a_level_only_warnings_are_logged_and_nothing_is_traced()
    {
        await using var client = await LspTestClient.StartAsync(logLevel: null);
        await client.NotifyAsync(LspMethods.DidChange, new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier("file:///not-open.cfg", 2), [new TextDocumentContentChangeEvent("x")]));
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings());
        await client.NotifyAsync(LspMethods.DidSave, new DidSaveTextDocumentParams(Saved));
        await RoundTripAsync(client);

        Assert.Equal("[xcfg lsp warning] didChange for file:///not-open.cfg, which is not open: ignored\n", client.Log.ToString().Replace("\r", "", StringComparison.Ordinal));
        Assert.Empty(client.Traces);
    }

    [Fact]
    public async Task The_trace_setting_turns_on_info_then_debug_lines_and_off_again()
    {
        await using var client = await LspTestClient.StartAsync(initialized: false, logLevel: null);
        await client.InitializeAsync(new InitializeParams(Capabilities: new ClientCapabilities(), Trace: TraceValues.Messages));
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings());
        await client.NotifyAsync(LspMethods.DidSave, new DidSaveTextDocumentParams(Saved));
        await RoundTripAsync(client);

        Assert.Equal([SettingsTrace], await TracesAsync(client, IsSettings));
        Assert.Contains("[xcfg lsp info] initialize from an unnamed client", client.Log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[xcfg lsp debug]", client.Log.ToString(), StringComparison.Ordinal);

        await client.NotifyAsync(LspMethods.SetTrace, new SetTraceParams(TraceValues.Verbose));
        await client.NotifyAsync(LspMethods.DidSave, new DidSaveTextDocumentParams(Saved));
        await RoundTripAsync(client);

        Assert.Single(await TracesAsync(client, IsSaved), IsSaved);
        Assert.Contains("[xcfg lsp debug] saved file:///work/vm.cfg\n", client.Log.ToString().Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        await client.NotifyAsync(LspMethods.SetTrace, new SetTraceParams(TraceValues.Off));
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings());
        await RoundTripAsync(client);
        await Task.Delay(200);

        Assert.Single(client.Traces, trace => IsSettings(trace.Message));
        Assert.Single(client.Log.ToString().Split('\n'), line => line.Contains("settings: dialect", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_explicit_level_is_kept_whatever_the_trace_setting()
    {
        await using var client = await LspTestClient.StartAsync(initialized: false, logLevel: Hosting.LogLevel.Error);
        await client.InitializeAsync(new InitializeParams(Capabilities: new ClientCapabilities(), Trace: TraceValues.Verbose));
        await client.NotifyAsync(LspMethods.DidSave, new DidSaveTextDocumentParams(Saved));
        await RoundTripAsync(client);

        Assert.Single(await TracesAsync(client, IsSaved), IsSaved);
        Assert.Equal(string.Empty, client.Log.ToString());
    }
}
