using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Semantic tokens for the inside of disk and vif strings, decoded back to (text, type).</summary>
public sealed class SemanticTokensTests
{
    private const string Uri = "file:///work/vm.cfg";

    private static async Task<(InitializeResult Init, List<(int Line, string Text, string Type)> Tokens)> TokensAsync(string text, bool xm = false)
    {
        await using var client = await LspTestClient.StartAsync(initialized: false);
        var init = await client.InitializeAsync(new InitializeParams(Capabilities: new ClientCapabilities()));
        if (xm)
        {
            await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(System.Text.Json.JsonDocument.Parse("""{"xcfg":{"dialect":"xm"}}""").RootElement));
        }

        await client.OpenAsync(Uri, text);
        if (xm)
        {
            await client.DiagnosticsAsync(Uri, 1);
        }

        var tokens = await client.RequestAsync<SemanticTokens>(LspMethods.SemanticTokensFull, new SemanticTokensParams(new TextDocumentIdentifier(Uri)));
        var legend = init.Capabilities.SemanticTokensProvider!.Legend.TokenTypes;
        var lines = text.Split('\n');
        var decoded = new List<(int, string, string)>();
        int line = 0, character = 0;
        for (var i = 0; i < tokens.Data.Length; i += 5)
        {
            line += tokens.Data[i];
            character = tokens.Data[i] == 0 ? character + tokens.Data[i + 1] : tokens.Data[i + 1];
            Assert.Equal(0, tokens.Data[i + 4]);
            decoded.Add((line, lines[line].Substring(character, tokens.Data[i + 2]), legend[tokens.Data[i + 3]]));
        }

        return (init, decoded);
    }

    [Fact]
    public async Task The_legend_is_declared_and_the_full_document_is_served()
    {
        var (init, _) = await TokensAsync("name = \"vm\"\n");

        var provider = Assert.IsType<SemanticTokensOptions>(init.Capabilities.SemanticTokensProvider);
        Assert.Equal(["keyword", "property", "operator", "enumMember", "variable", "string", "number"], provider.Legend.TokenTypes);
        Assert.Empty(provider.Legend.TokenModifiers);
        Assert.True(provider.Full);
        Assert.False(provider.Range);
    }

    [Fact]
    public async Task Disk_strings_as_xl_reads_them()
    {
        var (_, tokens) = await TokensAsync(
            "name = \"vm\"  # disk = ['not, a, spec']\n" +
            "disk = [ 'phy:/dev/vg0/root,xvda,w',\n" +
            "         'format=qcow2, vdev=xvdb, access=ro, target=/srv/a,b.img',\n" +
            "         ',hdc:cdrom,r', 'cdrom,vdev=hdd' ]\n");

        Assert.Equal(
        [
            (1, "phy", "keyword"), (1, "/dev/vg0/root", "string"), (1, "xvda", "variable"), (1, "w", "enumMember"),
            (2, "format", "property"), (2, "=", "operator"), (2, "qcow2", "enumMember"),
            (2, "vdev", "property"), (2, "=", "operator"), (2, "xvdb", "variable"),
            (2, "access", "property"), (2, "=", "operator"), (2, "ro", "enumMember"),
            (2, "target", "property"), (2, "=", "operator"), (2, "/srv/a,b.img", "string"),
            (3, "hdc", "variable"), (3, "cdrom", "keyword"), (3, "r", "enumMember"),
            (3, "cdrom", "keyword"), (3, "vdev", "property"), (3, "=", "operator"), (3, "hdd", "variable"),
        ], tokens);
    }

    [Fact]
    public async Task Disk_strings_as_xm_reads_them_under_the_xm_dialect()
    {
        var (_, tokens) = await TokensAsync("name = \"vm\"\ndisk = [ 'tap:aio:/img/a.img,ioemu:hdc:cdrom,r', 'phy:vg/b,xvdb,w!' ]\n", xm: true);

        Assert.Equal(
        [
            (1, "tap", "keyword"), (1, "aio", "keyword"), (1, "/img/a.img", "string"), (1, "hdc", "variable"), (1, "cdrom", "keyword"), (1, "r", "enumMember"),
            (1, "phy", "keyword"), (1, "vg/b", "string"), (1, "xvdb", "variable"), (1, "w!", "enumMember"),
        ], tokens);
    }

    [Fact]
    public async Task Vif_strings_keys_values_and_flags_but_not_unknown_keys()
    {
        var (_, tokens) = await TokensAsync("vif = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0, type=vif, rate=10Mb/s, trusted, colour=blue' ]\n");

        Assert.Equal(
        [
            (0, "mac", "property"), (0, "=", "operator"), (0, "00:16:3e:00:00:01", "number"),
            (0, "bridge", "property"), (0, "=", "operator"), (0, "xenbr0", "variable"),
            (0, "type", "property"), (0, "=", "operator"), (0, "vif", "enumMember"),
            (0, "rate", "property"), (0, "=", "operator"), (0, "10Mb/s", "number"),
            (0, "trusted", "keyword"),
        ], tokens);
    }

    [Fact]
    public async Task A_string_with_escapes_maps_tokens_to_the_characters_as_written()
    {
        var (_, tokens) = await TokensAsync("disk = [ \"phy:/dev/vg0/r\\\\oot,xvda,w\" ]\n");

        Assert.Contains((0, "/dev/vg0/r\\\\oot", "string"), tokens);
        Assert.Contains((0, "xvda", "variable"), tokens);
    }
}
