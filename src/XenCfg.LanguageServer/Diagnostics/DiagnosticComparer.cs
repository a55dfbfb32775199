using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>Structural equality of published diagnostic lists (records compare arrays by reference, which is not what we want).</summary>
internal static class DiagnosticComparer
{
    public static bool SameList(IReadOnlyList<Protocol.Diagnostic> left, IReadOnlyList<Protocol.Diagnostic> right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (var i = 0; i < left.Count; i++)
        {
            if (!Same(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(Protocol.Diagnostic left, Protocol.Diagnostic right) =>
        left with { Tags = null, RelatedInformation = null } == right with { Tags = null, RelatedInformation = null }
        && SameArray(left.Tags, right.Tags)
        && SameArray(left.RelatedInformation, right.RelatedInformation);

    private static bool SameArray<T>(T[]? left, T[]? right) =>
        left is null || right is null ? left is null && right is null : left.SequenceEqual(right);
}
