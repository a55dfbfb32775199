using Xunit;

namespace Fixture.UsesBrokenA;

public class AnswerTests
{
    [Fact]
    public void The_answer_is_42() => Assert.Equal(42, Fixture.BrokenLibrary.Answer.Value());
}
