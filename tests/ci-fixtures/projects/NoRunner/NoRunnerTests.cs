using Xunit;

namespace Fixture.NoRunner;

public class NoRunnerTests
{
    [Fact]
    public void Adds() => Assert.Equal(4, 2 + 2);

    [Theory]
    [InlineData("a")]
    public void Has_a_length(string text) => Assert.Single(text);
}
