using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class VcpusExceedMaxvcpusRuleTests
{
    [Fact]
    public void More_vcpus_than_maxvcpus_is_an_error_on_maxvcpus() =>
        RuleAssert.ReportsWithSeverity("XCFG0201", "name = 'a'\nvcpus = 4\nmaxvcpus = [|2|]\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`vcpus = 4` is more than `maxvcpus = 2`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Fact]
    public void Numbers_are_read_as_xl_reads_them() =>
        RuleAssert.Reports("XCFG0201", "name = 'a'\nvcpus = 0x10\nmaxvcpus = [|010|]\n",
            "`vcpus = 16` is more than `maxvcpus = 8`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Fact]
    public void A_quoted_maxvcpus_is_read_as_a_number_too() =>
        RuleAssert.Reports("XCFG0201", "name = 'a'\nvcpus = 4\nmaxvcpus = [|\"2\"|]\n",
            "`vcpus = 4` is more than `maxvcpus = 2`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Fact]
    public void The_last_assignment_of_each_key_counts() =>
        RuleAssert.Reports("XCFG0201", "name = 'a'\nvcpus = 1\nmaxvcpus = 2\nvcpus = 4\nmaxvcpus = [|3|]\n",
            "`vcpus = 4` is more than `maxvcpus = 3`; xl refuses the domain (\"maxvcpus < vcpus\"): raise maxvcpus or lower vcpus");

    [Theory]
    [InlineData("name = 'a'\nvcpus = 2\nmaxvcpus = 4\n")]
    [InlineData("name = 'a'\nvcpus = 4\nmaxvcpus = 4\n")]
    [InlineData("name = 'a'\nvcpus = 4\nmaxvcpus = 0\n")]
    [InlineData("name = 'a'\nvcpus = 0\nmaxvcpus = 1\n")]
    [InlineData("name = 'a'\nvcpus = 4\n")]
    [InlineData("name = 'a'\nmaxvcpus = 1\n")]
    [InlineData("name = 'a'\nvcpus = 4M\nmaxvcpus = 2\n")]
    [InlineData("name = 'a'\nvcpus = '4M'\nmaxvcpus = 2\n")]
    [InlineData("name = 'a'\nvcpus = 4\nmaxvcpus = 1\nmaxvcpus += 1\n")]
    public void Fine_or_unreadable_values_are_not_reported(string text) =>
        RuleAssert.Silent("XCFG0201", text);

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0201", "vcpus = 4\nmaxvcpus = 2\n", Dialect.Xl, "/etc/xen/xl.conf");
}
