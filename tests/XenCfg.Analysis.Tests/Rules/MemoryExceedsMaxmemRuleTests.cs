using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class MemoryExceedsMaxmemRuleTests
{
    [Fact]
    public void Memory_above_maxmem_is_a_warning_on_maxmem() =>
        RuleAssert.ReportsWithSeverity("XCFG0202", "name = 'a'\nmemory = 2048\nmaxmem = [|1024|]\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`memory = 2048` (MiB) is more than `maxmem = 1024`; maxmem must be at least memory: raise maxmem or lower memory");

    [Fact]
    public void An_octal_maxmem_is_compared_by_the_value_xl_reads() =>
        RuleAssert.Reports("XCFG0202", "name = 'a'\nmemory = 1024\nmaxmem = [|01024|]\n",
            "`memory = 1024` (MiB) is more than `maxmem = 532`; maxmem must be at least memory: raise maxmem or lower memory");

    [Fact]
    public void It_is_reported_under_xm_as_well() =>
        RuleAssert.Reports("XCFG0202", "name = 'a'\nmemory = 2048\nmaxmem = [|1024|]\n", Dialect.Xm,
            "`memory = 2048` (MiB) is more than `maxmem = 1024`; maxmem must be at least memory: raise maxmem or lower memory");

    [Theory]
    [InlineData("name = 'a'\nmemory = 1024\nmaxmem = 2048\n")]
    [InlineData("name = 'a'\nmemory = 1024\nmaxmem = 1024\n")]
    [InlineData("name = 'a'\nmemory = 1024\n")]
    [InlineData("name = 'a'\nmaxmem = 512\n")]
    [InlineData("name = 'a'\nmemory = '2G'\nmaxmem = 1024\n")]
    public void Memory_within_maxmem_or_unreadable_is_fine(string text) => RuleAssert.Silent("XCFG0202", text);

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0202", "memory = 2048\nmaxmem = 1024\n", Dialect.Xl, "/etc/xen/xl.conf");
}
