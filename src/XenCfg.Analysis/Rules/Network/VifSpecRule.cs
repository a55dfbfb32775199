using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Vif;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Network;

/// <summary>
/// Checks each vif spec as xl reads it (tools/xl/xl_parse.c, parse_nic_config; tools/libs/util/libxlu_vif.c;
/// docs/man/xl-network-configuration.5.pod.in), and the interfaces of the domain together: a MAC used twice, an
/// emulated NIC on a PV guest (libxl_nic.c: "trying to create PV or PVH guest with an emulated interface"), and a
/// NIC without a fixed MAC.
/// </summary>
public sealed class VifSpecRule : ConfigRule
{
    private const string Source = "Xen tools/xl/xl_parse.c (parse_nic_config), tools/libs/util/libxlu_vif.c, docs/man/xl-network-configuration.5.pod.in";

    public static readonly DiagnosticDescriptor BadMac = Create("XCFG0175", "Malformed MAC address", DiagnosticSeverity.Warning,
        "A MAC address is six pairs of hexadecimal digits separated by colons.");

    public static readonly DiagnosticDescriptor MulticastMac = Create("XCFG0176", "Multicast MAC address", DiagnosticSeverity.Error,
        "A MAC whose first octet is odd is a multicast address, which no network card may use as its own.");

    public static readonly DiagnosticDescriptor DuplicateMac = SemanticDescriptors.Create("XCFG0177", "MAC used twice in one domain",
        "`{0}` is also the MAC of interface {1}: two interfaces with one MAC confuse the bridge and the guest; give each its own",
        DiagnosticSeverity.Error, "Every network interface needs a MAC address of its own.");

    public static readonly DiagnosticDescriptor UnknownKey = Create("XCFG0178", "Unknown vif key", DiagnosticSeverity.Warning,
        "xl warns about a vif key it does not know and creates the interface without it.");

    public static readonly DiagnosticDescriptor CommaSeparatedIp = Create("XCFG0179", "Comma-separated vif ip", DiagnosticSeverity.Error,
        "Several addresses in a vif's ip are separated by spaces: a comma ends the ip item, and the next address becomes an unknown key.");

    public static readonly DiagnosticDescriptor EmulatedNicOnPv = SemanticDescriptors.Create("XCFG0180", "Emulated NIC on a PV guest",
        "`type=ioemu` asks for an emulated network card, which a {0} guest cannot have: libxl refuses to create it; remove `type=ioemu`",
        DiagnosticSeverity.Error, "Only HVM guests have a device model to emulate network cards; PV and PVH guests use Xen's netfront.");

    public static readonly DiagnosticDescriptor BadRate = Create("XCFG0181", "Malformed vif rate", DiagnosticSeverity.Error,
        "rate is N followed by a unit (GB/s, Mb/s, kB/s, ...) and an optional @interval (50ms, 100us); xl stops on anything else.");

    public static readonly DiagnosticDescriptor VifNameTooLong = Create("XCFG0182", "vifname too long", DiagnosticSeverity.Error,
        "Linux interface names have at most 15 characters; the hotplug script cannot rename the backend interface to a longer name.");

    public static readonly DiagnosticDescriptor MissingMac = SemanticDescriptors.Create("XCFG0183", "Interface without a fixed MAC",
        "interface {0} has no `mac`: it gets a new random MAC at every start, so DHCP leases and interface names in the guest change; add `mac=00:16:3e:XX:XX:XX`",
        DiagnosticSeverity.Info, "Without mac=, libxl makes up a MAC in Xen's 00:16:3e range each time the domain starts.");

    public static readonly DiagnosticDescriptor BadValue = Create("XCFG0184", "vif value not usable", DiagnosticSeverity.Warning,
        "A known vif key with a value xl refuses or reads differently from what is written (type, ip, mtu, devid, trailing blanks, a key given twice, a NUL).");

    public static readonly DiagnosticDescriptor DeprecatedKey = Create("XCFG0185", "Deprecated vif key", DiagnosticSeverity.Info,
        "xl still reads netdev but prefers gatewaydev, and says accel is not supported.");

