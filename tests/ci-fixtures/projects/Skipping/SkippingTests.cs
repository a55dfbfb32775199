using Xunit;

namespace Fixture.Skipping;

public class SkippingTests
{
    [Fact(Skip = "needs the moon")]
    public void Declared_skip() => Assert.Fail("never runs");

    [SkippableFact]
    public void Dynamic_skip() => Skip.If(true, "no moon tonight");
}
