namespace XenCfg.Analysis.Tests.Rules;

public class MissingNameRuleTests
{
    [Fact]
    public void A_domain_without_name_is_an_error_at_the_start_of_the_file() =>
        RuleAssert.Reports("XCFG0200", "[||]memory = 512\nkernel = \"/boot/vmlinuz\"\n",
            "the domain has no `name`; xl refuses to create it (\"Domain name must be specified\"): add `name = \"...\"`");

    [Theory]
    [InlineData("name = \"vm1\"\nmemory = 512\n")]
    [InlineData("# only comments\n\n")]
    [InlineData("name = \"pool1\"\nsched = \"credit\"\ncpus = [\"2\", \"3\"]\n")]
    [InlineData("autoballoon = \"off\"\nlockfile = \"/var/lock/xl\"\n")]
    public void Named_domains_and_files_that_are_not_domain_configs_are_fine(string text) =>
        RuleAssert.Silent("XCFG0200", text);
}
