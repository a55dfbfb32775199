using System.Collections.Frozen;
using System.Collections.Immutable;

namespace XenCfg.Analysis.Keys;

/// <summary>
/// Every key a Xen domain config can set, for xl and for the legacy xm toolstack. The data lives in the
/// KeyCatalog.*.cs files, one per part of the xl.cfg(5) manual page, plus one for the keys only xm read.
/// </summary>
public static partial class KeyCatalog
{
    private static readonly FrozenDictionary<string, KeyInfo> ByName;

    // A static constructor rather than field initializers: the parts use static arrays declared in the other
    // partial files, whose initializers are only guaranteed to have run once the constructor body starts.
    static KeyCatalog()
    {
        All =
        [
            .. GeneralKeys(),
            .. DeviceKeys(),
            .. PvKeys(),
            .. HvmKeys(),
            .. DeviceModelKeys(),
            .. ArchitectureKeys(),
            .. XmOnlyKeys(),
        ];
        ByName = All.ToFrozenDictionary(key => key.Name, StringComparer.Ordinal);
    }

    /// <summary>All keys, grouped as in the manual page, xm-only keys last.</summary>
    public static ImmutableArray<KeyInfo> All { get; }

    /// <summary>The key with exactly this name (keys are case-sensitive, as in xl), or null.</summary>
    public static KeyInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Known keys that <paramref name="unknownName"/> was probably meant to be, best first: close in
    /// Damerau–Levenshtein distance (ignoring case), or sharing a long prefix or substring with it.
    /// </summary>
    public static IEnumerable<string> Suggest(string unknownName, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(unknownName);
        if (unknownName.Length == 0 || max <= 0)
        {
            return [];
        }

        var wanted = unknownName.ToLowerInvariant();
        var threshold = wanted.Length switch
        {
            <= 2 => 0,
            <= 4 => 1,
            <= 8 => 2,
            _ => 3,
        };

        var candidates = new List<(string Name, double Rank, int Distance, int LengthDifference)>();
        foreach (var key in All)
        {
            var distance = SuggestionDistance.Between(wanted, key.Name);
            var boost = SuggestionDistance.Affinity(wanted, key.Name);
            if (distance <= threshold || boost > 0)
            {
                candidates.Add((key.Name, distance - boost, distance, Math.Abs(key.Name.Length - wanted.Length)));
            }
        }

        return candidates
            .OrderBy(candidate => candidate.Rank)
            .ThenBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.LengthDifference)
            .ThenBy(candidate => candidate.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(candidate => candidate.Name)
            .ToList();
    }
}

/// <summary>The string measures behind <see cref="KeyCatalog.Suggest"/>.</summary>
internal static class SuggestionDistance
{
    /// <summary>
    /// Damerau–Levenshtein distance in its optimal-string-alignment form: insertions, deletions, substitutions and
    /// transpositions of two adjacent characters each cost one (<c>memroy</c> is one step from <c>memory</c>).
    /// </summary>
    public static int Between(string a, string b)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, previousPrevious[j - 2] + 1);
                }

                current[j] = best;
            }

            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// A bonus for names where one contains the other (a prefix counts most), so <c>spice_image</c> finds
    /// <c>spice_image_compression</c>. Only when the shorter name is at least 4 characters and a third of the longer
    /// one, so short fragments such as <c>vnc</c> do not match half the catalogue.
    /// </summary>
    public static double Affinity(string wanted, string key)
    {
        var (shorter, longer) = wanted.Length <= key.Length ? (wanted, key) : (key, wanted);
        if (shorter.Length < 4 || shorter.Length * 3 < longer.Length)
        {
            return 0;
        }

        if (longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return 1.5;
        }

        return longer.Contains(shorter, StringComparison.Ordinal) ? 1 : 0;
    }
}
