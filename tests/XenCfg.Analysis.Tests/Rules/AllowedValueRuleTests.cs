using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class AllowedValueRuleTests
{
    private const string Actions = "`destroy`, `restart`, `rename-restart`, `preserve`, `coredump-destroy`, `coredump-restart`, `soft-reset`";

    [Fact]
    public void An_unknown_on_crash_action_is_an_error_on_the_value() =>
        RuleAssert.ReportsWithSeverity("XCFG0107", "name = 'a'\non_crash = [|\"reboot\"|]\n", Dialect.Xl, DiagnosticSeverity.Error,
            $"`on_crash` cannot be `reboot`: the toolstack refuses the domain; use one of {Actions}");

    [Fact]
    public void Xl_matches_actions_exactly() =>
        RuleAssert.Reports("XCFG0107", "name = 'a'\non_poweroff = [|'Destroy'|]\n",
            $"`on_poweroff` cannot be `Destroy`: the toolstack refuses the domain; use one of {Actions}");

    [Fact]
    public void An_unknown_type_is_an_error() =>
        RuleAssert.Reports("XCFG0107", "name = 'a'\ntype = [|'hvmx'|]\n",
            "`type` cannot be `hvmx`: the toolstack refuses the domain; use one of `pv`, `pvh`, `hvm`");

    [Theory]
    [InlineData("h")]
    [InlineData("hv")]
    [InlineData("p")]
    [InlineData("pvh")]
    [InlineData("")]
    public void Type_accepts_prefixes_as_xl_does(string type) =>
        RuleAssert.Silent("XCFG0107", $"name = 'a'\ntype = '{type}'\n");

    [Fact]
    public void Builder_accepts_prefixes_of_generic_and_hvm_under_xl()
    {
        RuleAssert.Silent("XCFG0107", "name = 'a'\nbuilder = 'gen'\n");
        RuleAssert.Reports("XCFG0107", "name = 'a'\nbuilder = [|'linux'|]\n",
            "`builder` cannot be `linux`: the toolstack refuses the domain; use one of `generic`, `hvm`");
    }

    [Fact]
    public void Xl_own_words_are_case_sensitive() =>
        RuleAssert.Reports("XCFG0107", "name = 'a'\nvga = [|\"STDVGA\"|]\n",
            "`vga` cannot be `STDVGA`: the toolstack refuses the domain; use one of `cirrus`, `stdvga`, `qxl`, `none`");

    [Theory]
    [InlineData("bios = \"SeaBIOS\"")]
    [InlineData("tsc_mode = \"Native\"")]
    [InlineData("gfx_passthru = \"IGD\"")]
    [InlineData("hdtype = \"AHCI\"")]
    public void Libxl_enum_words_are_matched_ignoring_case(string setting) =>
        RuleAssert.Silent("XCFG0107", $"name = 'a'\ntype = 'hvm'\n{setting}\n");

    [Fact]
    public void A_libxl_enum_word_that_does_not_exist_is_still_refused() =>
        RuleAssert.Reports("XCFG0107", "name = 'a'\ntype = 'hvm'\nbios = [|\"coreboot\"|]\n",
            "`bios` cannot be `coreboot`: the toolstack refuses the domain; use one of `rombios`, `seabios`, `ovmf`");

    [Theory]
    [InlineData("name = 'a'\non_crash = 'coredump-restart'\non_poweroff = 'soft-reset'\n")]
    [InlineData("name = 'a'\nviridian = [ 'base', 'all' ]\n")]
    [InlineData("name = 'a'\non_crash = [ 'restart' ]\n")]
    [InlineData("name = 'a'\nfirmware = '/usr/lib/xen/boot/custom.bin'\n")]
    public void Allowed_values_lists_and_open_sets_are_fine(string text) => RuleAssert.Silent("XCFG0107", text);

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0107", "on_crash = \"reboot\"\n", Dialect.Xl, "/etc/xen/xl.conf");

    [Theory]
    [InlineData("dhcp = 'bootp'")]
    [InlineData("dhcp = 'yes'")]
    [InlineData("restart = 'sometimes'")]
    [InlineData("on_xend_start = 'maybe'")]
    public void Keys_only_xm_read_cannot_stop_xl(string setting) =>
        RuleAssert.Silent("XCFG0107", $"name = 'a'\nkernel = '/k'\n{setting}\n");

    [Theory]
    [InlineData("dhcp = 'bootp'")]
    [InlineData("restart = 'sometimes'")]
    [InlineData("on_xend_start = 'maybe'")]
    [InlineData("type = 'hvmx'")]
    [InlineData("vga = 'STDVGA'")]
    [InlineData("builder = 'linux'")]
    [InlineData("builder = 'hvm'")]
    [InlineData("on_crash = 'coredump-destroy'")]
    public void Under_xm_only_what_xend_refused_is_checked(string setting) =>
        RuleAssert.Silent("XCFG0107", $"name = 'a'\nkernel = '/k'\n{setting}\n", Dialect.Xm);

    [Fact]
    public void Xend_knew_only_the_builders_linux_and_hvm_in_full() =>
        RuleAssert.ReportsWithSeverity("XCFG0107", "name = 'a'\nbuilder = [|'generic'|]\n", Dialect.Xm, DiagnosticSeverity.Error,
            "`builder` cannot be `generic`: the toolstack refuses the domain; use one of `linux`, `hvm`");

    [Fact]
    public void Xend_had_no_soft_reset_action() =>
        RuleAssert.Reports("XCFG0107", "name = 'a'\non_crash = [|'soft-reset'|]\n", Dialect.Xm,
            "`on_crash` cannot be `soft-reset`: the toolstack refuses the domain; use one of `restart`, `destroy`, `preserve`, `rename-restart`, `coredump-destroy`, `coredump-restart`");
}
