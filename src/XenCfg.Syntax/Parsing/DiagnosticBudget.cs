namespace XenCfg.Syntax.Parsing;

/// <summary>
/// Caps how many diagnostics of one kind a parse keeps. A binary file or a million broken lines would otherwise
/// carry millions of diagnostics (each a few hundred bytes, far more than the bytes it is about), and a list of
/// them tells no more than its first thousand. The cap is per descriptor, so whether xl would read the file
/// (<see cref="SyntaxTree.IsReadableByXl"/>) never changes: a kind of finding that is there is reported at least
/// <see cref="MaxPerDescriptor"/> times. Past the cap the text is read exactly as before, without the diagnostic.
/// </summary>
internal sealed class DiagnosticBudget
{
    public const int MaxPerDescriptor = 1000;

    private readonly Dictionary<DiagnosticDescriptor, int> _counts = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many diagnostics were taken in all: at least as many as the parse keeps in its tree.</summary>
    public int Taken { get; private set; }

    /// <summary>True (and counted) when one more diagnostic of this kind may be kept.</summary>
    public bool TryTake(DiagnosticDescriptor descriptor)
    {
        _counts.TryGetValue(descriptor, out var count);
        if (count >= MaxPerDescriptor)
        {
            return false;
        }

        _counts[descriptor] = count + 1;
        Taken++;
        return true;
    }
}
