using System.Text.Json;
using StreamJsonRpc;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

public sealed class LifecycleTests
{
    private static readonly TextDocumentIdentifier Nowhere = new("file:///nowhere.cfg");

    [Fact]
    public async Task Initialize_declares_the_features_that_are_implemented()
    {
        await using var client = await LspTestClient.StartAsync(initialized: false);
        var result = await client.InitializeAsync(new InitializeParams(Capabilities: new ClientCapabilities()));

        var capabilities = result.Capabilities;
        Assert.Equal("utf-16", capabilities.PositionEncoding);
        Assert.True(capabilities.TextDocumentSync.OpenClose);
        Assert.Equal(TextDocumentSyncKind.Incremental, capabilities.TextDocumentSync.Change);
        Assert.True(capabilities.HoverProvider);
        Assert.NotNull(capabilities.CompletionProvider);
        Assert.Equal([CodeActionKinds.QuickFix, CodeActionKinds.SourceFixAll], capabilities.CodeActionProvider?.CodeActionKinds ?? []);
        Assert.True(capabilities.DocumentSymbolProvider);
        Assert.True(capabilities.DocumentFormattingProvider);
        Assert.True(capabilities.DocumentRangeFormattingProvider);
        Assert.True(capabilities.ReferencesProvider);
        Assert.NotNull(capabilities.SemanticTokensProvider);
        Assert.Contains(",", capabilities.CompletionProvider!.TriggerCharacters ?? []);
        Assert.Equal("xcfg", result.ServerInfo.Name);
    }

    [Fact]
    public async Task A_request_before_initialize_is_answered_server_not_initialized()
    {
        await using var client = await LspTestClient.StartAsync(initialized: false);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Nowhere)));

        Assert.Equal(LspErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task Notifications_before_initialize_are_dropped()
    {
        await using var client = await LspTestClient.StartAsync(initialized: false);
        await client.OpenAsync("file:///early.cfg", "name = \"a\" memory = 1\n");
        await client.InitializeAsync(new InitializeParams());

        var symbols = await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier("file:///early.cfg")));

        Assert.Empty(symbols);
        Assert.Empty(client.Published);
    }

    [Fact]
    public async Task A_second_initialize_is_an_invalid_request()
    {
        await using var client = await LspTestClient.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<InitializeResult>(LspMethods.Initialize, new InitializeParams()));

        Assert.Equal(LspErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task An_unknown_request_is_method_not_found_and_the_server_carries_on()
    {
        await using var client = await LspTestClient.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.RequestAsync<JsonElement>("xcfg/noSuchThing", new TextDocumentIdentifier("x")));
        await client.NotifyAsync("$/setTrace", JsonDocument.Parse("{\"value\":\"verbose\"}").RootElement);
        await client.NotifyAsync("$/somethingNew", JsonDocument.Parse("{}").RootElement);
        await client.NotifyAsync("xcfg/unknownNotification", JsonDocument.Parse("{}").RootElement);

        Assert.Equal(LspErrorCodes.MethodNotFound, (int)error.ErrorCode);
        Assert.Empty(await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Nowhere)));
    }

    [Fact]
    public async Task Requests_after_shutdown_are_invalid_and_exit_then_ends_with_code_0()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.RequestAsync(LspMethods.Shutdown);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Nowhere)));
        await client.NotifyAsync(LspMethods.Exit);

        Assert.Equal(LspErrorCodes.InvalidRequest, error.ErrorCode);
        Assert.Equal(0, await client.ServerExit.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var client = await LspTestClient.StartAsync();

        await client.NotifyAsync(LspMethods.Exit);

        Assert.Equal(1, await client.ServerExit.WaitAsync(LspTestClient.Timeout));
    }

    [Fact]
    public async Task The_server_ends_when_the_client_goes_away()
    {
        var client = await LspTestClient.StartAsync();
        await client.OpenAsync("file:///a.cfg", "name = \"a\"\n");

        client.Disconnect();

        Assert.Equal(1, await client.ServerExit.WaitAsync(LspTestClient.Timeout));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_and_exit_after_work_ends_with_code_0()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync("file:///a.cfg", "name = \"a\"\n");
        await client.DiagnosticsAsync("file:///a.cfg", 1);

        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }
}
