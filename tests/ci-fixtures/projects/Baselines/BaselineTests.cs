using Xunit;
using XenCfg.TestKit;

namespace Fixture.Baselines;

public class BaselineTests
{
    private static readonly string Folder = Path.Combine(Baseline.SourceDirectory(), "Baselines");

    [Fact]
    public void The_greeting_matches_its_reviewed_baseline() => Baseline.Verify(Path.Combine(Folder, "greeting.txt"), "hello\n");

    /// <summary>Its baseline is stale: it says "see you".</summary>
    [Fact]
    public void The_farewell_matches_its_reviewed_baseline() => Baseline.Verify(Path.Combine(Folder, "farewell.txt"), "goodbye\n");

    /// <summary>The folder also holds orphan.txt, whose test is gone.</summary>
    [Fact]
    public void The_folder_holds_the_baselines_of_the_tests_and_nothing_else() =>
        Baseline.AssertFolderHolds(Folder, ["greeting.txt", "farewell.txt"]);
}
