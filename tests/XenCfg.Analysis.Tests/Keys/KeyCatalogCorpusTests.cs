using XenCfg.Analysis.Keys;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Keys;

/// <summary>Every key the real-world configs of the shared corpus set is known to the catalogue.</summary>
public class KeyCatalogCorpusTests
{
    /// <summary>Corpus files that use the same syntax but are not domain configs (see the corpus README).</summary>
    private static readonly string[] NotDomainConfigs = ["xen-examples/xl.conf", "xen-examples/cpupool"];

    /// <summary>
    /// Names assigned in the corpus that neither xl nor xm reads, so they must stay out of the catalogue (a linter
    /// has to call them unknown): mistakes, Python helper variables, and keys of an out-of-tree Xen fork.
    /// </summary>
    private static readonly Dictionary<string, string> NotKeys = new(StringComparer.Ordinal)
    {
        ["vcpu"] = "misspelling of vcpus (wild/cramsay__...): both toolstacks ignore it",
        ["initrd"] = "meant as ramdisk (wild/Babrakov__xen__bak_ubu.cfg)",
        ["home"] = "a stray variable (wild/Babrakov__xen__krs23.ru.cfg)",
        ["install-method"] = "a xen-tools setting pasted into a domain config; not even an xl identifier",
        ["arch"] = "Python helper variable of xen-examples/xmexample.vti",
        ["arch_libdir"] = "Python helper variable of xen-examples/xmexample.vti",
        ["dt_passthrough_nodes"] = "EPAM/xen-troops Xen fork for Renesas R-Car; upstream xl ignores it",
        ["dt_compatible"] = "EPAM/xen-troops Xen fork for Renesas R-Car; upstream xl ignores it",
        ["vgsx"] = "EPAM/xen-troops Xen fork for Renesas R-Car; upstream xl ignores it",
        ["vcamera"] = "EPAM/xen-troops Xen fork for Renesas R-Car; upstream xl ignores it",
        ["renesas_vmq"] = "EPAM/xen-troops Xen fork for Renesas R-Car; upstream xl ignores it",
    };

    [SkippableFact]
    public void Every_key_set_by_a_real_world_config_is_in_the_catalogue()
    {
        Corpus.Require();

        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (relative, name) in CorpusAssignments())
        {
            if (!NotKeys.ContainsKey(name) && KeyCatalog.Find(name) is null)
            {
                unknown.Add($"{name} ({relative})");
            }
        }

        Assert.Empty(unknown);
    }

    [Fact]
    public void Names_that_are_not_keys_stay_out_of_the_catalogue()
    {
        Assert.All(NotKeys.Keys, name => Assert.Null(KeyCatalog.Find(name)));
    }

    [Fact]
    public void The_corpus_misspelling_vcpu_is_corrected_to_vcpus()
    {
        Assert.Equal("vcpus", KeyCatalog.Suggest("vcpu").First());
    }

    [SkippableFact]
    public void The_corpus_uses_xm_only_keys_and_the_catalogue_knows_them_as_such()
    {
        Corpus.Require();

        var xmOnly = CorpusAssignments()
            .Select(assignment => KeyCatalog.Find(assignment.Name))
            .Where(key => key is { IsXmOnly: true })
            .Select(key => key!.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["nfs_server", "nfs_root", "ip", "netmask", "gateway", "hostname", "dhcp"], StringComparer.Ordinal), xmOnly);
    }

    private static IEnumerable<(string Relative, string Name)> CorpusAssignments()
    {
        var roots = new[] { Corpus.RealWorld, Corpus.SeedScenarios };
        foreach (var root in roots)
        {
            foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (Path.GetFileName(path) == "MANIFEST.tsv" || NotDomainConfigs.Contains(relative))
                {
                    continue;
                }

                var tree = SyntaxTree.ParseBytes(File.ReadAllBytes(path), filePath: relative);
                foreach (var assignment in tree.Root.Assignments)
                {
                    yield return (relative, assignment.KeyName);
                }
            }
        }
    }
}
