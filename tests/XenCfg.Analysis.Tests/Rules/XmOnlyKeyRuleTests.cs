using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>
/// xm-only keys under xl (XCFG0190), and the kernel command line xm would have built (XCFG0191). The expected
/// command lines are worked out by hand from Xen before 4.5 (git show 9e8672f1c3^): xm/create.py preprocess_nfs
/// (nfsroot=SERVER:ROOT put in front of extra), preprocess_ip (IP:SERVER-or-127.0.255.255:GW:MASK:HOST:IF:DHCP
/// when ip is set or dhcp is not 'off'), configure_image (strip('ip=', ...) and strip('root=', ...)), then
/// xend/XendConfig.py update_with_image_sxp (ip= in front unless re.search('ip=[^ ]+', args); then root= in front
/// unless re.search('root=', args), which nfsroot= also matches).
/// </summary>
public class XmOnlyKeyRuleTests
{
    private const string IpFields = "e.g. `extra = \"ip=IP:SERVER:GATEWAY:NETMASK:HOSTNAME:eth0:off\"`.";
    private const string Nfs = "Write `root = \"/dev/nfs\"` and `extra = \"nfsroot=SERVER:PATH ...\"`; xl passes nothing for";

    private static string Ignored(string key, string replacement) => $"xl silently ignores `{key}`, which only xm read: {replacement}";

    private static string CommandLine(string xm, string extra) =>
        $"under xm this guest booted with the kernel command line `{xm}`; to get it under xl write `extra = \"{extra}\"`";

    [Theory]
    [InlineData("ip", "'192.0.2.11'", "Put the address in the first field of the kernel `ip=` argument in `extra`, " + IpFields)]
    [InlineData("netmask", "'255.255.255.0'", "Put the netmask in the fourth field of the kernel `ip=` argument in `extra`, " + IpFields)]
    [InlineData("gateway", "'192.0.2.254'", "Put the gateway in the third field of the kernel `ip=` argument in `extra`, " + IpFields)]
    [InlineData("hostname", "'vm1'", "Put the host name in the fifth field of the kernel `ip=` argument in `extra`, " + IpFields)]
    [InlineData("interface", "'eth1'", "Put the interface in the sixth field of the kernel `ip=` argument in `extra`, " + IpFields)]
    [InlineData("dhcp", "'dhcp'", "Write `extra = \"ip=dhcp\"` (after `nfsroot=...` for an NFS root).")]
    [InlineData("nfs_server", "'192.0.2.1'", Nfs + " `nfs_server`.")]
    [InlineData("nfs_root", "'/export/vm1'", Nfs + " `nfs_root`.")]
    [InlineData("parallel", "'none'", "Write `device_model_args_hvm = [ \"-parallel\", \"DEVICE\" ]`; xl has no parallel-port key.")]
    public void Each_xm_only_key_is_a_warning_under_xl_with_what_to_write_instead(string key, string value, string replacement) =>
        RuleAssert.ReportsWithSeverity("XCFG0190", $"name = 'a'\nkernel = '/k'\n[|{key}|] = {value}\n", Dialect.Xl, DiagnosticSeverity.Warning,
            Ignored(key, replacement));

    [Fact]
    public void Every_xm_only_key_is_reported_once_at_its_last_assignment() =>
        RuleAssert.Reports("XCFG0190", "name = 'a'\nip = '192.0.2.1'\n[|nfs_server|] = '192.0.2.1'\n[|ip|] = '192.0.2.11'\n[|vcpu_avail|] = 3\n",
            "xl silently ignores `nfs_server`, which only xm read: Write `root = \"/dev/nfs\"` and `extra = \"nfsroot=SERVER:PATH ...\"`; xl passes nothing for `nfs_server`.",
            "xl silently ignores `ip`, which only xm read: Put the address in the first field of the kernel `ip=` argument in `extra`, e.g. `extra = \"ip=IP:SERVER:GATEWAY:NETMASK:HOSTNAME:eth0:off\"`.",
            "xl silently ignores `vcpu_avail`, which only xm read: Set `vcpus` to the number of vCPUs online at start and `maxvcpus` to the total.");

    [Fact]
    public void The_static_nfs_root_of_the_old_manual_gets_ip_and_nfsroot_but_no_root_argument() =>
        RuleAssert.ReportsWithSeverity("XCFG0191",
            "name = 'nfsguest'\nkernel = '/k'\nvif = [ 'mac=00:16:3e:00:00:11, bridge=xenbr0' ]\nroot = '/dev/nfs'\n[|nfs_server|] = '192.0.2.1'\nnfs_root = '/export/vm1root'\n"
            + "ip = '192.0.2.11'\nnetmask = '255.255.255.0'\ngateway = '192.0.2.254'\nhostname = 'nfsguest'\n",
            Dialect.Xl, DiagnosticSeverity.Info,
            CommandLine("ip=192.0.2.11:192.0.2.1:192.0.2.254:255.255.255.0:nfsguest:eth0:off nfsroot=192.0.2.1:/export/vm1root",
                "ip=192.0.2.11:192.0.2.1:192.0.2.254:255.255.255.0:nfsguest:eth0:off nfsroot=192.0.2.1:/export/vm1root"));

    [Fact]
    public void Dhcp_leaves_the_client_address_empty_and_names_the_nfs_server() =>
        RuleAssert.Reports("XCFG0191",
            "name = 'a'\nkernel = '/k'\nvif = [ '' ]\nroot = '/dev/nfs'\n[|nfs_server|] = '192.0.2.1'\nnfs_root = '/export/nfsdhcp'\ndhcp = 'dhcp'\n",
            CommandLine("ip=:192.0.2.1::::eth0:dhcp nfsroot=192.0.2.1:/export/nfsdhcp", "ip=:192.0.2.1::::eth0:dhcp nfsroot=192.0.2.1:/export/nfsdhcp"));

