using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Completion inside disk and vif strings.</summary>
public sealed class SpecCompletionTests
{
    private const string Uri = "file:///work/vm.cfg";
    private static readonly TextDocumentIdentifier Document = new(Uri);

    /// <summary>Completions at the <c>|</c> in <paramref name="textWithCursor"/>.</summary>
    private static async Task<CompletionList> CompleteAsync(string textWithCursor)
    {
        var offset = textWithCursor.IndexOf('|', StringComparison.Ordinal);
        var text = textWithCursor.Remove(offset, 1);
        var before = text[..offset];
        var position = new Position(before.Count(c => c == '\n'), offset - (before.LastIndexOf('\n') + 1));
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, text);
        return await client.RequestAsync<CompletionList>(LspMethods.Completion, new CompletionParams(Document, position));
    }

    private static string[] Labels(CompletionList list) => [.. list.Items.OrderBy(item => item.SortText, StringComparer.Ordinal).Select(item => item.Label)];

    [Fact]
    public async Task The_first_item_of_a_disk_offers_keywords_flags_and_legacy_prefixes()
    {
        var list = await CompleteAsync("name = \"vm\"\ndisk = [ 'fo| ]\n");

        var labels = Labels(list);
        Assert.Equal(["target=", "vdev=", "format=", "access=", "devtype=", "backendtype=", "backend=", "script=", "specification="], labels.Take(9));
        Assert.Contains("cdrom", labels);
        Assert.Contains("no-discard", labels);
        Assert.Contains("phy:", labels);
        Assert.Contains("tap:aio:", labels);
        var format = Assert.Single(list.Items, item => item.Label == "format=");
        Assert.Equal(new TextEdit(new Protocol.Range(new Position(1, 10), new Position(1, 12)), "format="), format.TextEdit);
        Assert.Contains("qcow2", format.Documentation?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Later_items_offer_no_prefixes_and_a_key_value_disk_no_positional_values()
    {
        var later = await CompleteAsync("disk = [ 'format=raw, |' ]\n");

        Assert.DoesNotContain("phy:", Labels(later));
        Assert.DoesNotContain("w", Labels(later));
        Assert.Contains("vdev=", Labels(later));
    }

    [Fact]
    public async Task Values_of_format_access_and_devtype()
    {
        Assert.Equal(["raw", "qcow2", "qcow", "vhd", "qed", "empty"], Labels(await CompleteAsync("disk = [ 'format=|' ]\n")));
        Assert.Equal(["rw", "ro", "w", "r"], Labels(await CompleteAsync("disk = [ 'format=raw, access=r|' ]\n")));
        Assert.Equal(["disk", "cdrom"], Labels(await CompleteAsync("disk = [ 'devtype=|, vdev=hdc' ]\n")));
        var access = await CompleteAsync("disk = [ 'format=raw, access=r|' ]\n");
        Assert.Equal(new Protocol.Range(new Position(0, 29), new Position(0, 30)), access.Items[0].TextEdit!.Range);
    }

    [Fact]
    public async Task Vdev_offers_the_devices_the_domain_has_not_used()
    {
        const string Disks = "name = \"vm\"\ndisk = [ 'phy:/dev/vg/a,xvda,w',\n         'phy:/dev/vg/c,xvdc1,w',\n         'vdev=|, target=/dev/vg/b' ]\n";

        var list = await CompleteAsync(Disks);

        Assert.Equal(["xvdb", "xvdd", "xvde", "xvdf"], Labels(list));
    }

    [Fact]
    public async Task An_hvm_guest_also_gets_ide_names_that_are_free_in_every_scheme()
    {
        var list = await CompleteAsync("name = \"vm\"\ntype = \"hvm\"\ndisk = [ 'phy:/dev/vg/a,hda,w', 'vdev=|' ]\n");

        Assert.Equal(["xvdb", "xvdc", "xvdd", "xvde", "hdb", "hdc", "hdd"], Labels(list));
    }

    [Fact]
    public async Task The_positional_form_offers_free_vdevs_and_access_modes_and_a_path_nothing()
    {
        var positional = await CompleteAsync("disk = [ 'phy:/dev/vg/a,xvda,w', 'phy:/dev/vg/b,|' ]\n");
        var path = await CompleteAsync("disk = [ 'phy:/dev/v|' ]\n");

        Assert.Contains("xvdb", Labels(positional));
        Assert.DoesNotContain("xvda", Labels(positional));
        Assert.Contains("w", Labels(positional));
        Assert.Empty(path.Items);
    }

    [Fact]
    public async Task Nothing_after_target_which_takes_the_rest_of_the_string()
    {
        Assert.Empty((await CompleteAsync("disk = [ 'vdev=xvda, target=/srv/a,b|' ]\n")).Items);
    }

    [Fact]
    public async Task Vif_items_offer_keys_then_values()
    {
        var keys = await CompleteAsync("name = \"vm\"\nvif = [ 'mac=00:16:3e:00:00:01, b|' ]\n");
        var types = await CompleteAsync("vif = [ 'type=|' ]\n");
        var bridges = await CompleteAsync("vif = [ 'bridge=xenbr1', 'bridge=|' ]\n");
        var scripts = await CompleteAsync("vif = [ 'script=vif-|' ]\n");

        var labels = Labels(keys);
        Assert.Contains("bridge=", labels);
        Assert.Contains("mac=", labels);
        Assert.Contains("trusted", labels);
        Assert.DoesNotContain("netdev=", labels);
        Assert.True(Array.IndexOf(labels, "rate=") < Array.IndexOf(labels, "colo_compare_out="));
        Assert.Equal(["vif", "ioemu"], Labels(types));
        Assert.Equal(["xenbr0", "xenbr1"], Labels(bridges));
        Assert.Equal(new Protocol.Range(new Position(0, 16), new Position(0, 20)), scripts.Items[0].TextEdit!.Range);
    }

    [Fact]
    public async Task Mac_offers_an_address_in_xens_range_that_the_file_does_not_use()
    {
        var list = await CompleteAsync("name = \"vm\"\nvif = [ 'mac=00:16:3e:00:00:01', 'mac=|' ]\n");

        var mac = Assert.Single(list.Items).Label;
        Assert.Matches("^00:16:3e:[0-7][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}$", mac);
        Assert.NotEqual("00:16:3e:00:00:01", mac);
    }

    [Fact]
    public async Task Strings_of_other_keys_get_their_allowed_values_not_spec_completion()
    {
        var list = await CompleteAsync("on_crash = \"|\"\n");

        Assert.Contains("restart", Labels(list));
        Assert.DoesNotContain("format=", Labels(list));
    }

    [Fact]
    public async Task A_disk_annotation_offers_the_disk_keys_not_yet_written()
    {
        var list = await CompleteAsync("name = \"vm\"\ndisk = [ 'phy:/dev/vg0/vm-root,xvda,w' ]  # xcfg: size=10G |\n");

        Assert.Equal(["fs=", "populate=", "snapshot-of=", "label=", "uuid="], Labels(list));
        Assert.Contains("file system", Assert.Single(list.Items, item => item.Label == "fs=").Documentation?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_annotation_on_its_own_line_annotates_the_next_line()
    {
        var disk = await CompleteAsync("name = \"vm\"\ndisk = [\n    # xcfg: s|\n    'phy:/dev/vg0/vm-root,xvda,w' ]\n");
        var nfs = await CompleteAsync("name = \"vm\"\n# xcfg: |\nextra = \"root=/dev/nfs nfsroot=192.0.2.1:/srv/vm ip=dhcp\"\n");

        Assert.Equal(["size=", "fs=", "populate=", "snapshot-of=", "label=", "uuid="], Labels(disk));
        Assert.Equal(new Protocol.Range(new Position(2, 12), new Position(2, 13)), disk.Items[0].TextEdit!.Range);
        Assert.Equal(["populate=", "client="], Labels(nfs));
    }

    [Fact]
    public async Task Fs_offers_the_file_systems_provision_can_make_and_plain_comments_nothing()
    {
        var fs = await CompleteAsync("disk = [ 'phy:/dev/vg0/a,xvda,w' ]  # xcfg: size=1G fs=e|\n");
        var plain = await CompleteAsync("disk = [ 'phy:/dev/vg0/a,xvda,w' ]  # just a comment |\n");

        Assert.Equal(["ext4", "ext3", "ext2", "swap", "none"], Labels(fs));
        Assert.Empty(plain.Items);
    }
}
