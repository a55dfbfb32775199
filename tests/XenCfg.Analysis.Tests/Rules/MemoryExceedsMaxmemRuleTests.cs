namespace XenCfg.Analysis.Tests.Rules;

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
