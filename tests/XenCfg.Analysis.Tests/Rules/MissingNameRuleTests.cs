using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class MissingNameRuleTests
{
    private const string Message = "the domain has no `name`; xl refuses to create it (\"Domain name must be specified\"): add `name = \"...\"`";

    [Fact]
    public void A_domain_without_name_is_an_error_at_the_start_of_the_file() =>
        RuleAssert.ReportsWithSeverity("XCFG0200", "[||]memory = 512\nkernel = \"/boot/vmlinuz\"\n", Dialect.Xl, DiagnosticSeverity.Error, Message);

    [Fact]
    public void A_domain_without_name_is_an_error_under_xm_too() =>
        RuleAssert.ReportsWithSeverity("XCFG0200", "[||]# a guest\nmemory = 512\nbootloader = \"/usr/bin/pygrub\"\n", Dialect.Xm, DiagnosticSeverity.Error, Message);

    [Fact]
    public void A_domain_that_only_sets_its_type_still_needs_a_name() =>
        RuleAssert.Reports("XCFG0200", "[||]type = \"hvm\"\ndisk = [ '/dev/vg/a,,hda' ]\n", Message);

    [Theory]
    [InlineData("name = \"vm1\"\nmemory = 512\n")]
    [InlineData("# only comments\n\n")]
    [InlineData("")]
    [InlineData("name = \"pool1\"\nsched = \"credit\"\ncpus = [\"2\", \"3\"]\n")]
    [InlineData("sched = \"credit\"\ncpus = [\"2\", \"3\"]\n")]
    [InlineData("autoballoon = \"off\"\nlockfile = \"/var/lock/xl\"\n")]
    public void Named_domains_and_files_that_are_not_domain_configs_are_fine(string text) =>
        RuleAssert.Silent("XCFG0200", text);

    [Theory]
    [InlineData("disk = [ 'phy:/dev/vg/data,xvdb,w' ]\n")]
    [InlineData("vif = [ 'bridge=xenbr1' ]\ndisk = [ 'phy:/dev/vg/data,xvdb,w' ]\n")]
    [InlineData("vdispl = [ 'backend=DomD,be-alloc=1,connectors=HDMI-A-1:1920x1080' ]\n")]
    public void Device_only_fragments_made_to_be_joined_to_a_full_config_are_not_domains(string text) =>
        RuleAssert.Silent("XCFG0200", text);

    [Fact]
    public void Xl_conf_is_recognised_by_its_file_name_even_with_domain_like_keys() =>
        RuleAssert.Silent("XCFG0200", "memory = 512\n", Dialect.Xl, "/etc/xen/xl.conf");

    [Fact]
    public void A_name_given_as_a_list_is_left_to_the_shape_rule() =>
        RuleAssert.Silent("XCFG0200", "name = [ \"vm1\" ]\nmemory = 512\n");
}