    [Fact]
    public void Without_an_nfs_server_the_ip_argument_names_127_0_255_255_and_root_comes_first() =>
        RuleAssert.Reports("XCFG0191",
            "name = 'nbd4'\nkernel = '/k'\nvif = [ '' ]\ndisk = [ 'nbd:134.100.233.115 20004,hda1,w' ]\n[|dhcp|] = \"dhcp\"\nhostname = \"nbd4\"\nroot = \"/dev/hda1 ro\"\nextra = \"3\"\n",
            CommandLine("root=/dev/hda1 ro ip=:127.0.255.255:::nbd4:eth0:dhcp 3", "ip=:127.0.255.255:::nbd4:eth0:dhcp 3"));

    [Fact]
    public void A_static_address_goes_before_the_extra_arguments() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1 ro'\nextra = 'quiet'\n[|ip|] = '192.0.2.5'\n",
            CommandLine("root=/dev/xvda1 ro ip=192.0.2.5:127.0.255.255::::eth0:off quiet", "ip=192.0.2.5:127.0.255.255::::eth0:off quiet"));

    [Fact]
    public void An_empty_interface_is_an_empty_field() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\n[|interface|] = ''\ndhcp = 'dhcp'\n",
            CommandLine("root=/dev/xvda1 ip=:127.0.255.255:::::dhcp", "ip=:127.0.255.255:::::dhcp"));

    [Fact]
    public void A_leading_root_prefix_in_root_is_dropped_as_xm_did() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = 'root=/dev/xvda1'\n[|dhcp|] = 'dhcp'\n",
            CommandLine("root=/dev/xvda1 ip=:127.0.255.255::::eth0:dhcp", "ip=:127.0.255.255::::eth0:dhcp"));

    [Fact]
    public void A_leading_ip_prefix_in_ip_is_dropped_as_xm_did() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\n[|ip|] = 'ip=192.0.2.5'\n",
            CommandLine("root=/dev/xvda1 ip=192.0.2.5:127.0.255.255::::eth0:off", "ip=192.0.2.5:127.0.255.255::::eth0:off"));

    [Fact]
    public void An_nfs_server_without_nfs_root_still_fills_the_server_field_of_ip() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\n[|nfs_server|] = '192.0.2.1'\ndhcp = 'on'\n",
            CommandLine("root=/dev/xvda1 ip=:192.0.2.1::::eth0:on", "ip=:192.0.2.1::::eth0:on"));

    [Fact]
    public void A_root_argument_in_extra_makes_xend_leave_out_the_root_key() =>
        RuleAssert.Reports("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\nextra = 'root=/dev/xvda2 quiet'\n[|ip|] = '192.0.2.5'\n",
            CommandLine("ip=192.0.2.5:127.0.255.255::::eth0:off root=/dev/xvda2 quiet", "ip=192.0.2.5:127.0.255.255::::eth0:off root=/dev/xvda2 quiet"));

    [Fact]
    public void Nfs_root_without_a_server_made_xm_refuse_so_there_is_no_command_line()
    {
        const string text = "name = 'a'\nkernel = '/k'\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_root = '/export/a'\ndhcp = 'dhcp'\n";
        RuleAssert.Silent("XCFG0191", text);
        RuleAssert.Reports("XCFG0190", "name = 'a'\nkernel = '/k'\nvif = [ '' ]\nroot = '/dev/nfs'\n[|nfs_root|] = '/export/a'\n[|dhcp|] = 'dhcp'\n",
            "xl silently ignores `nfs_root`, which only xm read: Write `root = \"/dev/nfs\"` and `extra = \"nfsroot=SERVER:PATH ...\"`; xl passes nothing for `nfs_root`.",
            "xl silently ignores `dhcp`, which only xm read: Write `extra = \"ip=dhcp\"` (after `nfsroot=...` for an NFS root).");
    }

    [Fact]
    public void Keys_only_xm_read_that_are_not_network_keys_give_no_command_line() =>
        RuleAssert.Silent("XCFG0191", "name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\nparallel = 'none'\nvcpu_avail = 3\n");

    [Theory]
    [InlineData("hostname = 'vm1'\n")]
    [InlineData("dhcp = 'off'\nnetmask = '255.255.255.0'\ngateway = '192.0.2.254'\n")]
    [InlineData("extra = 'ip=dhcp'\ndhcp = 'dhcp'\n")]
    [InlineData("extra = 'vip=1'\ndhcp = 'dhcp'\n")]
    public void No_command_line_note_when_xm_built_the_same_line_as_xl(string settings)
    {
        var text = $"name = 'a'\nkernel = '/k'\nroot = '/dev/xvda1'\n{settings}";
        RuleAssert.Silent("XCFG0191", text);
        Assert.Contains(RuleAssert.Analyze(text), diagnostic => diagnostic.Id == "XCFG0190");
    }

    [Fact]
    public void Cmdline_alone_is_no_command_line_xm_built() =>
        RuleAssert.Silent("XCFG0191", "name = 'a'\nkernel = '/k'\ncmdline = 'console=hvc0'\nhostname = 'vm1'\n");

    [Fact]
    public void Nothing_is_said_under_xm_which_reads_these_keys()
    {
        const string text = "name = 'a'\nkernel = '/k'\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\ndhcp = 'dhcp'\nparallel = 'none'\n";
        RuleAssert.Silent("XCFG0190", text, Dialect.Xm);
        RuleAssert.Silent("XCFG0191", text, Dialect.Xm);
    }

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0190", "ip = '192.0.2.1'\n", Dialect.Xl, "/etc/xen/xl.conf");
}
