using XenCfg.Analysis.Specs.Values;

namespace XenCfg.Analysis.Model;

/// <summary>
/// How the guest kernel is started, with xm's network keys: direct kernel boot (kernel, ramdisk, root, extra,
/// cmdline), a bootloader, and xm's ip/netmask/gateway/hostname/interface/dhcp/nfs_server/nfs_root.
/// </summary>
public sealed partial class BootSettings
{
    private readonly XenCfg.Syntax.Dialect _dialect;

    internal BootSettings(SemanticModel model)
    {
        _dialect = model.Dialect;
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
        RootValue = Root is null ? null : KernelArgumentParser.ParseRoot(Root.Text, model.Dialect);
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

    /// <summary>
    /// The setting whose text holds the kernel arguments the user wrote: <c>cmdline</c> when set (xl then uses it
    /// verbatim), else <c>extra</c>. xm had no cmdline key, so for the xm dialect it is always <c>extra</c>.
    /// </summary>
    public ScalarSetting? ArgumentsSetting => (_dialect == XenCfg.Syntax.Dialect.Xl ? Cmdline : null) ?? Extra;

    /// <summary>The arguments in <see cref="ArgumentsSetting"/>, with spans relative to its text.</summary>
    public IReadOnlyList<KernelArgument> Arguments =>
        ArgumentsSetting is { } setting ? KernelArgumentParser.Tokenize(setting.Text, out _) : [];

    /// <summary>The last argument with this name (the kernel keeps the last), before any <c>--</c>.</summary>
    public KernelArgument? FindArgument(string name) => Arguments.LastOrDefault(argument => argument.Name == name && !argument.IsForInit);

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
            if (NfsRoot is { Text.Length: > 0 } nfsRoot)
            {
                if (string.IsNullOrEmpty(NfsServer?.Text))
                {
                    // xm refused to start the guest: "Must set nfs root and nfs server".
                    return null;
                }

                args = $"nfsroot={NfsServer.Text}:{nfsRoot.Text} {args}";
            }

            if (ip.Length > 0 || dhcp != "off")
            {
                var cmdlineIp = string.Join(':', ip, NfsServer?.Text is { Length: > 0 } server ? server : "127.0.255.255",
                    Gateway?.Text ?? string.Empty, Netmask?.Text ?? string.Empty, Hostname?.Text ?? string.Empty, Interface?.Text ?? "eth0", dhcp);

                // configure_image: strip('ip=', vals.cmdline_ip) drops an "ip=" the user wrote at the start of ip.
                if (cmdlineIp.StartsWith("ip=", StringComparison.Ordinal))
                {
                    cmdlineIp = cmdlineIp[3..];
                }

                if (!IpArgument().IsMatch(args))
                {
                    args = $"ip={cmdlineIp} {args}";
                }
            }

            // xend's test is a plain search for "root=", which an nfsroot= argument also matches: with nfs_root
            // set, xend left root=/dev/nfs off the command line. Reproduced as it was.
            var root = Root?.Text is { } rootText ? (rootText.StartsWith("root=", StringComparison.Ordinal) ? rootText[5..] : rootText) : null;
            if (root is { Length: > 0 } && !args.Contains("root=", StringComparison.Ordinal))
            {
                args = $"root={root} {args}";
            }

            args = args.Trim();
            return args.Length == 0 && Cmdline is null ? null : args;
        }
    }

    /// <summary>
    /// What to write in <c>extra</c> under xl to get <see cref="XmCommandLine"/>: xl adds <c>root=ROOT</c> itself,
    /// so it is the xm command line without its leading root argument.
    /// </summary>
    public string? XlExtraForXmCommandLine
    {
        get
        {
            if (XmCommandLine is not { } commandLine)
            {
                return null;
            }

            var root = Root?.Text is { } rootText ? "root=" + (rootText.StartsWith("root=", StringComparison.Ordinal) ? rootText[5..] : rootText) : null;
            return root is not null && commandLine.StartsWith(root, StringComparison.Ordinal) ? commandLine[root.Length..].TrimStart() : commandLine;
        }
    }

    /// <summary>xend's test for an ip= argument already present (XendConfig.py: <c>re.search(r'ip=[^ ]+', ...)</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("ip=[^ ]+")]
    private static partial System.Text.RegularExpressions.Regex IpArgument();
}
