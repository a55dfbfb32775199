using System.Collections.Immutable;
using StreamJsonRpc;
using XenCfg.Analysis.Keys;
using XenCfg.LanguageServer.Features;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

public sealed class FeatureTests
{
    private const string Uri = "file:///work/vm.cfg";
    private static readonly TextDocumentIdentifier Document = new(Uri);

    private static Protocol.Range At(int line, int character, int endLine, int endCharacter) =>
        new(new Position(line, character), new Position(endLine, endCharacter));

    private sealed class SmallCatalog : IKeyCatalog
    {
        private readonly ImmutableArray<KeyInfo> _keys =
        [
            new("memory", KeyValueKind.Integer, Toolstack.Both, "Memory", "Initial memory of the guest.", [], Unit: "MiB"),
            new("type", KeyValueKind.String, Toolstack.Xl, "General", "The guest type.", ["pv", "pvh", "hvm"]),
            new("builder", KeyValueKind.String, Toolstack.Xm, "General", "xm's guest type.", ["linux", "hvm"], Replacement: "Use `type` under xl."),
        ];

        public KeyInfo? Find(string name) => _keys.FirstOrDefault(key => key.Name == name);

        public IEnumerable<KeyInfo> All => _keys;
    }

    private static Task<LspTestClient> StartWithKeysAsync() => LspTestClient.StartAsync(new LanguageServerOptions { Keys = new SmallCatalog() });

