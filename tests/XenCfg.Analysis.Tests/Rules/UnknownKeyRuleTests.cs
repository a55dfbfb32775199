using XenCfg.Analysis.Rules.Keys;
using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class UnknownKeyRuleTests
{
    [Fact]
    public void A_misspelt_key_is_a_warning_with_a_suggestion() =>
        RuleAssert.ReportsWithSeverity("XCFG0100", "name = 'a'\n[|memroy|] = 512\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`memroy` is not a key xl or xm knows; it is ignored without a word: did you mean `memory`?");

    [Fact]
    public void The_suggestion_is_offered_to_code_fixes_as_a_property()
    {
        var diagnostic = RuleAssert.Single("XCFG0100", "name = 'a'\nvcpu = 2\n");

        Assert.Equal("vcpus", diagnostic.Properties[UnknownKeyRule.SuggestionProperty]);
    }

    [Fact]
    public void A_key_like_nothing_known_gets_no_suggestion()
    {
        RuleAssert.Reports("XCFG0100", "name = 'a'\n[|frobnicate|] = 1\n",
            "`frobnicate` is not a key xl or xm knows; it is ignored without a word");
        Assert.False(RuleAssert.Single("XCFG0100", "name = 'a'\nfrobnicate = 1\n").Properties.ContainsKey(UnknownKeyRule.SuggestionProperty));
    }

    [Fact]
    public void Every_assignment_of_an_unknown_key_is_reported() =>
        RuleAssert.Reports("XCFG0100", "name = 'a'\n[|dt_compatible|] = 'x'\n[|dt_compatible|] = 'y'\n",
            "`dt_compatible` is not a key xl or xm knows; it is ignored without a word",
            "`dt_compatible` is not a key xl or xm knows; it is ignored without a word");

    [Fact]
    public void Unknown_keys_are_reported_under_xm_too() =>
        RuleAssert.Reports("XCFG0100", "name = 'a'\n[|home|] = '/srv'\n", Dialect.Xm,
            "`home` is not a key xl or xm knows; it is ignored without a word");

    [Theory]
    [InlineData("name = 'a'\nmemory = 512\nvcpus = 2\n")]
    [InlineData("name = 'a'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/a'\n")]
    [InlineData("name = 'a'\nbuilder = 'hvm'\ndevice_model = '/usr/lib/xen/bin/qemu-dm'\n")]
    public void Keys_of_either_toolstack_are_known(string text) => RuleAssert.Silent("XCFG0100", text);

    [Fact]
    public void Keys_of_xl_conf_are_not_checked_against_the_domain_keys() =>
        RuleAssert.Silent("XCFG0100", "autoballoon = \"off\"\nvif.default.bridge = \"xenbr1\"\nlockfile = \"/var/lock/xl\"\n");

    [Fact]
    public void Xl_conf_by_file_name_is_not_checked() =>
        RuleAssert.Silent("XCFG0100", "frobnicate = 1\n", Dialect.Xl, "/etc/xen/xl.conf");
}
