namespace Fixture.BrokenLibrary;

public static class Answer
{
    // The missing semicolon is the point: this project must not build.
    public static int Value() => 42
}
