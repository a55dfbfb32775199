using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Hover on disk and vif strings: what xl (and xm, under the xm dialect) make of them.</summary>
public sealed class HoverTests
{
    private const string Uri = "file:///work/vm.cfg";
    private static readonly TextDocumentIdentifier Document = new(Uri);

    private const string Config =
        "name = \"vm\"\n" +
        "type = \"pv\"\n" +
        "disk = [ 'phy:/dev/vg0/root,xvda,w',\n" +
        "         'format=qcow2, vdev=xvdb, access=ro, target=/srv/images/data.qcow2',\n" +
        "         ',hdc:cdrom,r' ]\n" +
        "vif = [ 'mac=00:16:3e:12:34:10, bridge=xenbr1, rate=10Mb/s, foo=bar' ]\n";

    private static async Task<string> HoverAsync(string text, int line, int character, bool xm = false)
    {
        await using var client = await LspTestClient.StartAsync();
        if (xm)
        {
            await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(System.Text.Json.JsonDocument.Parse("""{"xcfg":{"dialect":"xm"}}""").RootElement));
        }

        await client.OpenAsync(Uri, text);
        await client.DiagnosticsAsync(Uri, 1);
        var hover = await client.RequestAsync<Hover?>(LspMethods.Hover, new HoverParams(Document, new Position(line, character)));
        Assert.NotNull(hover);
        Assert.Equal(MarkupKinds.Markdown, hover.Contents.Kind);
        return hover.Contents.Value;
    }

    [Fact]
    public async Task A_legacy_disk_spec_shows_xls_reading_the_part_under_the_cursor_and_libxls_json()
    {
        var markdown = await HoverAsync(Config, 2, 29);

        Assert.StartsWith("**disk 1 of 3** · `xvda`\n\nAs **xl** reads it:", markdown, StringComparison.Ordinal);
        Assert.Contains("| target | `/dev/vg0/root` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| vdev | `xvda`: Xen PV disk 0, whole disk, device number 51712 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| access | read-write |", markdown, StringComparison.Ordinal);
        Assert.Contains("| format | `raw` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| device type | disk |", markdown, StringComparison.Ordinal);
        Assert.Contains("Under the cursor: `xvda`, the virtual device (positional)", markdown, StringComparison.Ordinal);
        Assert.Contains("```json\n{\"pdev_path\":\"/dev/vg0/root\",\"vdev\":\"xvda\",", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_value_disk_spec_and_a_cdrom()
    {
        var qcow = await HoverAsync(Config, 3, 26);
        var cdrom = await HoverAsync(Config, 4, 12);

        Assert.Contains("| target | `/srv/images/data.qcow2` |", qcow, StringComparison.Ordinal);
        Assert.Contains("| access | read-only |", qcow, StringComparison.Ordinal);
        Assert.Contains("| format | `qcow2` |", qcow, StringComparison.Ordinal);
        Assert.Contains("Under the cursor: `vdev=xvdb`, the virtual device", qcow, StringComparison.Ordinal);
        Assert.Contains("| device type | CD-ROM (removable) |", cdrom, StringComparison.Ordinal);
        Assert.Contains("| target | none (an empty drive) |", cdrom, StringComparison.Ordinal);
        Assert.Contains("| format | `empty` |", cdrom, StringComparison.Ordinal);
        Assert.Contains("| access | read-only (a CD-ROM) |", cdrom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Under_the_xm_dialect_xms_reading_comes_first()
    {
        var markdown = await HoverAsync("name = \"vm\"\ndisk = [ 'phy:vg0/root,xvda,w!' ]\n", 1, 12, xm: true);

        Assert.Contains("As **xm** reads it (this file's dialect):", markdown, StringComparison.Ordinal);
        Assert.Contains("| prefix | `phy:` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| target | `vg0/root`, which the hotplug script opens as `/dev/vg0/root` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| mode | `w!`: read-write, with the hotplug script's sharing check switched off |", markdown, StringComparison.Ordinal);
        Assert.Contains("As **xl** would read it:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vif_shows_its_settings_the_defaults_and_unknown_keys()
    {
        var markdown = await HoverAsync(Config, 5, 50);

        Assert.StartsWith("**vif 1 of 1** · as **xl** reads it", markdown, StringComparison.Ordinal);
        Assert.Contains("| mac | `00:16:3e:12:34:10` (Xen's 00:16:3e range) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| bridge | `xenbr1` |", markdown, StringComparison.Ordinal);
        Assert.Contains("| type | not set: a PV NIC (`vif`) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| script | not set: `vif.default.script` of xl.conf (`vif-bridge` unless changed) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| rate | 1,250,000 bytes/s: 62,500 bytes every 50 ms |", markdown, StringComparison.Ordinal);
        Assert.Contains("xl does not know `foo`", markdown, StringComparison.Ordinal);
        Assert.Contains("Under the cursor: `rate=10Mb/s`, the `rate` setting", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_spec_says_why_and_the_finding_is_explained_below()
    {
        var markdown = await HoverAsync("name = \"vm\"\ndisk = [ 'format=vmdk, vdev=xvda, target=/x.img' ]\n", 1, 19);

        Assert.Contains("xl refuses this spec: xl does not know the disk format `vmdk`", markdown, StringComparison.Ordinal);
        Assert.Contains("**XCFG0126** Unknown disk format", markdown, StringComparison.Ordinal);
    }
}
