using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// Under xl, a key only xm read: xl ignores it without a word, which is how an xm-era NFS-root guest ends up
/// booting with no <c>nfsroot=</c> at all. Each key says what to write instead; one note shows the kernel command
/// line xm would have built and the <c>extra</c> that gives it under xl (xm/create.py preprocess_ip and
/// preprocess_nfs, before Xen 4.5).
/// </summary>
public sealed class XmOnlyKeyRule : ConfigRule
{
    public static readonly DiagnosticDescriptor IgnoredByXl = SemanticDescriptors.Create(
        "XCFG0190", "xm-only key ignored by xl",
        "xl silently ignores `{0}`, which only xm read: {1}",
        DiagnosticSeverity.Warning,
        "xl never reads the keys that only xm had, so their effect is lost without any message.");

    public static readonly DiagnosticDescriptor XmCommandLine = SemanticDescriptors.Create(
        "XCFG0191", "Kernel command line under xm",
        "under xm this guest booted with the kernel command line `{0}`; to get it under xl write `{1}`",
        DiagnosticSeverity.Info,
        "xm turned ip, netmask, gateway, hostname, interface, dhcp, nfs_server and nfs_root into the ip= and nfsroot= kernel arguments; under xl they must be written in extra.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(IgnoredByXl, "Xen docs/man/xl.cfg.5.pod.in (no such key); tools/python/xen/xm/create.py before Xen 4.5", "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"", "root = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\""),
        Entry(XmCommandLine, "Xen before 4.5: tools/python/xen/xm/create.py (preprocess_ip, preprocess_nfs) and xend/XendConfig.py", "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"\ndhcp = \"dhcp\"", "root = \"/dev/nfs\"\nextra = \"ip=:192.0.2.1::::eth0:dhcp nfsroot=192.0.2.1:/export/vm1\""),
    ];

    /// <summary>Reads the xm-only keys, in the order keys first appear, and what the boot settings read.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(KeyCatalog.All.Where(info => info.IsXmOnly).Select(info => info.Name), RuleKeys.Boot);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement | RuleReads.KeyOrder;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        if (model.Kind != ConfigKind.Domain || context.Dialect != Dialect.Xl)
        {
            return;
        }

        Setting? firstNetworkKey = null;
        foreach (var key in model.Settings.Keys)
        {
            if (KeyCatalog.Find(key) is not { IsXmOnly: true } info || model.Settings.LastSetting(key) is not { } setting)
            {
                continue;
            }

            context.Report(IgnoredByXl, setting.Syntax.Key.Span, key, info.Replacement ?? "remove it");
            if (model.Boot.XmNetworkSettings.Any(network => network.Setting == setting))
            {
                firstNetworkKey ??= setting;
            }
        }

        // Only when the network keys changed what the kernel got: with dhcp off and no ip (or an ip= already in
        // extra) xm built the same command line as xl does, and there is nothing to move.
        if (firstNetworkKey is not null && model.Boot.XmCommandLine is { Length: > 0 } commandLine
            && Words(commandLine) != Words(model.Boot.XlCommandLine ?? string.Empty))
        {
            var extra = model.Boot.XlExtraForXmCommandLine ?? string.Empty;
            context.Report(XmCommandLine, firstNetworkKey.Syntax.Key.Span, commandLine, $"extra = \"{extra}\"");
        }
    }

    private static string Words(string commandLine) => string.Join(' ', commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
