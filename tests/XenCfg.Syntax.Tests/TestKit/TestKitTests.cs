using Xunit.Sdk;
using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests.TestKit;

/// <summary>The test kit's own behaviour: the growth measurement, the baseline rules and where shared data is found.</summary>
public class ScalingTests
{
    private static long sink;

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void The_fit_gives_the_exponent_of_a_power_law(double exponent)
    {
        var samples = new[] { 1000.0, 2000, 4000, 8000 }.Select(size => new ScalingSample(size, 3e-6 * Math.Pow(size, exponent))).ToList();

        Assert.Equal(exponent, Scaling.Fit(samples).Exponent, precision: 9);
    }

    [Fact]
    public void One_disturbed_sample_does_not_carry_the_fit()
    {
        // Linear, but the third size took three times as long (a cache outgrown, a collection, another process).
        var samples = new ScalingSample[] { new(1000, 1), new(2000, 2), new(4000, 12), new(8000, 8), new(16000, 16) };

        Assert.Equal(1.0, Scaling.Fit(samples).Exponent, precision: 9);
    }

    [Fact]
    public void The_fit_needs_three_samples_of_distinct_sizes_above_zero()
    {
        Assert.Throws<ArgumentException>(() => Scaling.Fit([new(1, 1), new(2, 2)]));
        Assert.Throws<ArgumentException>(() => Scaling.Fit([new(1, 1), new(2, 0), new(4, 4)]));
        Assert.Throws<ArgumentException>(() => Scaling.Fit([new(1, 1), new(2, 2), new(2, 3)]));
    }

    [Fact]
    public void A_quadratic_loop_is_caught_and_a_linear_one_passes()
    {
        var quadratic = Scaling.ProcessorTime(Scaling.Doublings(4000), n => () => sink += Pairs(n));
        var linear = Scaling.ProcessorTime(Scaling.Doublings(4000 * 4000 / 16), n => () => sink += Pairs(1, n));

        Assert.True(quadratic.Exponent > Scaling.LinearLimit, $"quadratic: {quadratic}");
        Assert.True(linear.Exponent < Scaling.LinearLimit, $"linear: {linear}");
    }

    [Fact]
    public void The_thread_processor_time_counts_work_and_not_sleep()
    {
        var start = Scaling.ThreadProcessorTime();
        Thread.Sleep(300);
        var slept = Scaling.ThreadProcessorTime() - start;
        sink += Pairs(3000);
        var worked = Scaling.ThreadProcessorTime() - start - slept;

        Assert.True(slept < TimeSpan.FromMilliseconds(100), $"sleeping 300 ms took {slept.TotalMilliseconds} ms of processor time");
        Assert.True(worked > TimeSpan.Zero, "9 million additions took no processor time");
    }

    private static long Pairs(int n) => Pairs(n, n);

    private static long Pairs(int outer, int inner)
    {
        long total = 0;
        for (var i = 0; i < outer; i++)
        {
            for (var j = 0; j < inner; j++)
            {
                total += i ^ j;
            }
        }

        return total;
    }
}

public class BaselineRuleTests
{
    [Theory]
    [InlineData(null, false, false)]
    [InlineData("", false, false)]
    [InlineData("1", false, true)]
    [InlineData("0", false, false)]
    [InlineData("0", true, false)]
    [InlineData(null, true, false)]
    public void Xcfg_update_baselines_1_rewrites_outside_ci(string? value, bool ci, bool updating) =>
        Assert.Equal(updating, Baseline.IsUpdating(value, ci));

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public void Rewriting_is_refused_under_ci(string value)
    {
        var refusal = Assert.Throws<XunitException>(() => Baseline.IsUpdating(value, ci: true));

        Assert.StartsWith($"XCFG_UPDATE_BASELINES={value} is refused under CI (CI=true)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_exactly_the_expected_baselines_passes_and_actual_files_are_ignored()
    {
        using var dir = new TempDirectory();
        dir.Write("a.cfg", "x");
        dir.Write("a.tree", "x");
        dir.Write("a.tree.actual", "y");

        Baseline.AssertFolderHolds(dir.Path, ["a.cfg", "a.tree"]);
    }

    [Fact]
    public void A_baseline_without_its_sample_and_a_sample_without_its_baseline_fail()
    {
        using var dir = new TempDirectory();
        dir.Write("a.cfg", "x");
        dir.Write("gone.tree", "x");

        var failure = Assert.Throws<XunitException>(() => Baseline.AssertFolderHolds(dir.Path, ["a.cfg", "a.tree"]));

        Assert.EndsWith(
            "does not hold exactly the baselines of its samples:\n" +
            "gone.tree: no sample or test case uses it (remove it, or restore what used it)\n" +
            "a.tree: missing (create it with XCFG_UPDATE_BASELINES=1, then review it)",
            failure.Message,
            StringComparison.Ordinal);
    }
}

public class SharedDataTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ci_is_true_or_1(string? value, bool ci) => Assert.Equal(ci, SharedData.IsCiValue(value));

    [Fact]
    public void A_linked_worktree_leads_to_its_main_checkout()
    {
        using var dir = new TempDirectory();
        dir.Write("main/.git/worktrees/wt/commondir", "../..\n");
        dir.Write("wt/.git", $"gitdir: {Path.Combine(dir.Path, "main", ".git", "worktrees", "wt")}\n");
        dir.Write("relative/.git", "gitdir: ../main/.git/worktrees/wt\n");

        Assert.Equal(Path.Combine(dir.Path, "main"), SharedData.MainCheckoutOfWorktree(Path.Combine(dir.Path, "wt")));
        Assert.Equal(Path.Combine(dir.Path, "main"), SharedData.MainCheckoutOfWorktree(Path.Combine(dir.Path, "relative")));
    }

    [Fact]
    public void A_main_checkout_or_a_folder_outside_git_has_no_other_checkout()
    {
        using var dir = new TempDirectory();
        dir.Write("main/.git/HEAD", "ref: refs/heads/main\n");
        System.IO.Directory.CreateDirectory(Path.Combine(dir.Path, "plain"));

        Assert.Null(SharedData.MainCheckoutOfWorktree(Path.Combine(dir.Path, "main")));
        Assert.Null(SharedData.MainCheckoutOfWorktree(Path.Combine(dir.Path, "plain")));
    }

    [Fact]
    public void Shared_data_is_looked_for_only_beside_the_repository()
    {
        var root = SharedData.RepositoryRoot;

        Assert.NotNull(root);
        Assert.All(SharedData.Candidates("corpus"), candidate =>
            Assert.True(candidate == Path.GetFullPath(Path.Combine(root!, "..", "shared", "corpus"))
                || candidate == Path.GetFullPath(Path.Combine(SharedData.MainCheckoutOfWorktree(root!)!, "..", "shared", "corpus")), candidate));
    }
}
