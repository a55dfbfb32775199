using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules.Nfs;

/// <summary>
/// An NFS-root guest (<c>root = "/dev/nfs"</c>) needs to know its server and directory, a network interface,
/// and an address at boot. Under xm these came from nfs_server/nfs_root/ip/dhcp (tools/python/xen/xm/create.py
/// before Xen 4.5); under xl they must be kernel arguments in extra (Linux
/// Documentation/admin-guide/nfs/nfsroot.rst).
/// </summary>
public sealed class NfsRootRule : ConfigRule
{
    private const string KernelDoc = "Linux Documentation/admin-guide/nfs/nfsroot.rst";
    private const string XmSource = "Xen before 4.5: tools/python/xen/xm/create.py (preprocess_nfs, preprocess_ip)";

    public static readonly DiagnosticDescriptor WithoutServer = SemanticDescriptors.Create(
        "XCFG0160", "NFS root without server or path",
        "{0}",
        DiagnosticSeverity.Error,
        "With root on NFS the kernel needs nfsroot=SERVER:PATH; without it, it looks for /tftpboot/<its address> on the boot server.");

    public static readonly DiagnosticDescriptor BadServer = SemanticDescriptors.Create(
        "XCFG0161", "NFS server is not an address",
        "{0}",
        DiagnosticSeverity.Error,
        "The kernel's nfsroot= takes a dotted-quad IPv4 address; it does not resolve host names (a name becomes part of the path).");

    public static readonly DiagnosticDescriptor BadPath = SemanticDescriptors.Create(
        "XCFG0162", "NFS root path not usable",
        "{0}",
        DiagnosticSeverity.Error,
        "The exported root directory must be an absolute path on the server, not a placeholder copied from documentation.");

    public static readonly DiagnosticDescriptor WithoutVif = SemanticDescriptors.Create(
        "XCFG0163", "NFS root without a network interface",
        "`root` is `/dev/nfs` but the domain has no `vif`: the guest has no network to reach its root file system; add `vif = [ 'bridge=xenbr0' ]`",
        DiagnosticSeverity.Error,
        "An NFS root is mounted over the network, so the guest needs at least one network interface.");

    public static readonly DiagnosticDescriptor WithoutAddress = SemanticDescriptors.Create(
        "XCFG0165", "NFS root without an address at boot",
        "{0}",
        DiagnosticSeverity.Warning,
        "The kernel must configure its interface before mounting an NFS root: a static address or DHCP on the ip= argument (xm: ip or dhcp).");

