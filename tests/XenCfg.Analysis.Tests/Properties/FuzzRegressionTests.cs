using XenCfg.Fuzzing;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Properties;

/// <summary>
/// Replays every input kept under tests/XenCfg.Fuzzing/Regressions/TARGET/ through the fuzz target's own checks
/// (FuzzTargets.cs: round trip, spans inside the text, formatting idempotent, no internal error). A crash the
/// fuzzer finds is fixed and its input dropped in that folder; this test keeps it fixed.
/// </summary>
public class FuzzRegressionTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "FuzzRegressions");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            var folder = Path.Combine(Root, target);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                data.Add(target, Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Kept_fuzzer_finding_stays_fixed(string target, string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(Root, target, file));

        // A hang fails the test (TimeoutException) instead of hanging the run.
        await Task.Run(() => FuzzTargets.Run(target, bytes)).WaitAsync(HangGuard.Limit);
    }

    [Fact]
    public void Every_target_has_a_folder_of_kept_findings_or_none_at_all()
    {
        Assert.True(Directory.Exists(Root));
        Assert.All(Directory.EnumerateDirectories(Root).Select(Path.GetFileName), name => Assert.Contains(name, FuzzTargets.Names));
    }
}
