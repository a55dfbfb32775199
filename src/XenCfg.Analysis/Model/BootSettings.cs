using XenCfg.Analysis.Specs.Values;

namespace XenCfg.Analysis.Model;

/// <summary>
/// How the guest kernel is started, with xm's network keys: direct kernel boot (kernel, ramdisk, root, extra,
/// cmdline), a bootloader, and xm's ip/netmask/gateway/hostname/interface/dhcp/nfs_server/nfs_root.
/// </summary>
public sealed class BootSettings
{
    internal BootSettings(SemanticModel model)
    {
        Kernel = model.GetScalar("kernel");
        Ramdisk = model.GetScalar("ramdisk");
        Bootloader = model.GetScalar("bootloader");
        Root = model.GetScalar("root");
        Extra = model.GetScalar("extra");
        Cmdline = model.GetScalar("cmdline");
        Ip = model.GetScalar("ip");
        Netmask = model.GetScalar("netmask");
        Gateway = model.GetScalar("gateway");
        Hostname = model.GetScalar("hostname");
        Interface = model.GetScalar("interface");
        Dhcp = model.GetScalar("dhcp");
        NfsServer = model.GetScalar("nfs_server");
        NfsRoot = model.GetScalar("nfs_root");
        RootValue = Root is null ? null : KernelArgumentParser.ParseRoot(Root.Text, model.Dialect == Syntax.Dialect.Xm ? Toolstack.Xm : Toolstack.Xl);
    }

    public ScalarSetting? Kernel { get; }

    public ScalarSetting? Ramdisk { get; }

    public ScalarSetting? Bootloader { get; }

    public ScalarSetting? Root { get; }

    /// <summary>The parsed <c>root</c> value: the device and any further kernel words.</summary>
    public RootValue? RootValue { get; }

    public ScalarSetting? Extra { get; }

    public ScalarSetting? Cmdline { get; }

    public ScalarSetting? Ip { get; }

    public ScalarSetting? Netmask { get; }

    public ScalarSetting? Gateway { get; }

    public ScalarSetting? Hostname { get; }

    public ScalarSetting? Interface { get; }

    public ScalarSetting? Dhcp { get; }

    public ScalarSetting? NfsServer { get; }

    public ScalarSetting? NfsRoot { get; }

    /// <summary>True when the guest mounts its root file system over NFS (<c>root = "/dev/nfs"</c>).</summary>
    public bool IsNfsRoot => RootValue?.Kind == RootDeviceKind.Nfs;

    /// <summary>The xm-only network and NFS keys that are set (xl ignores them all).</summary>
    public IEnumerable<ScalarSetting> XmNetworkSettings =>
        new[] { Ip, Netmask, Gateway, Hostname, Interface, Dhcp, NfsServer, NfsRoot }.OfType<ScalarSetting>();

    /// <summary>
    /// The kernel command line xl passes: <c>cmdline</c> verbatim if set, else <c>root=ROOT EXTRA</c>
    /// (tools/xl/xl_parse.c, parse_cmdline); null when none of the three is set.
    /// </summary>
    public string? XlCommandLine =>
        Cmdline?.Text
        ?? (Root, Extra) switch
        {
            ({ } root, { } extra) => $"root={root.Text} {extra.Text}",
            ({ } root, null) => $"root={root.Text}",
            (null, { } extra) => extra.Text,
            _ => null,
        };

    /// <summary>
    /// The kernel command line xm and xend built from the same file (Xen before 4.5: xm/create.py preprocess_ip
    /// and preprocess_nfs, then xend/XendConfig.py): <c>root=ROOT ip=... nfsroot=SERVER:PATH EXTRA</c>, where
    /// <c>ip=</c> is <c>IP:NFS_SERVER:GATEWAY:NETMASK:HOSTNAME:INTERFACE:DHCP</c> (127.0.255.255 standing in for a
    /// missing server) when <c>ip</c> is set or <c>dhcp</c> is not "off". Null when none of these keys is set.
    /// </summary>
    public string? XmCommandLine
    {
        get
        {
            var dhcp = Dhcp?.Text ?? "off";
            var ip = Ip?.Text ?? string.Empty;
            var args = Extra?.Text ?? string.Empty;
            if (NfsRoot is { } nfsRoot)
            {
                args = $"nfsroot={NfsServer?.Text ?? string.Empty}:{nfsRoot.Text} {args}";
            }

            if (ip.Length > 0 || dhcp != "off")
            {
                var cmdlineIp = string.Join(':', ip, NfsServer?.Text is { Length: > 0 } server ? server : "127.0.255.255",
                    Gateway?.Text ?? string.Empty, Netmask?.Text ?? string.Empty, Hostname?.Text ?? string.Empty, Interface?.Text ?? "eth0", dhcp);
                if (!args.Contains("ip=", StringComparison.Ordinal))
                {
                    args = $"ip={cmdlineIp} {args}";
                }
            }

            var root = Root?.Text is { } rootText ? (rootText.StartsWith("root=", StringComparison.Ordinal) ? rootText[5..] : rootText) : null;
            if (root is { Length: > 0 } && !args.Contains("root=", StringComparison.Ordinal))
            {
                args = $"root={root} {args}";
            }

            args = args.Trim();
            return args.Length == 0 && Cmdline is null ? null : args;
        }
    }
}
