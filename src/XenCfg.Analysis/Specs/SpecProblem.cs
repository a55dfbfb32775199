using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Specs;

/// <summary>
/// One problem found in a spec string (a disk spec, a vif spec, a kernel parameter, ...).
/// </summary>
/// <typeparam name="TKind">The problem enum of the small language that reported it.</typeparam>
/// <param name="Kind">What kind of problem this is; the analyzer maps kinds to rules.</param>
/// <param name="Span">Where it is, relative to the start of the (unquoted) string value.</param>
/// <param name="Message">One or two English sentences: what is wrong and what to write instead.</param>
public sealed record SpecProblem<TKind>(TKind Kind, TextSpan Span, string Message)
    where TKind : struct, Enum
{
    /// <summary>
    /// True when the toolstack that the parser models refuses the whole spec because of this problem
    /// (xl exits, or xend raises); false for problems that only bite later or silently.
    /// </summary>
    public bool IsFatal { get; init; }

    /// <summary>
    /// For specs given as several arguments (<c>xl block-attach</c> style), the index of the argument
    /// that <see cref="Span"/> is relative to; 0 for a single string.
    /// </summary>
    public int Argument { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} {Span}: {Message}";
}

/// <summary>An interpreted value together with the span of the text it came from.</summary>
/// <typeparam name="T">The interpreted value's type.</typeparam>
/// <param name="Value">The interpreted value.</param>
/// <param name="Span">Where its text is, relative to the start of the string value.</param>
public readonly record struct Located<T>(T Value, TextSpan Span);

/// <summary>Small helpers to build spans and problem lists without repeating arithmetic.</summary>
internal static class Spans
{
    public static TextSpan FromBounds(int start, int end) => TextSpan.FromBounds(start, end);

    public static TextSpan At(int start, int length) => new(start, length);

    /// <summary>The span of <paramref name="inner"/> shifted by <paramref name="offset"/>.</summary>
    public static TextSpan Shift(TextSpan inner, int offset) => new(inner.Start + offset, inner.Length);
}
