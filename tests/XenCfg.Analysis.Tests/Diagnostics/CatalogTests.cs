using System.Text.RegularExpressions;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Rules;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Diagnostics;

public partial class CatalogTests
{
    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = DiagnosticCatalog.Entries.Select(entry => entry.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(IdPattern(), id));
    }

    [Fact]
    public void Each_layer_uses_its_own_id_range()
    {
        foreach (var entry in DiagnosticCatalog.Entries)
        {
            var number = int.Parse(entry.Id[4..], System.Globalization.CultureInfo.InvariantCulture);
            var expected = entry.Descriptor.Category switch
            {
                "Syntax" => (1, 99),
                "Semantic" => (100, 299),
                "CrossFile" => (300, 399),
                "Host" => (310, 319),
                "Provisioning" => (400, 499),
                "Tool" => (900, 999),
                var other => throw new InvalidOperationException($"{entry.Id} has unknown category {other}"),
            };
            Assert.InRange(number, expected.Item1, expected.Item2);
        }
    }

    [Fact]
    public void Every_entry_is_documented_and_links_to_its_readme_anchor()
    {
        Assert.All(DiagnosticCatalog.Entries, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Descriptor.Title.ToString()), entry.Id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Descriptor.Description.ToString()), entry.Id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Documentation.Source), entry.Id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Documentation.Example), entry.Id);
            Assert.False(string.IsNullOrWhiteSpace(entry.Documentation.Fix), entry.Id);
            Assert.EndsWith("docs/rules.md#" + entry.Id.ToLowerInvariant(), entry.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_descriptor_a_rule_reports_is_registered()
    {
        var registered = DiagnosticCatalog.Entries.Select(entry => entry.Descriptor).ToHashSet();
        var fromRules = RuleRegistry.All.SelectMany(rule => rule.Entries).Select(entry => entry.Descriptor);

        Assert.All(fromRules, descriptor => Assert.Contains(descriptor, registered));
        Assert.All(Syntax.Diagnostics.SyntaxDiagnostics.All, descriptor => Assert.Contains(descriptor, registered));
    }

    [Fact]
    public void Docs_rule_reference_is_the_catalogue()
    {
        var readmePath = Path.GetFullPath(Path.Combine(Baseline.SourceDirectory(), "..", "..", "..", "docs", "rules.md"));
        var readme = File.ReadAllText(readmePath);
        const string begin = "<!-- rules:begin -->\n";
        const string end = "<!-- rules:end -->";
        var start = readme.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var stop = readme.IndexOf(end, StringComparison.Ordinal);
        Assert.True(start >= begin.Length && stop >= start, "docs/rules.md lacks the rules markers");

        var expected = RuleReference.Markdown(DiagnosticCatalog.Entries);
        if (Baseline.Updating)
        {
            File.WriteAllText(readmePath, readme[..start] + expected + readme[stop..]);
            return;
        }

        Assert.True(readme[start..stop] == expected,
            "docs/rules.md differs from the catalogue: run the tests with XCFG_UPDATE_BASELINES=1 and review the diff.");
    }

    [GeneratedRegex("^XCFG[0-9]{4}$")]
    private static partial Regex IdPattern();
}
