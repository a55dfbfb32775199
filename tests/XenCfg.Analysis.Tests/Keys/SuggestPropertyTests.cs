using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using XenCfg.Analysis.Keys;

namespace XenCfg.Analysis.Tests.Keys;

/// <summary>Properties of the did-you-mean suggestions for any input.</summary>
public class SuggestPropertyTests
{
    [Property(MaxTest = 300)]
    public bool Suggestions_are_distinct_catalogue_keys_at_most_max_and_stable(string? name, byte max)
    {
        name ??= string.Empty;
        var limit = max % 8;
        var suggestions = KeyCatalog.Suggest(name, limit).ToList();
        return suggestions.Count <= limit
            && suggestions.Distinct(StringComparer.Ordinal).Count() == suggestions.Count
            && suggestions.All(suggestion => KeyCatalog.Find(suggestion) is not null)
            && suggestions.SequenceEqual(KeyCatalog.Suggest(name, limit));
    }

    [Property(MaxTest = 300)]
    public Property A_key_is_its_own_first_suggestion() =>
        Prop.ForAll(Gen.Elements(KeyCatalog.All.Select(key => key.Name)).ToArbitrary(),
            name => KeyCatalog.Suggest(name).First() == name);

    [Property(MaxTest = 300)]
    public Property A_key_with_two_neighbouring_letters_swapped_is_suggested_back() =>
        Prop.ForAll(
            Gen.Elements(KeyCatalog.All.Select(key => key.Name).Where(name => name.Length >= 5)).ToArbitrary(),
            Gen.Choose(0, 1000).ToArbitrary(),
            (name, seed) =>
            {
                var i = seed % (name.Length - 1);
                var swapped = name[..i] + name[i + 1] + name[i] + name[(i + 2)..];
                return swapped == name || KeyCatalog.Suggest(swapped, max: 5).Contains(name);
            });
}
