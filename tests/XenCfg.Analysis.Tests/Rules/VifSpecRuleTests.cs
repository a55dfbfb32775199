using XenCfg.Analysis.Rules.Network;
using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class VifSpecRuleTests
{
    private static string Vifs(params string[] specs) => $"name = 'a'\nvif = [ {string.Join(", ", specs.Select(spec => $"'{spec}'"))} ]\n";

    [Fact]
    public void A_mac_with_five_octets_is_a_warning_as_xl_only_warns() =>
        RuleAssert.ReportsWithSeverity("XCFG0175", Vifs("mac=[|00:16:3e:1:2|]"), Dialect.Xl, DiagnosticSeverity.Warning,
            "`00:16:3e:1:2` has only 5 octets; a MAC address has six. xl reads beyond the item and warns \"Invalid parameter `mac'\" at best. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.");

    [Fact]
    public void A_multicast_mac_is_an_error_on_the_first_octet() =>
        RuleAssert.ReportsWithSeverity("XCFG0176", Vifs("mac=[|01|]:16:3e:00:00:01"), Dialect.Xl, DiagnosticSeverity.Error,
            "The MAC address 01:16:3e:00:00:01 has the multicast bit set (its first octet, 01, is odd), so it cannot be a NIC's address. Use Xen's prefix `00:16:3e:...`, or a locally administered address such as `02:16:3e:00:00:01`.");

    [Fact]
    public void A_mac_used_twice_in_one_file_is_an_error_on_the_second() =>
        RuleAssert.ReportsWithSeverity("XCFG0177", Vifs("mac=00:16:3e:00:00:02,bridge=xenbr0", "mac=[|00:16:3e:00:00:02|],bridge=xenbr1"), Dialect.Xl, DiagnosticSeverity.Error,
            "`00:16:3e:00:00:02` is also the MAC of interface 1: two interfaces with one MAC confuse the bridge and the guest; give each its own");

    [Fact]
    public void Macs_are_compared_by_value_not_spelling() =>
        RuleAssert.Reports("XCFG0177", Vifs("mac=00:16:3E:00:00:04", "mac=[|00:16:3e:00:00:04|]"),
            "`00:16:3e:00:00:04` is also the MAC of interface 1: two interfaces with one MAC confuse the bridge and the guest; give each its own");

    [Fact]
    public void The_duplicate_mac_points_at_the_first_interface()
    {
        var (text, spans) = RuleAssert.Markup("name = 'a'\nvif = [ 'mac=[|00:16:3e:00:00:02|]',\n        'bridge=xenbr1,mac=00:16:3e:00:00:02' ]\n");
        var diagnostic = RuleAssert.Single("XCFG0177", text);

        var related = Assert.Single(diagnostic.RelatedLocations);
        Assert.Equal(spans[0], related.Span);
        Assert.Equal("/etc/xen/test.cfg", related.FilePath);
        Assert.Equal("interface 1 has this MAC", related.Message);
    }

    [Fact]
    public void A_third_interface_with_the_same_mac_points_at_the_first_too() =>
        RuleAssert.Reports("XCFG0177", Vifs("mac=00:16:3e:00:00:09", "mac=[|00:16:3e:00:00:09|]", "mac=[|00:16:3e:00:00:09|]"),
            "`00:16:3e:00:00:09` is also the MAC of interface 1: two interfaces with one MAC confuse the bridge and the guest; give each its own",
            "`00:16:3e:00:00:09` is also the MAC of interface 1: two interfaces with one MAC confuse the bridge and the guest; give each its own");

    [Fact]
    public void An_unknown_key_is_a_warning_with_a_suggestion() =>
        RuleAssert.ReportsWithSeverity("XCFG0178", Vifs("mac=00:16:3e:00:00:02,[|brige|]=xenbr0"), Dialect.Xl, DiagnosticSeverity.Warning,
            "xl does not know the vif key `brige` (\"unrecognized argument\") and ignores it, so the NIC is created without it. Did you mean `bridge`?");

    [Fact]
    public void A_comma_in_ip_starts_a_new_item() =>
        RuleAssert.ReportsWithSeverity("XCFG0179", Vifs("mac=00:16:3e:00:00:03,ip=192.0.2.10,[|192.0.2.11|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl cuts the vif spec at commas, so `192.0.2.11` is not part of `ip=`: xl warns \"unrecognized argument\" and drops it. Separate the addresses with spaces: `ip=192.0.2.10 192.0.2.11`.");

    [Theory]
    [InlineData("", "PV")]
    [InlineData("type = 'pv'\n", "PV")]
    [InlineData("type = 'pvh'\n", "PVH")]
    public void An_emulated_nic_on_a_pv_or_pvh_guest_is_an_error(string type, string kind) =>
        RuleAssert.ReportsWithSeverity("XCFG0180", $"name = 'a'\n{type}vif = [ 'mac=00:16:3e:00:00:04,type=[|ioemu|]' ]\n", Dialect.Xl, DiagnosticSeverity.Error,
            $"`type=ioemu` asks for an emulated network card, which a {kind} guest cannot have: libxl refuses to create it; remove `type=ioemu`");

    [Theory]
    [InlineData("type = 'hvm'\n")]
    [InlineData("builder = 'hvm'\n")]
    public void An_emulated_nic_on_an_hvm_guest_is_fine(string type) =>
        RuleAssert.Silent("XCFG0180", $"name = 'a'\n{type}vif = [ 'mac=00:16:3e:00:00:04,type=ioemu,model=e1000' ]\n");

    [Fact]
    public void Xend_accepted_an_emulated_nic_on_a_pv_stub_domain() =>
        RuleAssert.Silent("XCFG0180", "kernel = '/usr/lib/xen/boot/ioemu-stubdom.gz'\nvif = [ '', 'type=ioemu, bridge=xenbr0' ]\n", Dialect.Xm);

    [Fact]
    public void A_rate_without_per_second_stops_xl() =>
        RuleAssert.ReportsWithSeverity("XCFG0181", Vifs("mac=00:16:3e:00:00:05,rate=[|10MB|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl refuses the rate `10MB` (\"invalid rate\") and exits. Write a whole number, an optional K, M or G (powers of 1000), B (bytes) or b (bits), and /s, e.g. `10Mb/s` or `100KB/s@20ms`.");

    [Fact]
    public void An_octal_rate_is_only_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0181", Vifs("mac=00:16:3e:00:00:03,rate=[|010Mb/s|]"), Dialect.Xl, DiagnosticSeverity.Warning,
            "xl reads `010` with a leading 0 as octal (8). Drop the leading zero if you meant decimal.");

    [Fact]
    public void A_vifname_longer_than_fifteen_characters_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0182", Vifs("mac=00:16:3e:00:00:06,vifname=[|webserver-frontend|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "The interface name `webserver-frontend` has 18 characters, but Linux allows at most 15, so the backend interface cannot be created. Shorten it (to at most 11 on HVM guests, where libxl adds \"-emu\" for the emulated NIC).");

    [Fact]
    public void A_vif_without_mac_is_an_info_on_the_whole_spec() =>
        RuleAssert.ReportsWithSeverity("XCFG0183", "name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01', [|'bridge=xenbr0'|], [|''|] ]\n", Dialect.Xl, DiagnosticSeverity.Info,
            "interface 2 has no `mac`: it gets a new random MAC at every start, so DHCP leases and interface names in the guest change; add `mac=00:16:3e:XX:XX:XX`",
            "interface 3 has no `mac`: it gets a new random MAC at every start, so DHCP leases and interface names in the guest change; add `mac=00:16:3e:XX:XX:XX`");

    [Theory]
    [InlineData("mac=00:16:3e:1:2")]
    [InlineData("mac=zz:16:3e:00:00:01")]
    [InlineData("bridge=xenbr0,mac=")]
    public void A_malformed_mac_is_not_a_missing_one(string spec) =>
        RuleAssert.Silent("XCFG0183", Vifs(spec));

    [Fact]
    public void A_value_xl_reads_partly_is_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0184", Vifs("mac=00:16:3e:00:00:08,mtu=[|9000x|]"), Dialect.Xl, DiagnosticSeverity.Warning,
            "xl reads only the number at the start of `9000x` (9000) and ignores the rest. Write just the number.");

    [Fact]
    public void A_devid_xl_cannot_convert_stops_it() =>
        RuleAssert.ReportsWithSeverity("XCFG0184", Vifs("mac=00:16:3e:00:00:07,devid=[|x|]"), Dialect.Xl, DiagnosticSeverity.Error,
            "xl cannot read `x` as a number (\"failed to convert\") and exits. Write a plain decimal number for `devid`.");

    [Fact]
    public void An_unknown_type_is_a_warning_as_xl_ignores_it() =>
        RuleAssert.Reports("XCFG0184", "name = 'a'\ntype = 'hvm'\nvif = [ 'mac=00:16:3e:66:92:9c,bridge=xenbr1,script=vif-bridge,type=[|netfront|]' ]\n",
            "xl does not know the vif type `netfront` (\"Invalid parameter `type'\") and ignores it. Write `type=vif` (PV) or `type=ioemu` (emulated NIC for HVM).");

    [Fact]
    public void Netdev_and_accel_are_infos() =>
        RuleAssert.ReportsWithSeverity("XCFG0185", Vifs("mac=00:16:3e:00:00:07,[|netdev|]=eth0", "mac=00:16:3e:00:00:08,[|accel=x|]"), Dialect.Xl, DiagnosticSeverity.Info,
            "`netdev` is deprecated; xl says to use `gatewaydev`. Write `gatewaydev=` instead.",
            "xl ignores `accel` (\"the accel parameter for vifs is currently not supported\"). Remove it.");

    [Fact]
    public void A_complete_interface_is_fine()
    {
        var text = "name = 'a'\ntype = 'hvm'\nvif = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0, model=e1000, type=ioemu, vifname=web0, rate=10Mb/s@50ms, ip=192.0.2.10 192.0.2.11' ]\n";
        Assert.DoesNotContain(RuleAssert.Analyze(text), diagnostic => VifIds.Contains(diagnostic.Id));
    }

    private static readonly HashSet<string> VifIds = [.. new VifSpecRule().Entries.Select(entry => entry.Id)];
}
