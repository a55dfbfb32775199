using System.Reflection;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Analysis.Specs.Vif;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>Every problem kind of every spec language has an exact span-and-message test.</summary>
public sealed class ProblemKindCoverageTests
{
    [Theory]
    [InlineData(typeof(DiskProblemKind))]
    [InlineData(typeof(VirtualDeviceProblemKind))]
    [InlineData(typeof(VifProblemKind))]
    [InlineData(typeof(NetworkValueProblemKind))]
    [InlineData(typeof(SizeProblemKind))]
    [InlineData(typeof(KernelArgumentProblemKind))]
    public void Every_problem_kind_is_tested(Type kindType)
    {
        var tested = new[] { typeof(DiskProblemTests), typeof(VifProblemTests), typeof(ValueProblemTests) }
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes<InlineDataAttribute>().SelectMany(a => a.GetData(m)))
            .SelectMany(row => row)
            .Where(value => value?.GetType() == kindType)
            .ToHashSet();

        var untested = Enum.GetValues(kindType).Cast<object>().Where(kind => !tested.Contains(kind)).ToList();
        Assert.True(untested.Count == 0, $"no exact-span test for {string.Join(", ", untested)}");
    }
}