    private static readonly SpecProblemMapping<VifProblemKind> Mapping = new SpecProblemMapping<VifProblemKind>()
        .Map(BadMac, DiagnosticSeverity.Warning, VifProblemKind.BadMac, VifProblemKind.NonCanonicalMac)
        .Map(MulticastMac, DiagnosticSeverity.Error, VifProblemKind.MulticastMac)
        .Map(UnknownKey, DiagnosticSeverity.Warning, VifProblemKind.UnknownKey)
        .Map(CommaSeparatedIp, DiagnosticSeverity.Error, VifProblemKind.CommaSeparatedIp)
        .Map(BadRate, DiagnosticSeverity.Warning, VifProblemKind.BadRate)
        .Map(VifNameTooLong, DiagnosticSeverity.Error, VifProblemKind.VifNameTooLong)
        .Map(BadValue, DiagnosticSeverity.Warning, VifProblemKind.BadType, VifProblemKind.BadIp, VifProblemKind.BadMtu, VifProblemKind.BadDevId,
            VifProblemKind.TrailingBlank, VifProblemKind.DuplicateKey, VifProblemKind.EmbeddedNul)
        .Map(DeprecatedKey, DiagnosticSeverity.Info, VifProblemKind.DeprecatedKey, VifProblemKind.NotSupported);

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(BadMac, Source, "vif = [ 'mac=00:16:3e:1:2' ]", "vif = [ 'mac=00:16:3e:00:01:02' ]"),
        Entry(MulticastMac, Source + "; IEEE 802 (bit 0 of the first octet)", "vif = [ 'mac=01:16:3e:00:00:01' ]", "vif = [ 'mac=00:16:3e:00:00:01' ]"),
        Entry(DuplicateMac, Source, "vif = [ 'mac=00:16:3e:00:00:01', 'mac=00:16:3e:00:00:01,bridge=xenbr1' ]", "vif = [ 'mac=00:16:3e:00:00:01', 'mac=00:16:3e:00:00:02,bridge=xenbr1' ]"),
        Entry(UnknownKey, Source, "vif = [ 'brige=xenbr0' ]", "vif = [ 'bridge=xenbr0' ]"),
        Entry(CommaSeparatedIp, Source, "vif = [ 'ip=192.0.2.10,192.0.2.11' ]", "vif = [ 'ip=192.0.2.10 192.0.2.11' ]"),
        Entry(EmulatedNicOnPv, "Xen tools/libs/light/libxl_nic.c (libxl__device_nic_setdefault)", "type = \"pv\"\nvif = [ 'type=ioemu,bridge=xenbr0' ]", "type = \"pv\"\nvif = [ 'bridge=xenbr0' ]"),
        Entry(BadRate, Source, "vif = [ 'rate=10MB' ]", "vif = [ 'rate=10MB/s' ]"),
        Entry(VifNameTooLong, Source + "; Linux IFNAMSIZ", "vif = [ 'vifname=webserver-frontend' ]", "vif = [ 'vifname=web-front' ]"),
        Entry(MissingMac, "Xen docs/man/xl-network-configuration.5.pod.in (mac)", "vif = [ 'bridge=xenbr0' ]", "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0' ]"),
        Entry(BadValue, Source, "vif = [ 'mtu=9000x' ]", "vif = [ 'mtu=9000' ]"),
        Entry(DeprecatedKey, Source, "vif = [ 'netdev=eth0' ]", "vif = [ 'gatewaydev=eth0' ]"),
    ];

    /// <summary>Reads the network interfaces and the guest type.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(["vif"], RuleKeys.GuestType);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        var seenMacs = new Dictionary<ulong, VifEntry>();
        foreach (var vif in model.Vifs)
        {
            Mapping.Report(context, vif.Spec.Problems, vif.SourceSpan);

            // libxl refuses it (libxl_nic.c); xend accepted ioemu vifs on any guest, as Xen's own stub-domain example
            // xmexample.hvm-dm (a PV domain with vif = [ '', 'type=ioemu, bridge=xenbr0' ]) relied on.
            if (vif.Spec.Type is { Value: "ioemu" } type && model.Domain.Type != GuestType.Hvm && context.Dialect == XenCfg.Syntax.Dialect.Xl)
            {
                context.Report(EmulatedNicOnPv, vif.SourceSpan(type.Span), model.Domain.Type == GuestType.Pvh ? "PVH" : "PV");
            }

            if (vif.Spec.Mac is { } mac)
            {
                if (seenMacs.TryGetValue(mac.Value.Value, out var first))
                {
                    var firstSpan = first.SourceSpan(first.Spec.Mac!.Value.Span);
                    var related = ImmutableArray.Create(new RelatedLocation(context.Tree.FilePath, firstSpan,
                        context.Tree.Text.Lines.GetLinePositionSpan(firstSpan), $"interface {first.Index + 1} has this MAC"));
                    context.Report(ConfigDiagnostic.Create(DuplicateMac, vif.SourceSpan(mac.Span), vif.Syntax.ValueText[mac.Span.Start..mac.Span.End], first.Index + 1).WithRelatedLocations(related));
                }
                else
                {
                    seenMacs[mac.Value.Value] = vif;
                }
            }
            // A mac= that xl cannot read is reported as malformed; only a vif without the key has "no mac".
            else if (model.Kind == ConfigKind.Domain && !vif.Spec.Items.Any(item => item.Key == "mac"))
            {
                context.Report(MissingMac, vif.Syntax.Span, vif.Index + 1);
            }
        }
    }

    private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity, string description) =>
        SemanticDescriptors.Create(id, title, "{0}", severity, description);
}
