using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

/// <summary>xm's ip/netmask/gateway/hostname/dhcp keys, and the same checks on an ip= argument in extra (or cmdline).</summary>
public class NetworkSettingsRuleTests
{
    private const string Head = "name = 'a'\nkernel = '/boot/vmlinuz'\n";

    [Theory]
    [InlineData(Dialect.Xl)]
    [InlineData(Dialect.Xm)]
    public void An_octet_above_255_is_an_error_on_the_octet(Dialect dialect) =>
        RuleAssert.ReportsWithSeverity("XCFG0170", Head + "ip = '192.0.2.[|300|]'\n", dialect, DiagnosticSeverity.Error,
            "`ip`: `300` is more than 255, the largest value of an IPv4 address octet. Fix the address.");

    [Fact]
    public void A_gateway_with_three_octets_is_not_an_address() =>
        RuleAssert.Reports("XCFG0170", Head + "gateway = '[|1.2.3|]'\n", Dialect.Xm,
            "`gateway`: `1.2.3` is not an IPv4 address. Write four decimal numbers 0–255 separated by dots, e.g. `192.0.2.10`.");

    [Fact]
    public void A_leading_zero_is_a_warning_because_readers_disagree() =>
        RuleAssert.ReportsWithSeverity("XCFG0170", Head + "ip = '[|010|].0.0.1'\n", Dialect.Xm, DiagnosticSeverity.Warning,
            "`ip`: `010` has a leading zero: the kernel reads it as decimal 10, but C's inet_aton (and tools built on it) reads it as octal 8. Write `10`.");

    [Fact]
    public void A_non_contiguous_netmask_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0171", Head + "netmask = '[|255.0.255.0|]'\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`netmask`: `255.0.255.0` is not a netmask: its one-bits are not contiguous. A mask with 16 one-bits is `255.255.0.0`.");

    [Fact]
    public void A_prefix_length_is_not_a_netmask() =>
        RuleAssert.Reports("XCFG0171", Head + "netmask = '[|24|]'\n", Dialect.Xm,
            "`netmask`: `24` is a prefix length, but the netmask must be dotted: the kernel would read `24` as 24.0.0.0. Write `255.255.255.0`.");

    [Fact]
    public void A_gateway_outside_the_subnet_is_a_warning_on_the_gateway() =>
        RuleAssert.ReportsWithSeverity("XCFG0172", Head + "ip = '192.0.2.11'\nnetmask = '255.255.255.0'\ngateway = [|'198.51.100.1'|]\n", Dialect.Xm, DiagnosticSeverity.Warning,
            "`gateway` 198.51.100.1 is outside the subnet of `ip` 192.0.2.11 with netmask 255.255.255.0: the guest cannot reach it; use a router on that subnet");

    [Fact]
    public void Without_a_netmask_the_subnet_is_unknown() =>
        RuleAssert.Silent("XCFG0172", Head + "ip = '192.0.2.11'\ngateway = '198.51.100.1'\n", Dialect.Xm);

    [Fact]
    public void An_unknown_dhcp_value_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0173", Head + "dhcp = [|'yes'|]\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`dhcp` is `yes`, which the kernel does not know and treats as off: write `dhcp` or `off`");

    [Theory]
    [InlineData("off")]
    [InlineData("none")]
    [InlineData("on")]
    [InlineData("any")]
    [InlineData("dhcp")]
    [InlineData("bootp")]
    [InlineData("rarp")]
    [InlineData("both")]
    public void Every_kernel_autoconfiguration_method_is_a_dhcp_value(string method) =>
        RuleAssert.Silent("XCFG0173", Head + $"dhcp = '{method}'\n", Dialect.Xm);

    [Theory]
    [InlineData(Dialect.Xm)]
    [InlineData(Dialect.Xl)]
    public void A_bad_host_name_is_a_warning_as_in_an_ip_argument(Dialect dialect) =>
        RuleAssert.ReportsWithSeverity("XCFG0174", Head + "hostname = '[|web_1|]'\n", dialect, DiagnosticSeverity.Warning,
            "`hostname`: `web_1` is not a valid host name: it has the label `web_1`, which has characters other than letters, digits and hyphens. Use letters, digits and inner hyphens, separated by dots.");