    public static readonly DiagnosticDescriptor WithoutNfsRoot = SemanticDescriptors.Create(
        "XCFG0164", "NFS settings without an NFS root",
        "`{0}` is set but `root` {1}, so the kernel does not mount its root over NFS: set `root = \"/dev/nfs\"`, or remove `{0}`",
        DiagnosticSeverity.Warning,
        "nfs_server, nfs_root and nfsroot= only matter when root is /dev/nfs.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(WithoutServer, KernelDoc + "; " + XmSource, "root = \"/dev/nfs\"\nvif = [ '' ]\nextra = \"ip=dhcp\"", "root = \"/dev/nfs\"\nvif = [ '' ]\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\""),
        Entry(BadServer, KernelDoc, "nfs_server = \"nfs.example.org\"", "nfs_server = \"192.0.2.1\""),
        Entry(BadPath, KernelDoc + "; the old Xen manual's placeholder `/path/to/root`", "nfs_root = \"/path/to/root\"", "nfs_root = \"/export/vm1\""),
        Entry(WithoutVif, KernelDoc, "root = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\"", "root = \"/dev/nfs\"\nvif = [ 'bridge=xenbr0' ]\nextra = \"nfsroot=192.0.2.1:/export/vm1 ip=dhcp\""),
        Entry(WithoutAddress, KernelDoc + "; " + XmSource, "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"", "root = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"\ndhcp = \"dhcp\""),
        Entry(WithoutNfsRoot, KernelDoc, "root = \"/dev/xvda1\"\nnfs_server = \"192.0.2.1\"", "root = \"/dev/xvda1\""),
    ];

    /// <summary>Reads the boot settings and the network interfaces.</summary>
    public override IReadOnlySet<string> Keys { get; } = RuleKeys.Of(["vif"], RuleKeys.Boot);

    public override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    public override void Analyze(RuleContext context)
    {
        var model = context.Model;
        if (model.Kind != ConfigKind.Domain)
        {
            return;
        }

        var boot = model.Boot;
        CheckXmValues(context, boot);
        CheckNfsrootArgument(context, boot);
        if (!boot.IsNfsRoot)
        {
            ReportNfsWithoutNfsRoot(context, boot);
            return;
        }

        var rootSpan = boot.Root!.Syntax.Span;
        var nfsrootArgument = boot.FindArgument("nfsroot");
        if (context.Dialect == Dialect.Xm)
        {
            // preprocess_nfs tests Python truth: an empty nfs_root adds nothing, an empty nfs_server counts as unset.
            var hasNfsRoot = !string.IsNullOrEmpty(boot.NfsRoot?.Text);
            var hasNfsServer = !string.IsNullOrEmpty(boot.NfsServer?.Text);
            if (!hasNfsRoot && nfsrootArgument is null)
            {
                var why = !hasNfsServer ? "neither `nfs_server` and `nfs_root` nor `nfsroot=` in `extra` say" : "`nfs_server` is set but `nfs_root` is not, so xm adds no `nfsroot=`; nothing says";
                context.Report(WithoutServer, rootSpan, $"`root` is `/dev/nfs` but {why} where the root file system is: the kernel will look for /tftpboot/<its address> on the boot server; set `nfs_server` and `nfs_root`");
            }
            else if (hasNfsRoot && !hasNfsServer)
            {
                var server = boot.NfsServer is null ? "without `nfs_server`" : "but `nfs_server` is empty";
                context.Report(WithoutServer, boot.NfsRoot!.Setting.Syntax.Key.Span, $"`nfs_root` is set {server}: xm refuses to start the guest (\"Must set nfs root and nfs server\"); add `nfs_server = \"SERVER-IP\"`");
            }
        }
        else if (nfsrootArgument is null)
        {
            var ignored = boot.NfsServer is not null || boot.NfsRoot is not null ? " (xl ignores `nfs_server` and `nfs_root`)" : string.Empty;
            context.Report(WithoutServer, rootSpan, $"`root` is `/dev/nfs` but the kernel command line has no `nfsroot=`{ignored}: the guest will look for /tftpboot/<its address> on the boot server; add `nfsroot=SERVER:/PATH` to `extra`");
        }

        // No interface: no vif, an empty list, or a single string (which xl ignores); not a list xm computes in Python.
        if (model.Vifs.Count == 0 && !model.HasComputedListItems("vif"))
        {
            context.Report(WithoutVif, rootSpan);
        }

        // A missing address is a problem of its own: adding a vif does not give the guest one.
        CheckAddressAtBoot(context, boot, rootSpan);
    }

    private static void CheckAddressAtBoot(RuleContext context, BootSettings boot, Microsoft.CodeAnalysis.Text.TextSpan rootSpan)
    {
        if (boot.FindArgument("ip") is not null)
        {
            return;
        }

        if (context.Dialect == Dialect.Xm)
        {
            var dhcp = boot.Dhcp?.Text ?? "off";
            if (string.IsNullOrEmpty(boot.Ip?.Text) && dhcp == "off")
            {
                context.Report(WithoutAddress, rootSpan, "`root` is `/dev/nfs` but neither `ip` nor `dhcp` is set, so xm passes no `ip=`: the guest gets an address only if its kernel autoconfigures by default; set `dhcp = \"dhcp\"` or a static `ip`");
            }
        }
        else
        {
            context.Report(WithoutAddress, rootSpan, "`root` is `/dev/nfs` but the kernel command line has no `ip=`: the guest gets an address only if its kernel autoconfigures by default; add `ip=dhcp` (or a static `ip=CLIENT::GATEWAY:NETMASK`) to `extra`");
        }
    }

    /// <summary>xm's nfs_server and nfs_root values.</summary>
    private static void CheckXmValues(RuleContext context, BootSettings boot)
    {
        if (boot.NfsServer is { } server)
        {
            var span = server.Syntax.Span;
            if (server.Text.Length == 0)
            {
                context.Report(BadServer, span, "`nfs_server` is empty: there is no server to mount the root file system from; write the server's IPv4 address");
            }
            else if (NetworkValueParser.ParseIpv4(server.Text).Value is null)
            {
                var isName = NetworkValueParser.CheckHostName(server.Text).Count == 0 && server.Text.Any(char.IsAsciiLetter);
                context.Report(BadServer, span, isName
                    ? $"`nfs_server` is the host name `{server.Text}`, but the kernel does not resolve names in `nfsroot=`: write the server's IPv4 address"
                    : $"`nfs_server` is `{server.Text}`, which is not an IPv4 address: write the server's address as four numbers, e.g. `192.0.2.1`");
            }
        }

        if (boot.NfsRoot is { } root)
        {
            CheckPath(context, root.Text, root.Syntax.Span, "nfs_root");
        }
    }

    /// <summary>The server and path of an nfsroot= kernel argument in extra/cmdline.</summary>
    private static void CheckNfsrootArgument(RuleContext context, BootSettings boot)
    {
        if (boot.FindArgument("nfsroot") is not { Value: { } value } argument || boot.ArgumentsSetting is not { } setting)
        {
            return;
        }

        var parsed = KernelArgumentParser.ParseNfsRoot(value);
        foreach (var problem in parsed.Problems)
        {
            var span = setting.SourceSpan(new Microsoft.CodeAnalysis.Text.TextSpan(argument.ValueSpan.Start + problem.Span.Start, problem.Span.Length));
            var descriptor = problem.Kind == KernelArgumentProblemKind.RelativePath ? BadPath : BadServer;
            context.Report(descriptor, span, "`nfsroot=`: " + problem.Message);
        }

        if (parsed.Problems.Count == 0)
        {
            CheckPath(context, parsed.Path.Value, setting.SourceSpan(new Microsoft.CodeAnalysis.Text.TextSpan(argument.ValueSpan.Start + parsed.Path.Span.Start, parsed.Path.Span.Length)), "nfsroot=");
        }
    }

    private static void CheckPath(RuleContext context, string path, Microsoft.CodeAnalysis.Text.TextSpan span, string what)
    {
        if (path.Length == 0)
        {
            context.Report(BadPath, span, $"`{what}` is empty: write the directory the server exports for this guest, e.g. `/export/vm1`");
        }
        else if (IsPlaceholder(path))
        {
            context.Report(BadPath, span, $"`{what}` is `{path}`, a placeholder from documentation: write the directory the server really exports for this guest");
        }
        else if (!path.StartsWith('/'))
        {
            context.Report(BadPath, span, $"`{what}` is the relative path `{path}`: the export must be an absolute path on the server, e.g. `/{path}`");
        }
    }

    /// <summary>
    /// Placeholders people copy from manuals: the old Xen manual's `/path/to/root` (the words path and to as whole
    /// path components, so /srv/path/tomcat is a real path), or `&lt;...&gt;`.
    /// </summary>
    private static bool IsPlaceholder(string path) =>
        $"/{path}/".Contains("/path/to/", StringComparison.OrdinalIgnoreCase)
        || (path.Contains('<', StringComparison.Ordinal) && path.Contains('>', StringComparison.Ordinal));

    private static void ReportNfsWithoutNfsRoot(RuleContext context, BootSettings boot)
    {
        var rootText = boot.Root is null ? "is not set" : $"is `{boot.Root.Text}`, not `/dev/nfs`";
        foreach (var setting in new[] { boot.NfsServer, boot.NfsRoot }.OfType<ScalarSetting>())
        {
            context.Report(WithoutNfsRoot, setting.Setting.Syntax.Key.Span, setting.Setting.Name, rootText);
        }

        if (boot.FindArgument("nfsroot") is { } argument && boot.ArgumentsSetting is { } arguments)
        {
            context.Report(WithoutNfsRoot, arguments.SourceSpan(argument.Span), "nfsroot=", rootText);
        }
    }
}
