using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs;
using XenCfg.Analysis.Specs.Values;

namespace XenCfg.Analysis.Rules.Network;

/// <summary>
/// The guest's boot-time network settings: xm's ip, netmask, gateway, hostname and dhcp keys (which xm turned
/// into the kernel's ip= argument: tools/python/xen/xm/create.py before Xen 4.5), and an ip= argument written
/// in extra or cmdline. Addresses are read as the kernel reads them (Linux net/ipv4/ipconfig.c, in_aton;
/// Documentation/admin-guide/nfs/nfsroot.rst).
/// </summary>
public sealed class NetworkSettingsRule : ConfigRule
{
    private const string Source = "Linux Documentation/admin-guide/nfs/nfsroot.rst (ip=); Xen before 4.5: tools/python/xen/xm/create.py (preprocess_ip)";

    /// <summary>The autoconfiguration methods the kernel's ip= knows (nfsroot.rst).</summary>
    private static readonly HashSet<string> AutoconfMethods = new(StringComparer.Ordinal) { "off", "none", "on", "any", "dhcp", "bootp", "rarp", "both" };

    public static readonly DiagnosticDescriptor BadAddress = SemanticDescriptors.Create(
        "XCFG0170", "Malformed IPv4 address", "{0}", DiagnosticSeverity.Error,
        "An IPv4 address is four decimal numbers from 0 to 255 separated by dots.");

    public static readonly DiagnosticDescriptor BadNetmask = SemanticDescriptors.Create(
        "XCFG0171", "Malformed netmask", "{0}", DiagnosticSeverity.Error,
        "A netmask is a dotted address whose one-bits come first and are contiguous (255.255.255.0), not a prefix length.");

    public static readonly DiagnosticDescriptor GatewayOutsideSubnet = SemanticDescriptors.Create(
        "XCFG0172", "Gateway outside the subnet", "{0}", DiagnosticSeverity.Warning,
        "A gateway must be reachable directly: inside the subnet given by the address and the netmask.");

    public static readonly DiagnosticDescriptor BadDhcp = SemanticDescriptors.Create(
        "XCFG0173", "Unknown dhcp or autoconfiguration value", "{0}", DiagnosticSeverity.Error,
        "xm wrote dhcp into the ip= argument's autoconf field; the kernel knows off, none, on, any, dhcp, bootp, rarp and both, and treats anything else as off.");

    public static readonly DiagnosticDescriptor BadHostName = SemanticDescriptors.Create(
        "XCFG0174", "Malformed host name", "{0}", DiagnosticSeverity.Warning,
        "Host names are dot-separated labels of letters, digits and hyphens (RFC 1123), each at most 63 characters.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(BadAddress, Source, "ip = \"192.0.2.300\"", "ip = \"192.0.2.30\""),
        Entry(BadNetmask, Source, "netmask = \"255.0.255.0\"", "netmask = \"255.255.255.0\""),
        Entry(GatewayOutsideSubnet, Source, "ip = \"192.0.2.11\"\nnetmask = \"255.255.255.0\"\ngateway = \"198.51.100.1\"", "ip = \"192.0.2.11\"\nnetmask = \"255.255.255.0\"\ngateway = \"192.0.2.254\""),
        Entry(BadDhcp, Source, "dhcp = \"yes\"", "dhcp = \"dhcp\""),
        Entry(BadHostName, "RFC 1123; " + Source, "hostname = \"web_1\"", "hostname = \"web-1\""),
    ];

    /// <summary>Reads the boot settings.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Boot;

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        if (context.Model.Kind != ConfigKind.Domain)
        {
            return;
        }

        var boot = context.Model.Boot;
        var ip = Address(context, boot.Ip, "ip");
        var gateway = Address(context, boot.Gateway, "gateway");
        Ipv4Address? netmask = null;
        // xm's defaults for netmask, gateway, hostname and ip are '' (create.py): an empty value is an unset one.
        if (boot.Netmask is { Text.Length: > 0 } netmaskSetting)
        {
            var parsed = NetworkValueParser.ParseNetmask(netmaskSetting.Text);
            Report(context, BadNetmask, netmaskSetting, "netmask", parsed.Problems);
            netmask = parsed.Value;
        }

        if (ip is { } client && gateway is { } router && netmask is { } mask && (client.Value & mask.Value) != (router.Value & mask.Value))
        {
            context.Report(GatewayOutsideSubnet, boot.Gateway!.Syntax.Span,
                $"`gateway` {boot.Gateway.Text} is outside the subnet of `ip` {boot.Ip!.Text} with netmask {boot.Netmask!.Text}: the guest cannot reach it; use a router on that subnet");
        }

        if (boot.Dhcp is { } dhcp && !AutoconfMethods.Contains(dhcp.Text))
        {
            context.Report(BadDhcp, dhcp.Syntax.Span, $"`dhcp` is `{dhcp.Text}`, which the kernel does not know and treats as off: write `dhcp` or `off`");
        }

        // The kernel only copies the host name into utsname (ipconfig.c), so a bad one never stops the boot: a
        // warning, as for the host name field of an ip= argument.
        if (boot.Hostname is { Text.Length: > 0 } hostname)
        {
            Report(context, BadHostName, hostname, "hostname", NetworkValueParser.CheckHostName(hostname.Text).Select(problem => problem with { IsFatal = false }));
        }

        CheckIpArgument(context, boot);
    }

    private static Ipv4Address? Address(RuleContext context, ScalarSetting? setting, string key)
    {
        if (setting is null || setting.Text.Length == 0)
        {
            return null;
        }

        var parsed = NetworkValueParser.ParseIpv4(setting.Text);
        Report(context, BadAddress, setting, key, parsed.Problems);
        return parsed.Value;
    }

    private static void Report<TKind>(RuleContext context, DiagnosticDescriptor descriptor, ScalarSetting setting, string key, IEnumerable<SpecProblem<TKind>> problems)
        where TKind : struct, Enum
    {
        foreach (var problem in problems)
        {
            var diagnostic = new XenCfg.Syntax.Diagnostics.ConfigDiagnostic(descriptor, setting.SourceSpan(problem.Span),
                problem.IsFatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, [$"`{key}`: {problem.Message}"]);
            context.Report(diagnostic);
        }
    }

    /// <summary>An ip= kernel argument in extra or cmdline, field by field.</summary>
    private static void CheckIpArgument(RuleContext context, BootSettings boot)
    {
        if (boot.FindArgument("ip") is not { Value: { } value } argument || boot.ArgumentsSetting is not { } setting)
        {
            return;
        }

        foreach (var problem in KernelArgumentParser.ParseIp(value).Problems)
        {
            var descriptor = problem.Kind switch
            {
                KernelArgumentProblemKind.BadNetmask => BadNetmask,
                KernelArgumentProblemKind.GatewayOutsideSubnet => GatewayOutsideSubnet,
                KernelArgumentProblemKind.UnknownAutoconf => BadDhcp,
                KernelArgumentProblemKind.BadHostName => BadHostName,
                _ => BadAddress,
            };
            var span = setting.SourceSpan(new TextSpan(argument.ValueSpan.Start + problem.Span.Start, problem.Span.Length));
            // An unknown method means "off" to the kernel: no address at boot, the same mistake as a bad dhcp key.
            var severity = problem.IsFatal || problem.Kind == KernelArgumentProblemKind.UnknownAutoconf ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            context.Report(new XenCfg.Syntax.Diagnostics.ConfigDiagnostic(descriptor, span, severity, ["`ip=`: " + problem.Message]));
        }
    }
}
