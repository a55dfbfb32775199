namespace Fixture.Empty;

/// <summary>A type, but no test.</summary>
public static class NoTestHere
{
    public const int Value = 0;
}