    [Fact]
    public async Task Formatting_returns_the_formatter_edits_and_nothing_for_a_file_with_syntax_errors()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name=\"vm\"\ndisk=['a','b']\n");
        await client.OpenAsync("file:///broken.cfg", "name = \"vm\" memory = 1\n");

        var edits = await client.RequestAsync<TextEdit[]>(LspMethods.Formatting, new DocumentFormattingParams(Document, new FormattingOptions(4, true)));
        var broken = await client.RequestAsync<TextEdit[]>(LspMethods.Formatting, new DocumentFormattingParams(new TextDocumentIdentifier("file:///broken.cfg"), new FormattingOptions(4, true)));

        Assert.Equal("name = \"vm\"\ndisk = [ 'a', 'b' ]\n", Apply("name=\"vm\"\ndisk=['a','b']\n", edits));
        Assert.Empty(broken);
    }

    [Fact]
    public async Task Range_formatting_changes_only_the_lines_in_the_range()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name=\"vm\"\nmemory=512\n");

        var edits = await client.RequestAsync<TextEdit[]>(LspMethods.RangeFormatting, new DocumentRangeFormattingParams(Document, At(1, 0, 1, 10), new FormattingOptions(4, true)));

        Assert.Equal("name=\"vm\"\nmemory = 512\n", Apply("name=\"vm\"\nmemory=512\n", edits));
    }

    [Fact]
    public async Task Document_symbols_list_settings_with_list_elements_as_children()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\ndisk = [ 'phy:/dev/vg/root,xvda,w',\n         'file:/srv/data.img,xvdb,r' ]\n");

        var symbols = await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Document));

        Assert.Equal(["name", "disk"], symbols.Select(symbol => symbol.Name));
        Assert.Equal(SymbolKind.Property, symbols[0].Kind);
        Assert.Equal("\"vm\"", symbols[0].Detail);
        var disk = symbols[1];
        Assert.Equal(SymbolKind.Array, disk.Kind);
        Assert.Equal(At(1, 0, 2, 38), disk.Range);
        Assert.Equal(At(1, 0, 1, 4), disk.SelectionRange);
        Assert.Equal(["phy:/dev/vg/root,xvda,w", "file:/srv/data.img,xvdb,r"], (disk.Children ?? []).Select(child => child.Name));
        Assert.Equal(At(2, 9, 2, 36), disk.Children![1].Range);
    }

    [Fact]
    public async Task Completion_offers_keys_with_documentation_at_the_start_of_a_line()
    {
        await using var client = await StartWithKeysAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmem\n");

        var list = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(1, 3)));

        Assert.Equal(["memory", "type"], list.Items.Select(item => item.Label));
        var memory = list.Items[0];
        Assert.Equal(CompletionItemKind.Property, memory.Kind);
        Assert.Equal(At(1, 0, 1, 3), memory.TextEdit?.Range);
        Assert.Contains("Initial memory of the guest.", memory.Documentation?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_offers_xm_only_keys_only_under_the_xm_dialect()
    {
        await using var client = await StartWithKeysAsync();
        await client.OpenAsync(Uri, "b\n");
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(System.Text.Json.JsonDocument.Parse("""{"xcfg":{"dialect":"xm"}}""").RootElement));
        await client.DiagnosticsAsync(Uri, published => true);

        var list = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(0, 1)));

        Assert.Contains(list.Items, item => item.Label == "builder");
    }

    [Fact]
    public async Task Completion_offers_allowed_values_inside_or_without_quotes()
    {
        await using var client = await StartWithKeysAsync();
        await client.OpenAsync(Uri, "type = \"p\"\ntype = \n");

        var quoted = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(0, 9)));
        var bare = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(1, 7)));

        Assert.Equal(["pv", "pvh", "hvm"], quoted.Items.Select(item => item.Label));
        Assert.Equal(new TextEdit(At(0, 7, 0, 10), "\"pv\""), quoted.Items[0].TextEdit);
        Assert.Equal(new TextEdit(At(1, 7, 1, 7), "\"hvm\""), bare.Items[2].TextEdit);
    }

    [Fact]
    public async Task Hover_on_a_key_shows_its_documentation()
    {
        await using var client = await StartWithKeysAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmemory = 512\n");

        var hover = await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(1, 2)));

        Assert.NotNull(hover);
        Assert.Equal(MarkupKinds.Markdown, hover.Contents.Kind);
        Assert.StartsWith("**memory** · integer, MiB · Memory", hover.Contents.Value, StringComparison.Ordinal);
        Assert.Equal(At(1, 0, 1, 6), hover.Range);
    }

    [Fact]
    public async Task Hover_on_a_finding_explains_the_rule_with_a_link()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmemory = 1\nmemory = 2\n");

        var hover = await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(1, 3)));
        var nothing = await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(0, 9)));

        Assert.NotNull(hover);
        Assert.Contains("**XCFG0103** Key set twice", hover.Contents.Value, StringComparison.Ordinal);
        Assert.Contains("docs/rules.md#xcfg0103", hover.Contents.Value, StringComparison.Ordinal);
        Assert.Null(nothing);
    }

    [Fact]
    public async Task Code_actions_fix_a_missing_comma_and_offer_to_suppress_a_warning_above_its_line()
    {
        await using var client = await LspTestClient.StartAsync();
        const string text = "name = \"vm\"\ndisk = [ 'a' 'b' ]\n  memory = 1\nmemory = 2\n";
        await client.OpenAsync(Uri, text);

        var comma = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, At(1, 0, 1, 18), new CodeActionContext([])));
        var duplicate = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, At(2, 3, 2, 3), new CodeActionContext([])));

        var fix = Assert.Single(comma, action => action.Title == "Add the missing `,`");
        Assert.True(fix.IsPreferred);
        Assert.Equal("name = \"vm\"\ndisk = [ 'a', 'b' ]\n  memory = 1\nmemory = 2\n", Apply(text, fix.Edit!.Changes[Uri]));
        Assert.DoesNotContain(comma, action => action.Title == "Suppress XCFG0031 on this line"); // xl refuses the file: not suppressible
        var suppress = Assert.Single(duplicate, action => action.Title == "Suppress XCFG0103 on this line");
        Assert.Equal("XCFG0103", Assert.Single(suppress.Diagnostics ?? []).Code);
        Assert.Equal("name = \"vm\"\ndisk = [ 'a' 'b' ]\n  # xcfg-disable-next-line XCFG0103\n  memory = 1\nmemory = 2\n", Apply(text, suppress.Edit!.Changes[Uri]));
    }

    [Fact]
    public async Task Code_actions_honour_only()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\" memory = 1\n");

        var refactorings = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, At(0, 0, 0, 30), new CodeActionContext([], Only: ["refactor"])));
        var quickFixes = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, At(0, 0, 0, 30), new CodeActionContext([], Only: ["quickfix"])));

        Assert.Empty(refactorings);
        Assert.NotEmpty(quickFixes);
    }

    [Fact]
    public async Task A_cancelled_request_answers_request_cancelled()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await LspTestClient.StartAsync(new LanguageServerOptions
        {
            RequestStarting = async (method, cancellationToken) =>
            {
                if (method == LspMethods.Hover)
                {
                    holding.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
            },
        });
        await client.OpenAsync(Uri, "name = \"vm\"\n");
        using var cancel = new CancellationTokenSource();

        var hover = client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(0, 1)), cancel.Token);
        await holding.Task.WaitAsync(LspTestClient.Timeout);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hover);
        Assert.NotNull(await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(Document)));
    }

    [Fact]
    public async Task Edits_computed_for_a_text_changed_meanwhile_answer_content_modified()
    {
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await LspTestClient.StartAsync(new LanguageServerOptions
        {
            RequestStarting = async (method, _) =>
            {
                if (method == LspMethods.Formatting)
                {
                    holding.TrySetResult();
                    await release.Task;
                }
            },
        });
        await client.OpenAsync(Uri, "name=\"vm\"\n");

        var formatting = client.RequestAsync<TextEdit[]>(LspMethods.Formatting, new DocumentFormattingParams(Document, new FormattingOptions(4, true)));
        await holding.Task.WaitAsync(LspTestClient.Timeout);
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("memory=1\n", At(1, 0, 1, 0)));
        await client.DiagnosticsAsync(Uri, 2);
        release.SetResult();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => formatting);
        Assert.Equal(LspErrorCodes.ContentModified, error.ErrorCode);
    }

    private static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var source = Microsoft.CodeAnalysis.Text.SourceText.From(text);
        var changes = edits.Select(edit => new Microsoft.CodeAnalysis.Text.TextChange(Documents.PositionMapping.ToSpan(source, edit.Range), edit.NewText));
        return source.WithChanges(changes).ToString();
    }
}

public sealed class KeyCatalogFeatureTests
{
    private const string Uri = "file:///work/vm.cfg";
    private static readonly TextDocumentIdentifier Document = new(Uri);

    [Fact]
    public async Task The_real_catalogue_documents_keys_on_hover_and_offers_them_in_completion()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmemory = 512\nvcp\ntype = \"\"\n");

        var hover = await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(1, 1)));
        var keys = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(2, 3)));
        var types = await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, new Position(3, 8)));

        Assert.StartsWith("**memory**", hover?.Contents.Value, StringComparison.Ordinal);
        Assert.Contains(keys.Items, item => item.Label == "vcpus");
        Assert.DoesNotContain(keys.Items, item => Analysis.Keys.KeyCatalog.Find(item.Label)?.IsXmOnly == true);
        Assert.Equal(["pv", "pvh", "hvm"], types.Items.Select(item => item.Label));
    }
}
