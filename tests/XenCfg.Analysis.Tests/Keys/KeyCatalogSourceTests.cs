using System.Text.RegularExpressions;
using XenCfg.Analysis.Keys;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Keys;

/// <summary>
/// Checks the catalogue against Xen's own sources (<see cref="XenSources"/>): it covers every key xl_parse.c reads
/// and every top-level key of xl.cfg(5), in the development tree it was written against and in each release kept,
/// and every option of xm's create.py; and its prose is not lifted from them.
/// </summary>
public partial class KeyCatalogSourceTests
{
    private const int CopiedRunLength = 8;

    public static TheoryData<string> XlRevisions() => [.. XenSources.XlRevisions];

    [SkippableFact]
    public void Every_key_xl_parse_reads_is_in_the_catalogue_as_read_by_xl()
    {
        XenSources.Require();

        var names = XlKeys(XenSources.DevelopmentTree);

        Assert.Equal(ExpectedKeys.Xl.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(names, name => Assert.True(KeyCatalog.Find(name)?.ReadBy.HasFlag(Toolstack.Xl), name));
    }

    /// <summary>Each release reads a subset of the development tree's keys: none is missing from the catalogue.</summary>
    [SkippableTheory]
    [MemberData(nameof(XlRevisions))]
    public void Every_key_xl_parse_of_each_revision_reads_is_in_the_catalogue_as_read_by_xl(string revision)
    {
        XenSources.Require();

        var names = XlKeys(revision);

        Assert.True(names.Count > 100, $"{revision}: only {names.Count} keys found in {XenSources.XlParsePath}; the pattern no longer matches");
        var missing = names.Where(name => KeyCatalog.Find(name)?.ReadBy.HasFlag(Toolstack.Xl) != true).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{revision}: xl_parse.c reads keys the catalogue lacks or does not mark as read by xl: {string.Join(", ", missing)}");
    }

    [SkippableTheory]
    [MemberData(nameof(XlRevisions))]
    public void Every_top_level_key_of_the_xl_cfg_manual_is_in_the_catalogue(string revision)
    {
        XenSources.Require();

        // Items nested inside a spec string (disk, vfb, vsnd, smbios, ...) are at =over depth 2 or more.
        var depth = 0;
        var found = 0;
        var missing = new List<string>();
        foreach (var line in XenSources.XlCfgPod(revision).Split('\n'))
        {
            if (line.StartsWith("=over", StringComparison.Ordinal))
            {
                depth++;
            }
            else if (line.StartsWith("=back", StringComparison.Ordinal))
            {
                depth--;
            }
            else if (depth == 1 && PodKeyItem().Match(line) is { Success: true } item)
            {
                found++;
                if (KeyCatalog.Find(item.Groups["name"].Value) is null)
                {
                    missing.Add(item.Groups["name"].Value);
                }
            }
        }

        Assert.True(found > 100, $"{revision}: only {found} keys found in {XenSources.XlCfgPodPath}; the pattern no longer matches");
        Assert.Empty(missing);
    }

    [SkippableFact]
    public void Every_option_of_xm_create_is_in_the_catalogue_as_read_by_xm()
    {
        XenSources.Require();

        var names = XmOption().Matches(XenSources.XmCreate).Select(match => match.Groups["name"].Value).ToList();

        Assert.Equal(105, names.Count);
        Assert.All(names, name => Assert.True(KeyCatalog.Find(name)?.ReadBy.HasFlag(Toolstack.Xm), name));
    }

    [SkippableFact]
    public void No_summary_or_replacement_repeats_eight_words_in_a_row_from_xen_documentation()
    {
        XenSources.Require();

        var copied = new List<string>();
        foreach (var (name, text) in XenSources.ProseSources())
        {
            var haystack = " " + string.Join(' ', Words(PodMarkup().Replace(text, "${inner}"))) + " ";
            foreach (var key in KeyCatalog.All)
            {
                foreach (var prose in new[] { key.Summary, key.Replacement })
                {
                    // Code spans hold key and value names, which may be quoted; a run may not cross one.
                    var words = Words(CodeSpan().Replace(prose ?? string.Empty, " \u0001 "));
                    for (var i = 0; i + CopiedRunLength <= words.Count; i++)
                    {
                        var run = string.Join(' ', words.Skip(i).Take(CopiedRunLength));
                        if (haystack.Contains(" " + run + " ", StringComparison.Ordinal))
                        {
                            copied.Add($"{key.Name}: \"{run}\" appears in {name}");
                        }
                    }
                }
            }
        }

        Assert.Empty(copied);
    }

    [Fact]
    public void The_copy_check_sees_a_run_through_pod_markup()
    {
        var pod = "Start the guest with B<MBYTES> megabytes of RAM.";
        var haystack = " " + string.Join(' ', Words(PodMarkup().Replace(pod, "${inner}"))) + " ";
        Assert.Contains(" " + string.Join(' ', Words("start the guest with `MBYTES` megabytes of RAM")) + " ", haystack, StringComparison.Ordinal);
    }

    /// <summary>The keys xl_parse.c reads at <paramref name="revision"/>, with the two it builds from a prefix.</summary>
    private static HashSet<string> XlKeys(string revision)
    {
        var names = XlReader().Matches(XenSources.XlParse(revision)).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        names.UnionWith(["device_model_args_pv", "device_model_args_hvm"]);
        return names;
    }

    private static List<string> Words(string text) =>
        NonWord().Split(text.ToLowerInvariant()).Where(word => word.Length > 0).ToList();

    [GeneratedRegex(@"xlu_cfg_(?:get_\w+|replace_string)\s*\(\s*(?:config|cfg)\s*,\s*""(?<name>[^""]+)""")]
    private static partial Regex XlReader();

    [GeneratedRegex(@"^=item B<(?<name>[a-z][a-z0-9_]*)=")]
    private static partial Regex PodKeyItem();

    [GeneratedRegex(@"gopts\.var\('(?<name>[^']+)'")]
    private static partial Regex XmOption();

    [GeneratedRegex(@"[A-Z]<(?<inner>[^<>]*)>")]
    private static partial Regex PodMarkup();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("[^a-z0-9\u0001]+")]
    private static partial Regex NonWord();
}
