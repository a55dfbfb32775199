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

public class VcpusExceedMaxvcpusRuleTests
{
    [Fact]
    public void More_vcpus_than_maxvcpus_is_an_error_on_maxvcpus() =>
        RuleAssert.Reports("XCFG0201", "name = 'a'\nvcpus = 4\nmaxvcpus = [|2|]\n",
            "`vcpus = 4` is more than `maxvcpus = 2`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Fact]
    public void Numbers_are_read_as_xl_reads_them() =>
        RuleAssert.Reports("XCFG0201", "name = 'a'\nvcpus = 0x10\nmaxvcpus = [|010|]\n",
            "`vcpus = 16` is more than `maxvcpus = 8`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Theory]
    [InlineData("name = 'a'\nvcpus = 2\nmaxvcpus = 4\n")]
    [InlineData("name = 'a'\nvcpus = 4\nmaxvcpus = 0\n")]
    [InlineData("name = 'a'\nvcpus = 0\nmaxvcpus = 1\n")]
    [InlineData("name = 'a'\nvcpus = 4\n")]
    [InlineData("name = 'a'\nvcpus = 4M\nmaxvcpus = 2\n")]
    public void Fine_or_unreadable_values_are_not_reported(string text) =>
        RuleAssert.Silent("XCFG0201", text);
}

public class MemoryExceedsMaxmemRuleTests
{
    [Fact]
    public void Memory_above_maxmem_is_a_warning_on_maxmem() =>
        RuleAssert.Reports("XCFG0202", "name = 'a'\nmemory = 2048\nmaxmem = [|1024|]\n",
            "`memory = 2048` (MiB) is more than `maxmem = 1024`; maxmem must be at least memory: raise maxmem or lower memory");

    [Theory]
    [InlineData("name = 'a'\nmemory = 1024\nmaxmem = 2048\n")]
    [InlineData("name = 'a'\nmemory = 1024\nmaxmem = 1024\n")]
    [InlineData("name = 'a'\nmemory = 1024\n")]
    public void Memory_within_maxmem_is_fine(string text) => RuleAssert.Silent("XCFG0202", text);
}

public class CmdlineOverridesRootRuleTests
{
    [Fact]
    public void Root_and_extra_are_reported_when_cmdline_is_set() =>
        RuleAssert.Reports("XCFG0151", "name = 'a'\ncmdline = \"console=hvc0\"\n[|root|] = \"/dev/xvda1\"\n[|extra|] = \"quiet\"\n",
            "`root` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline",
            "`extra` is ignored: `cmdline` is set, and xl then passes cmdline alone to the kernel; move this into cmdline or remove cmdline");

    [Fact]
    public void Root_and_extra_without_cmdline_are_fine() =>
        RuleAssert.Silent("XCFG0151", "name = 'a'\nroot = \"/dev/xvda1\"\nextra = \"quiet\"\n");
}

public class DuplicateKeyRuleTests
{
    [Fact]
    public void The_ignored_assignment_is_reported_with_the_line_that_wins()
    {
        RuleAssert.Reports("XCFG0103", "name = 'a'\n[|memory|] = 512\nvcpus = 2\nmemory = 1024\n",
            "`memory` is set again on line 4, and the last assignment wins: this value is ignored; remove one of them");
    }

    [Fact]
    public void The_related_location_points_at_the_winning_assignment()
    {
        var diagnostic = Assert.Single(RuleAssert.Analyze("memory = 512\nmemory = 1024\n"), d => d.Id == "XCFG0103");

        var related = Assert.Single(diagnostic.RelatedLocations);
        Assert.Equal(1, related.LineSpan.Start.Line);
        Assert.Equal("/etc/xen/test.cfg", related.FilePath);
    }

    [Theory]
    [InlineData("extra = 'a'\nextra += ' b'\n")]
    [InlineData("name = 'a'\nmemory = 512\n")]
    public void Appending_and_single_assignments_are_fine(string text) => RuleAssert.Silent("XCFG0103", text);

    [Fact]
    public void An_assignment_appended_to_before_being_replaced_is_still_reported_once() =>
        RuleAssert.Reports("XCFG0103", "extra = 'a'\n[|extra|] += 'b'\nextra = 'c'\n");
}