    [Fact]
    public void The_static_nfs_root_of_the_old_manual_is_fine()
    {
        const string text = "name = 'nfsguest'\nkernel = '/k'\nip = '192.0.2.11'\nnetmask = '255.255.255.0'\ngateway = '192.0.2.254'\nhostname = 'nfsguest'\n";
        foreach (var id in new[] { "XCFG0170", "XCFG0171", "XCFG0172", "XCFG0173", "XCFG0174" })
        {
            RuleAssert.Silent(id, text, Dialect.Xm);
            RuleAssert.Silent(id, text, Dialect.Xl);
        }
    }

    [Theory]
    [InlineData(Dialect.Xm)]
    [InlineData(Dialect.Xl)]
    public void Empty_values_are_xm_defaults_not_errors(Dialect dialect)
    {
        const string text = Head + "ip = ''\nnetmask = ''\ngateway = ''\nhostname = ''\n";
        foreach (var id in new[] { "XCFG0170", "XCFG0171", "XCFG0172", "XCFG0174" })
        {
            RuleAssert.Silent(id, text, dialect);
        }
    }

    // ---- the same checks on an ip= kernel argument ----

    [Fact]
    public void Each_field_of_an_ip_argument_is_checked_where_it_is() =>
        RuleAssert.Reports("XCFG0170", Head + "extra = 'ip=192.0.2.[|300|]:192.0.2.1::255.255.255.0'\n",
            "`ip=`: `300` is more than 255, the largest value of an IPv4 address octet. Fix the address. (It is the client address of `ip=`.)");

    [Fact]
    public void A_non_contiguous_netmask_in_ip_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0171", Head + "extra = 'ip=192.0.2.11:192.0.2.1:192.0.2.254:[|255.0.255.0|]:vm1:eth0:off'\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`ip=`: `255.0.255.0` is not a netmask: its one-bits are not contiguous. A mask with 16 one-bits is `255.255.0.0`.");

    [Fact]
    public void A_gateway_outside_the_subnet_in_ip_is_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0172", Head + "extra = 'ip=192.0.2.11::[|198.51.100.1|]:255.255.255.0::eth0:off'\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`ip=`: The gateway 198.51.100.1 is not in the subnet of 192.0.2.11 with netmask 255.255.255.0, so the guest cannot reach it. Check the gateway and the netmask.");

    [Fact]
    public void An_unknown_autoconf_method_in_ip_is_an_error_like_a_bad_dhcp_key() =>
        RuleAssert.ReportsWithSeverity("XCFG0173", Head + "extra = 'ip=192.0.2.11:::::eth0:[|yes|]'\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`ip=`: The kernel does not know the autoconfiguration method `yes` and treats it as `off`. Write one of off, none, on, any, dhcp, bootp, rarp or both.");

    [Fact]
    public void A_bad_host_name_in_ip_is_a_warning() =>
        RuleAssert.ReportsWithSeverity("XCFG0174", Head + "extra = 'ip=192.0.2.11::::[|web_1|]:eth0:off'\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`ip=`: `web_1` is not a valid host name: it has the label `web_1`, which has characters other than letters, digits and hyphens. Use letters, digits and inner hyphens, separated by dots.");

    [Fact]
    public void An_ip_argument_in_cmdline_is_checked_under_xl() =>
        RuleAssert.Reports("XCFG0171", Head + "cmdline = 'root=/dev/xvda1 ip=192.0.2.11::192.0.2.254:[|24|]::eth0:off'\n",
            "`ip=`: `24` is a prefix length, but the netmask must be dotted: the kernel would read `24` as 24.0.0.0. Write `255.255.255.0`.");

    [Fact]
    public void Arguments_after_a_double_dash_belong_to_init() =>
        RuleAssert.Silent("XCFG0170", Head + "extra = 'quiet -- ip=bogus'\n");

    [Theory]
    [InlineData("ip=dhcp")]
    [InlineData("ip=off")]
    [InlineData("ip=192.0.2.11:192.0.2.1:192.0.2.254:255.255.255.0:vm1:eth0:off")]
    [InlineData("ip=:::::eth0:dhcp")]
    [InlineData("ip=192.0.2.11::192.0.2.254:255.255.255.0::eth0:off:192.0.2.53:192.0.2.54:192.0.2.123")]
    public void Valid_ip_arguments_are_fine(string argument)
    {
        var text = Head + $"extra = '{argument}'\n";
        foreach (var id in new[] { "XCFG0170", "XCFG0171", "XCFG0172", "XCFG0173", "XCFG0174" })
        {
            RuleAssert.Silent(id, text);
        }
    }

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0170", "ip = '192.0.2.300'\n", Dialect.Xl, "/etc/xen/xl.conf");
}
