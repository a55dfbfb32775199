using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Vif;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>Every problem kind, with its exact span and message (spans are relative to the parsed string).</summary>
public sealed class VifProblemTests
{
    [Theory]
    [InlineData("mac=00:16:3e:01:02,bridge=xenbr0", VifProblemKind.BadMac, 4, 14, false,
        "`00:16:3e:01:02` has only 5 octets; a MAC address has six. xl reads beyond the item and warns \"Invalid parameter `mac'\" at best. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.")]
    [InlineData("mac=0:16:3e:1:2:3", VifProblemKind.NonCanonicalMac, 4, 13, false,
        "xl reads `0:16:3e:1:2:3` as the MAC address 00:16:3e:01:02:03, but it is not written as six colon-separated pairs of hex digits. Write `00:16:3e:01:02:03`.")]
    [InlineData("mac=zz:16:3e:01:02:03", VifProblemKind.BadMac, 4, 1, false,
        "xl cannot read `zz:16:3e:01:02:03` as a MAC address (\"Invalid parameter `mac'\"); the NIC gets a partial or random address. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.")]
    [InlineData("mac=01:16:3e:01:02:03", VifProblemKind.MulticastMac, 4, 2, false,
        "The MAC address 01:16:3e:01:02:03 has the multicast bit set (its first octet, 01, is odd), so it cannot be a NIC's address. Use Xen's prefix `00:16:3e:...`, or a locally administered address such as `02:16:3e:01:02:03`.")]
    [InlineData("type=pv", VifProblemKind.BadType, 5, 2, false,
        "xl does not know the vif type `pv` (\"Invalid parameter `type'\") and ignores it. Write `type=vif` (PV) or `type=ioemu` (emulated NIC for HVM).")]
    [InlineData("type=vif ", VifProblemKind.TrailingBlank, 8, 1, false,
        "The blank after `vif` stays in the value, so the type is `vif `, which xl does not know (\"Invalid parameter `type'\") and ignores. Remove it.")]
    [InlineData("bridge=xenbr0 ", VifProblemKind.TrailingBlank, 13, 1, false,
        "The blank after `xenbr0` stays in the value: the bridge is `xenbr0 `. Remove it.")]
    [InlineData("rate=10Mbps", VifProblemKind.BadRate, 5, 6, true,
        "xl refuses the rate `10Mbps` (\"invalid rate\") and exits. Write a whole number, an optional K, M or G (powers of 1000), B (bytes) or b (bits), and /s, e.g. `10Mb/s` or `100KB/s@20ms`.")]
    [InlineData("rate=0Mb/s", VifProblemKind.BadRate, 5, 5, true,
        "xl refuses the rate `0Mb/s` (\"rate overflow\"): the number must be 1 to 4294967295. Use a larger unit (K, M, G) instead of a bigger number.")]
    [InlineData("rate=010Mb/s", VifProblemKind.BadRate, 5, 7, false,
        "xl reads `010` with a leading 0 as octal (8). Drop the leading zero if you meant decimal.")]
    [InlineData("rate=10Mb/s@50xs", VifProblemKind.BadRate, 12, 4, true,
        "xl refuses the replenishment interval `50xs` (\"invalid replenishment interval\") and exits. Write a whole number and a unit: `50ms`, `500us` or `1s`.")]
    [InlineData("rate=@50ms", VifProblemKind.BadRate, 5, 5, true,
        "xl refuses a `rate` with no amount (\"no rate specified\") and exits. Write e.g. `rate=10Mb/s`.")]
    [InlineData("vifname=averyveryverylongname", VifProblemKind.VifNameTooLong, 8, 21, false,
        "The interface name `averyveryverylongname` has 21 characters, but Linux allows at most 15, so the backend interface cannot be created. Shorten it (to at most 11 on HVM guests, where libxl adds \"-emu\" for the emulated NIC).")]
    [InlineData("ip=10.0.0.1,10.0.0.2", VifProblemKind.CommaSeparatedIp, 12, 8, false,
        "xl cuts the vif spec at commas, so `10.0.0.2` is not part of `ip=`: xl warns \"unrecognized argument\" and drops it. Separate the addresses with spaces: `ip=10.0.0.1 10.0.0.2`.")]
    [InlineData("ip=10.0.0.1 10.0.0.300", VifProblemKind.BadIp, 12, 10, false,
        "`10.0.0.300` is not an IP address (with an optional /prefix), so the hotplug scripts cannot use it. Write addresses such as `192.0.2.10`, separated by spaces.")]
    [InlineData("mtu=abc", VifProblemKind.BadMtu, 4, 3, true,
        "xl cannot read `abc` as a number (\"failed to convert\") and exits. Write a plain decimal number for `mtu`.")]
    [InlineData("mtu=9000x", VifProblemKind.BadMtu, 4, 5, false,
        "xl reads only the number at the start of `9000x` (9000) and ignores the rest. Write just the number.")]
    [InlineData("mtu=40", VifProblemKind.BadMtu, 4, 2, false,
        "An MTU of 40 is outside what Linux accepts for an Ethernet device (68 to 65535). Use a value such as 1500 (or leave `mtu` out).")]
    [InlineData("devid=-1", VifProblemKind.BadDevId, 6, 2, true,
        "xl cannot read `-1` as a number (\"failed to convert\") and exits. Write a plain decimal number for `devid`.")]
    [InlineData("accel=foo", VifProblemKind.NotSupported, 0, 9, false,
        "xl ignores `accel` (\"the accel parameter for vifs is currently not supported\"). Remove it.")]
    [InlineData("netdev=eth0", VifProblemKind.DeprecatedKey, 0, 6, false,
        "`netdev` is deprecated; xl says to use `gatewaydev`. Write `gatewaydev=` instead.")]
    [InlineData("bridge=a,bridge=b", VifProblemKind.DuplicateKey, 9, 8, false,
        "`bridge` is given again: xl keeps only the last value, so the earlier `bridge=a` has no effect. Remove one of them.")]
    [InlineData("macaddr=00:16:3e:00:00:01", VifProblemKind.UnknownKey, 0, 7, false,
        "xl does not know the vif key `macaddr` (\"unrecognized argument\") and ignores it, so the NIC is created without it. See xl-network-configuration(5) for the keys.")]
    [InlineData("\tmac=00:16:3e:00:00:01", VifProblemKind.UnknownKey, 0, 4, false,
        "xl does not know the key `\tmac` (\"unrecognized argument\") and ignores it: it skips only spaces before an item, not tabs or other blanks. Write `mac=` without them.")]
    [InlineData("trusted=1", VifProblemKind.UnknownKey, 0, 7, false,
        "`trusted` is a flag without a value; xl warns \"unrecognized argument\" and ignores `trusted=1`. Write just `trusted`.")]
    [InlineData("bridge=br0\0junk", VifProblemKind.EmbeddedNul, 10, 5, false,
        "The vif spec contains a NUL character; xl stops reading there and ignores everything after it. Remove it.")]
    public void Vif_problem_has_exact_span_and_message(string input, VifProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = VifSpecParser.Parse(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }
}
