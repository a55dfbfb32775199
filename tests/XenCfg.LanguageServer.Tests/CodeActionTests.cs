using System.Text.Json;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Quick fixes come from Analysis's CodeFixRegistry (what `xcfg lint --fix` applies), plus suppression on a line.</summary>
public sealed class CodeActionTests
{
    private const string Uri = "file:///work/vm.cfg";
    private static readonly TextDocumentIdentifier Document = new(Uri);

    private static Protocol.Range Line(int line) => new(new Position(line, 0), new Position(line, 200));

    private static async Task<(LspTestClient Client, CodeAction[] Actions)> ActionsAsync(string text, int line, bool xm = false)
    {
        var client = await LspTestClient.StartAsync();
        if (xm)
        {
            await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(System.Text.Json.JsonDocument.Parse("""{"xcfg":{"dialect":"xm"}}""").RootElement));
        }

        await client.OpenAsync(Uri, text);
        await client.DiagnosticsAsync(Uri, 1);
        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Line(line), new CodeActionContext([])));
        return (client, actions);
    }

    private static string Apply(string text, CodeAction action) => Edits.Apply(text, action.Edit!.Changes[Uri]);

    [Fact]
    public async Task The_missing_semicolon_goes_right_after_the_value_and_is_the_preferred_fix()
    {
        const string Text = "name = \"vm\"   memory = 512\n";
        var (client, actions) = await ActionsAsync(Text, 0);
        await using var _ = client;

        var fix = Assert.Single(actions, action => action.Diagnostics![0].Code == "XCFG0014" && !action.Title.StartsWith("Suppress", StringComparison.Ordinal));
        Assert.True(fix.IsPreferred);
        Assert.Equal("name = \"vm\";   memory = 512\n", Apply(Text, fix));
        Assert.DoesNotContain(actions, action => action.Title == "Suppress XCFG0014 on this line"); // xl refuses the file
    }

    [Fact]
    public async Task A_misspelt_key_is_renamed_by_an_unsafe_fix_that_is_not_preferred()
    {
        const string Text = "name = \"vm\"\nmemroy = 512\n";
        var (client, actions) = await ActionsAsync(Text, 1);
        await using var _ = client;

        var rename = Assert.Single(actions, action => action.Title == "Rename to `memory`");
        Assert.Null(rename.IsPreferred);
        Assert.Equal("name = \"vm\"\nmemory = 512\n", Apply(Text, rename));
        var suppress = Assert.Single(actions, action => action.Title == "Suppress XCFG0100 on this line");
        Assert.Equal("name = \"vm\"\n# xcfg-disable-next-line XCFG0100\nmemroy = 512\n", Apply(Text, suppress));
    }

    [Fact]
    public async Task A_shared_write_mode_under_xl_offers_w_and_the_key_value_rewrite()
    {
        const string Text = "name = \"vm\"\ndisk = [ 'phy:/dev/vg0/data,xvda,w!' ]\n";
        var (client, actions) = await ActionsAsync(Text, 1);
        await using var _ = client;

        var plainW = Assert.Single(actions, action => action.Title.StartsWith("Write `w`", StringComparison.Ordinal));
        Assert.Equal("name = \"vm\"\ndisk = [ 'phy:/dev/vg0/data,xvda,w' ]\n", Apply(Text, plainW));
        var rewrite = Assert.Single(actions, action => action.Title == "Rewrite this disk in xl's key=value form" && action.Diagnostics![0].Code == "XCFG0122");
        Assert.Equal("name = \"vm\"\ndisk = [ 'format=raw, vdev=xvda, access=rw, target=/dev/vg0/data' ]\n", Apply(Text, rewrite));
    }

    [Fact]
    public async Task Xm_network_keys_move_into_extra_for_xl()
    {
        const string Text = "name = \"vm\"\nkernel = \"/boot/vmlinuz\"\nip = \"192.0.2.10\"\nnetmask = \"255.255.255.0\"\ngateway = \"192.0.2.1\"\n";
        var (client, actions) = await ActionsAsync(Text, 2);
        await using var _ = client;

        // Both findings on the line (an xm-only key, xm's kernel command line) have this fix: one action fixes both.
        var move = Assert.Single(actions, action => action.Title.StartsWith("Move xm's network keys into `extra", StringComparison.Ordinal));
        Assert.Equal(["XCFG0190", "XCFG0191"], move.Diagnostics!.Select(d => d.Code));
        var moved = Apply(Text, move);
        Assert.Equal("name = \"vm\"\nkernel = \"/boot/vmlinuz\"\nextra = \"ip=192.0.2.10:127.0.255.255:192.0.2.1:255.255.255.0::eth0:off\"\n", moved);
    }

    [Fact]
    public async Task Cross_file_findings_can_be_suppressed_on_their_line()
    {
        await using var client = await LspTestClient.StartAsync();
        const string Other = "untitled:other";
        await client.OpenAsync(Other, "name = \"other\"\ndisk = [ 'phy:/dev/vg0/shared,xvdb,w' ]\n");
        const string Text = "name = \"vm\"\ndisk = [ 'phy:/dev/vg0/shared,xvdb,r' ]\n";
        await client.OpenAsync(Uri, Text);
        await client.DiagnosticsAsync(Uri, published => published.Diagnostics.Any(d => d.Code == "XCFG0300"));

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Line(1), new CodeActionContext([])));

        var suppress = Assert.Single(actions, action => action.Title == "Suppress XCFG0300 on this line");
        Assert.Equal("name = \"vm\"\n# xcfg-disable-next-line XCFG0300\ndisk = [ 'phy:/dev/vg0/shared,xvdb,r' ]\n", Apply(Text, suppress));
    }

    // ---- What the request is about: its range, and the diagnostics the client names -------------------------

    private static async Task<(LspTestClient Client, Protocol.Diagnostic[] Published)> OpenAsync(string text)
    {
        var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, text);
        var published = await client.DiagnosticsAsync(Uri, 1);
        return (client, published.Diagnostics);
    }

    private static Protocol.Range Cursor(int line, int character) => new(new Position(line, character), new Position(line, character));

    /// <summary>Neovim 0.7: an empty range at the cursor, with the diagnostics of the cursor's line in the context.</summary>
    [Fact]
    public async Task With_the_cursor_anywhere_on_the_line_the_fixes_of_the_lines_diagnostics_are_offered()
    {
        const string Text = "name = \"vm\"\nmemroy = 512   # the guest's memory\n";
        var (client, published) = await OpenAsync(Text);
        await using var _ = client;
        var onLine = published.Where(diagnostic => diagnostic.Range.Start.Line == 1).ToArray();
        Assert.Equal("XCFG0100", Assert.Single(onLine).Code);

        var withContext = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Cursor(1, 20), new CodeActionContext(onLine)));
        var withoutContext = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Cursor(1, 20), new CodeActionContext([])));

        var rename = Assert.Single(withContext, action => action.Title == "Rename to `memory`");
        Assert.Equal("name = \"vm\"\nmemory = 512   # the guest's memory\n", Apply(Text, rename));
        Assert.Contains(withContext, action => action.Title == "Suppress XCFG0100 on this line");
        Assert.Empty(withoutContext);
    }

    /// <summary>Neovim 0.7 sends a diagnostic's columns back in bytes: after a non-ASCII character they are not LSP's.</summary>
    [Fact]
    public async Task A_named_diagnostic_is_found_by_code_message_and_line_even_with_byte_columns()
    {
        const string Text = "name = \"vmé\"   memory = 512\n";
        var (client, published) = await OpenAsync(Text);
        await using var _ = client;
        var semicolon = Assert.Single(published, diagnostic => diagnostic.Code == "XCFG0014");
        var inBytes = semicolon with { Range = new(new Position(0, semicolon.Range.Start.Character + 1), new Position(0, semicolon.Range.End.Character + 1)) };

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Cursor(0, 0), new CodeActionContext([inBytes])));

        var fix = Assert.Single(actions);
        Assert.Equal("name = \"vmé\";   memory = 512\n", Apply(Text, fix));
    }

    [Fact]
    public async Task Diagnostics_of_other_servers_in_the_context_are_ignored_even_with_integer_codes()
    {
        const string Text = "name = \"vm\"\nmemroy = 512\n";
        var (client, _) = await OpenAsync(Text);
        await using var __ = client;
        var request = """{"textDocument":{"uri":"file:///work/vm.cfg"},"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":0}},"context":{"diagnostics":[{"range":{"start":{"line":1,"character":0},"end":{"line":1,"character":6}},"message":"spelling","code":42,"source":"cspell"},{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":4}},"message":"another","source":"other"}]}}""";

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, JsonDocument.Parse(request).RootElement);

        Assert.Equal(["Rename to `memory`", "Suppress XCFG0100 on this line"], actions.Select(action => action.Title));
    }

    // ---- context.only: kinds, with a kind covering its sub-kinds --------------------------------------------------

    private const string Fixable = "name = \"vm\"   memory = 512\ndisk = [ 'phy:/dev/vg0/a,xvda,w' 'phy:/dev/vg0/b,xvdb,w' ]\n";

    [Theory]
    [InlineData(null, "quickfix")]
    [InlineData("quickfix", "quickfix")]
    [InlineData("source", "source.fixAll.xcfg")]
    [InlineData("source.fixAll", "source.fixAll.xcfg")]
    [InlineData("source.fixAll.xcfg", "source.fixAll.xcfg")]
    [InlineData("", "quickfix source.fixAll.xcfg")]
    [InlineData("quickfix,source.fixAll", "quickfix source.fixAll.xcfg")]
    [InlineData("source.fixAll.eslint", "")]
    [InlineData("quickfix.xcfg", "")]
    [InlineData("refactor", "")]
    [InlineData("sourc", "")]
    [InlineData("source.fix", "")]
    public async Task Only_filters_by_kind_and_a_kind_includes_its_sub_kinds(string? only, string kinds)
    {
        var (client, _) = await OpenAsync(Fixable);
        await using var __ = client;

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Line(0), new CodeActionContext([], only?.Split(','))));

        Assert.Equal(kinds, string.Join(' ', actions.Select(action => action.Kind).Distinct()));
    }

    [Fact]
    public async Task Fix_all_applies_every_safe_fix_as_lint_fix_does()
    {
        var (client, _) = await OpenAsync(Fixable);
        await using var __ = client;

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Cursor(0, 0), new CodeActionContext([], [CodeActionKinds.SourceFixAll])));

        var fixAll = Assert.Single(actions);
        Assert.Equal("Fix all 2 auto-fixable problems (xcfg)", fixAll.Title);
        var expected = Analysis.CodeFixes.FixAll.Apply(Syntax.SyntaxTree.Parse(Fixable), Analysis.AnalysisOptions.Default, includeUnsafe: false).Tree.Text.ToString();
        Assert.Equal("name = \"vm\"   ;memory = 512\ndisk = [ 'phy:/dev/vg0/a,xvda,w' ,'phy:/dev/vg0/b,xvdb,w' ]\n", expected);
        Assert.Equal(expected, Apply(Fixable, fixAll));
    }

    [Fact]
    public async Task A_file_without_a_safe_fix_gets_no_fix_all()
    {
        var (client, _) = await OpenAsync("name = \"vm\"\nmemroy = 512\n");
        await using var __ = client;

        var actions = await client.RequestAsync<CodeAction[]>(LspMethods.CodeAction, new CodeActionParams(Document, Cursor(0, 0), new CodeActionContext([], ["source"])));

        Assert.Empty(actions);
    }
}

internal static class Edits
{
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var source = Microsoft.CodeAnalysis.Text.SourceText.From(text);
        var changes = edits.Select(edit => new Microsoft.CodeAnalysis.Text.TextChange(Documents.PositionMapping.ToSpan(source, edit.Range), edit.NewText));
        return source.WithChanges(changes).ToString();
    }
}
