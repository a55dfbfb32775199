using Xunit;

namespace Fixture.Hanging;

public class HangingTests
{
    [Fact]
    public void Never_returns() => Thread.Sleep(Timeout.Infinite);
}
