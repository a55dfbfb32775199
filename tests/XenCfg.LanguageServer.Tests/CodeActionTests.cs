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
