using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>
/// NFS root under both dialects: xm's nfs_server/nfs_root/ip/dhcp keys (create.py preprocess_nfs and
/// preprocess_ip before Xen 4.5), and the kernel's nfsroot=/ip= arguments in extra under xl (nfsroot.rst).
/// </summary>
public class NfsRootRuleTests
{
    private const string Head = "name = 'a'\nkernel = '/boot/vmlinuz'\n";
    private const string Vif = "vif = [ 'mac=00:16:3e:00:00:01' ]\n";
    private const string Tftpboot = "the guest will look for /tftpboot/<its address> on the boot server";

    // ---- XCFG0160: where is the root file system? ----

    [Fact]
    public void Under_xl_nfs_root_needs_nfsroot_in_extra() =>
        RuleAssert.ReportsWithSeverity("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\nextra = 'ip=dhcp'\n", Dialect.Xl, DiagnosticSeverity.Error,
            $"`root` is `/dev/nfs` but the kernel command line has no `nfsroot=`: {Tftpboot}; add `nfsroot=SERVER:/PATH` to `extra`");

    [Fact]
    public void Under_xl_the_xm_keys_do_not_count_and_the_message_says_so() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\nextra = 'ip=dhcp'\n",
            $"`root` is `/dev/nfs` but the kernel command line has no `nfsroot=` (xl ignores `nfs_server` and `nfs_root`): {Tftpboot}; add `nfsroot=SERVER:/PATH` to `extra`");

    [Fact]
    public void Under_xm_nfs_root_needs_nfs_server_and_nfs_root() =>
        RuleAssert.ReportsWithSeverity("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\ndhcp = 'dhcp'\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`root` is `/dev/nfs` but neither `nfs_server` and `nfs_root` nor `nfsroot=` in `extra` say where the root file system is: the kernel will look for /tftpboot/<its address> on the boot server; set `nfs_server` and `nfs_root`");

    [Fact]
    public void Under_xm_nfs_server_alone_adds_no_nfsroot() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\nnfs_server = '192.0.2.1'\ndhcp = 'dhcp'\n", Dialect.Xm,
            "`root` is `/dev/nfs` but `nfs_server` is set but `nfs_root` is not, so xm adds no `nfsroot=`; nothing says where the root file system is: the kernel will look for /tftpboot/<its address> on the boot server; set `nfs_server` and `nfs_root`");

    [Fact]
    public void Under_xm_nfs_root_without_nfs_server_makes_xm_refuse() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = '/dev/nfs'\n[|nfs_root|] = '/export/a'\ndhcp = 'dhcp'\n", Dialect.Xm,
            "`nfs_root` is set without `nfs_server`: xm refuses to start the guest (\"Must set nfs root and nfs server\"); add `nfs_server = \"SERVER-IP\"`");

    [Fact]
    public void Under_xm_an_empty_nfs_server_is_no_server_and_xm_refuses() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = '/dev/nfs'\nnfs_server = ''\n[|nfs_root|] = '/export/a'\ndhcp = 'dhcp'\n", Dialect.Xm,
            "`nfs_root` is set but `nfs_server` is empty: xm refuses to start the guest (\"Must set nfs root and nfs server\"); add `nfs_server = \"SERVER-IP\"`");

    [Fact]
    public void Under_xm_an_empty_nfs_root_adds_no_nfsroot() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\nnfs_server = '192.0.2.1'\nnfs_root = ''\ndhcp = 'dhcp'\n", Dialect.Xm,
            "`root` is `/dev/nfs` but `nfs_server` is set but `nfs_root` is not, so xm adds no `nfsroot=`; nothing says where the root file system is: the kernel will look for /tftpboot/<its address> on the boot server; set `nfs_server` and `nfs_root`");

    [Theory]
    [InlineData(Dialect.Xl)]
    [InlineData(Dialect.Xm)]
    public void Nfsroot_in_extra_says_where_the_root_is_in_both_dialects(Dialect dialect) =>
        RuleAssert.Silent("XCFG0160", Head + Vif + "root = '/dev/nfs'\nextra = 'nfsroot=192.0.2.1:/export/a ip=dhcp'\n", dialect);

    [Fact]
    public void Under_xl_cmdline_replaces_extra_so_nfsroot_must_be_in_cmdline() =>
        RuleAssert.Reports("XCFG0160", Head + Vif + "root = [|'/dev/nfs'|]\ncmdline = 'root=/dev/nfs ip=dhcp'\nextra = 'nfsroot=192.0.2.1:/export/a'\n",
            "`root` is `/dev/nfs` but the kernel command line has no `nfsroot=`: the guest will look for /tftpboot/<its address> on the boot server; add `nfsroot=SERVER:/PATH` to `extra`");

    [Fact]
    public void Under_xm_cmdline_is_ignored_and_extra_counts() =>
        RuleAssert.Silent("XCFG0160", Head + Vif + "root = '/dev/nfs'\ncmdline = 'console=hvc0'\nextra = 'nfsroot=192.0.2.1:/export/a ip=dhcp'\n", Dialect.Xm);

    [Fact]
    public void Under_xm_the_xm_keys_say_where_the_root_is() =>
        RuleAssert.Silent("XCFG0160", Head + Vif + "root = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\ndhcp = 'dhcp'\n", Dialect.Xm);

    // ---- XCFG0161: the server ----

    [Theory]
    [InlineData(Dialect.Xl)]
    [InlineData(Dialect.Xm)]
    public void An_empty_nfs_server_is_an_error_in_both_dialects(Dialect dialect) =>
        RuleAssert.ReportsWithSeverity("XCFG0161", Head + "root = '/dev/nfs'\nnfs_server = [|''|]\nnfs_root = '/export/a'\n", dialect, DiagnosticSeverity.Error,
            "`nfs_server` is empty: there is no server to mount the root file system from; write the server's IPv4 address");

    [Fact]
    public void A_host_name_as_nfs_server_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0161", Head + Vif + "root = '/dev/nfs'\nnfs_server = [|'nfs.example.org'|]\nnfs_root = '/export/a'\ndhcp = 'dhcp'\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`nfs_server` is the host name `nfs.example.org`, but the kernel does not resolve names in `nfsroot=`: write the server's IPv4 address");

    [Fact]
    public void A_server_that_is_not_an_address_is_an_error() =>
        RuleAssert.Reports("XCFG0161", Head + "nfs_server = [|'192.0.2'|]\n", Dialect.Xm,
            "`nfs_server` is `192.0.2`, which is not an IPv4 address: write the server's address as four numbers, e.g. `192.0.2.1`");

    [Fact]
    public void A_host_name_in_nfsroot_is_an_error_on_the_name() =>
        RuleAssert.ReportsWithSeverity("XCFG0161", Head + Vif + "root = '/dev/nfs'\nextra = 'nfsroot=[|nfs.example.org|]:/export/a ip=dhcp'\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`nfsroot=`: The kernel does not resolve host names: `nfs.example.org:` becomes part of the NFS path and the mount fails. Write the server's dotted-quad address, e.g. `nfsroot=192.0.2.1:/export/a`.");

    [Fact]
    public void The_xm_server_is_checked_under_xl_too_for_the_move_to_extra() =>
        RuleAssert.Reports("XCFG0161", Head + "root = '/dev/nfs'\nnfs_server = [|'nfs.example.org'|]\n",
            "`nfs_server` is the host name `nfs.example.org`, but the kernel does not resolve names in `nfsroot=`: write the server's IPv4 address");

    // ---- XCFG0162: the path ----

    [Fact]
    public void The_placeholder_of_the_old_manual_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0162", Head + Vif + "root = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = [|'/path/to/root'|]\ndhcp = 'dhcp'\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`nfs_root` is `/path/to/root`, a placeholder from documentation: write the directory the server really exports for this guest");

    [Theory]
    [InlineData("/path/to/root")]
    [InlineData("/PATH/TO/ROOT")]
    [InlineData("path/to/root")]
    [InlineData("/srv/path/to")]
    public void The_placeholder_is_found_as_whole_path_components(string path) =>
        RuleAssert.Reports("XCFG0162", Head + $"nfs_server = '192.0.2.1'\nnfs_root = [|'{path}'|]\n", Dialect.Xm,
            $"`nfs_root` is `{path}`, a placeholder from documentation: write the directory the server really exports for this guest");

    [Fact]
    public void A_relative_nfs_root_is_an_error() =>
        RuleAssert.Reports("XCFG0162", Head + Vif + "root = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = [|'export/a'|]\ndhcp = 'dhcp'\n", Dialect.Xm,
            "`nfs_root` is the relative path `export/a`: the export must be an absolute path on the server, e.g. `/export/a`");

    [Fact]
    public void An_angle_bracket_placeholder_in_nfsroot_is_an_error() =>
        RuleAssert.Reports("XCFG0162", Head + Vif + "root = '/dev/nfs'\nextra = 'nfsroot=192.0.2.1:[|/export/<guest>|] ip=dhcp'\n",
            "`nfsroot=` is `/export/<guest>`, a placeholder from documentation: write the directory the server really exports for this guest");

    [Fact]
    public void A_relative_path_in_nfsroot_is_an_error_on_the_path() =>
        RuleAssert.Reports("XCFG0162", Head + Vif + "root = '/dev/nfs'\nextra = 'nfsroot=192.0.2.1:[|export/a|] ip=dhcp'\n",
            "`nfsroot=`: The NFS root directory `export/a` is not absolute. Write the exported path from the server's root, e.g. `/export/a`.");

    [Theory]
    [InlineData("extra = 'nfsroot=192.0.2.1:/export/a,vers=3,tcp ip=dhcp'")]
    [InlineData("extra = 'nfsroot=/export/%s ip=dhcp'")]
    [InlineData("extra = 'nfsroot=192.0.2.1:/srv/nfs/pathological ip=dhcp'")]
    [InlineData("extra = 'nfsroot=192.0.2.1:/srv/path/tomcat ip=dhcp'")]
    [InlineData("extra = 'nfsroot=192.0.2.1:/export/path/topaz ip=dhcp'")]
    public void Absolute_paths_with_options_or_the_client_address_are_fine(string extra)
    {
        var text = Head + Vif + $"root = '/dev/nfs'\n{extra}\n";
        foreach (var id in new[] { "XCFG0160", "XCFG0161", "XCFG0162", "XCFG0163", "XCFG0164", "XCFG0165" })
        {
            RuleAssert.Silent(id, text);
        }
    }

    // ---- XCFG0163: a network interface ----

    [Theory]
    [InlineData(Dialect.Xl, "extra = 'nfsroot=192.0.2.1:/export/a ip=dhcp'")]
    [InlineData(Dialect.Xm, "nfs_server = '192.0.2.1'\nnfs_root = '/export/a'\ndhcp = 'dhcp'")]
    public void Nfs_root_without_a_vif_is_an_error_on_root(Dialect dialect, string settings) =>
        RuleAssert.ReportsWithSeverity("XCFG0163", Head + $"root = [|'/dev/nfs'|]\n{settings}\n", dialect, DiagnosticSeverity.Error,
            "`root` is `/dev/nfs` but the domain has no `vif`: the guest has no network to reach its root file system; add `vif = [ 'bridge=xenbr0' ]`");

    [Theory]
    [InlineData("vif = []\n")]
    [InlineData("vif = 'bridge=xenbr0'\n")]
    public void An_empty_vif_list_or_a_vif_xl_ignores_gives_no_interface(string vif) =>
        RuleAssert.Reports("XCFG0163", Head + vif + "root = [|'/dev/nfs'|]\nextra = 'nfsroot=192.0.2.1:/export/a ip=dhcp'\n",
            "`root` is `/dev/nfs` but the domain has no `vif`: the guest has no network to reach its root file system; add `vif = [ 'bridge=xenbr0' ]`");

    [Fact]
    public void A_vif_list_computed_by_python_is_not_judged() =>
        RuleAssert.Silent("XCFG0163", Head + "mac = '00:16:3e:00:00:01'\nvif = [ 'mac=%s' % mac ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\ndhcp = 'dhcp'\n", Dialect.Xm);

    [Fact]
    public void An_empty_vif_spec_is_an_interface_with_every_default() =>
        RuleAssert.Silent("XCFG0163", Head + "vif = [ '' ]\nroot = '/dev/nfs'\nextra = 'nfsroot=192.0.2.1:/export/a ip=dhcp'\n");

    // ---- XCFG0165: an address at boot ----

    [Fact]
    public void Under_xl_nfs_root_without_ip_in_extra_is_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0165", Head + Vif + "root = [|'/dev/nfs'|]\nextra = 'nfsroot=192.0.2.1:/export/a'\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`root` is `/dev/nfs` but the kernel command line has no `ip=`: the guest gets an address only if its kernel autoconfigures by default; add `ip=dhcp` (or a static `ip=CLIENT::GATEWAY:NETMASK`) to `extra`");

    [Theory]
    [InlineData("")]
    [InlineData("dhcp = 'off'\n")]
    [InlineData("ip = ''\n")]
    public void Under_xm_nfs_root_without_ip_or_dhcp_is_a_warning(string settings) =>
        RuleAssert.ReportsWithSeverity("XCFG0165", Head + Vif + $"root = [|'/dev/nfs'|]\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\n{settings}", Dialect.Xm, DiagnosticSeverity.Warning,
            "`root` is `/dev/nfs` but neither `ip` nor `dhcp` is set, so xm passes no `ip=`: the guest gets an address only if its kernel autoconfigures by default; set `dhcp = \"dhcp\"` or a static `ip`");

    [Theory]
    [InlineData("dhcp = 'dhcp'\n")]
    [InlineData("ip = '192.0.2.11'\n")]
    [InlineData("extra = 'ip=dhcp'\n")]
    public void Under_xm_ip_dhcp_or_an_ip_argument_give_an_address(string settings) =>
        RuleAssert.Silent("XCFG0165", Head + Vif + $"root = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\n{settings}", Dialect.Xm);

    [Fact]
    public void Under_xl_the_xm_dhcp_key_does_not_give_an_address() =>
        RuleAssert.Reports("XCFG0165", Head + Vif + "root = [|'/dev/nfs'|]\nextra = 'nfsroot=192.0.2.1:/export/a'\ndhcp = 'dhcp'\n",
            "`root` is `/dev/nfs` but the kernel command line has no `ip=`: the guest gets an address only if its kernel autoconfigures by default; add `ip=dhcp` (or a static `ip=CLIENT::GATEWAY:NETMASK`) to `extra`");

    [Theory]
    [InlineData(Dialect.Xl, "extra = 'nfsroot=192.0.2.1:/export/a'",
        "`root` is `/dev/nfs` but the kernel command line has no `ip=`: the guest gets an address only if its kernel autoconfigures by default; add `ip=dhcp` (or a static `ip=CLIENT::GATEWAY:NETMASK`) to `extra`")]
    [InlineData(Dialect.Xm, "nfs_server = '192.0.2.1'\nnfs_root = '/export/a'",
        "`root` is `/dev/nfs` but neither `ip` nor `dhcp` is set, so xm passes no `ip=`: the guest gets an address only if its kernel autoconfigures by default; set `dhcp = \"dhcp\"` or a static `ip`")]
    public void Without_a_vif_the_missing_address_is_reported_as_well(Dialect dialect, string settings, string noAddress)
    {
        var text = Head + $"root = [|'/dev/nfs'|]\n{settings}\n";
        RuleAssert.Reports("XCFG0163", text, dialect,
            "`root` is `/dev/nfs` but the domain has no `vif`: the guest has no network to reach its root file system; add `vif = [ 'bridge=xenbr0' ]`");
        RuleAssert.Reports("XCFG0165", text, dialect, noAddress);
    }

    // ---- XCFG0164: NFS settings without an NFS root ----

    [Fact]
    public void Xm_nfs_keys_without_nfs_root_are_warnings_on_each_key() =>
        RuleAssert.ReportsWithSeverity("XCFG0164", Head + "disk = [ 'phy:/dev/vg/a,xvda1,w' ]\nroot = '/dev/xvda1'\n[|nfs_server|] = '192.0.2.1'\n[|nfs_root|] = '/export/a'\n", Dialect.Xm, DiagnosticSeverity.Warning,
            "`nfs_server` is set but `root` is `/dev/xvda1`, not `/dev/nfs`, so the kernel does not mount its root over NFS: set `root = \"/dev/nfs\"`, or remove `nfs_server`",
            "`nfs_root` is set but `root` is `/dev/xvda1`, not `/dev/nfs`, so the kernel does not mount its root over NFS: set `root = \"/dev/nfs\"`, or remove `nfs_root`");

    [Fact]
    public void Nfsroot_in_extra_without_nfs_root_is_a_warning_on_the_argument() =>
        RuleAssert.Reports("XCFG0164", Head + "disk = [ '/dev/vg/a,,xvda1' ]\nroot = '/dev/xvda1'\nextra = 'console=hvc0 [|nfsroot=192.0.2.1:/export/a|]'\n",
            "`nfsroot=` is set but `root` is `/dev/xvda1`, not `/dev/nfs`, so the kernel does not mount its root over NFS: set `root = \"/dev/nfs\"`, or remove `nfsroot=`");

    // ---- files that are not domains ----

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0160", "root = '/dev/nfs'\n", Dialect.Xl, "/etc/xen/xl.conf");
}
