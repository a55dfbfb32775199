using System.Text.Json;
using System.Text.Json.Nodes;
using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests;

/// <summary>
/// Differential test against Xen's own parser: for every real-world config in the shared corpus we accept the file
/// exactly when xl did, and read the same effective settings. Skipped when the corpus is not beside the repository.
/// </summary>
public class CorpusDifferentialTests
{
    [SkippableFact]
    public void Every_real_world_file_is_accepted_exactly_when_xl_accepts_it_with_the_same_settings()
    {
        Corpus.Require();

        var mismatches = new List<string>();
        var files = Directory.EnumerateFiles(Corpus.RealWorld, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) != "MANIFEST.tsv")
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var path in files)
        {
            var relative = Path.GetRelativePath(Corpus.RealWorld, path);
            var oracle = File.ReadAllText(Path.Combine(Corpus.Oracle, "cfg", relative + ".out"));
            var tree = SyntaxTree.ParseBytes(File.ReadAllBytes(path), filePath: relative);
            var xlAccepts = oracle.StartsWith("OK", StringComparison.Ordinal);
            if (xlAccepts != tree.IsReadableByXl)
            {
                mismatches.Add($"{relative}: xl {(xlAccepts ? "accepts" : "rejects")}, we {(tree.IsReadableByXl ? "accept" : "reject")}: {string.Join("; ", tree.GetDiagnostics())}");
                continue;
            }

            if (!xlAccepts)
            {
                continue;
            }

            var expected = JsonNode.Parse(oracle[oracle.IndexOf('\n', StringComparison.Ordinal)..])!;
            var settings = ConfigSettings.From(tree);
            var actual = new JsonObject();
            foreach (var key in settings.Keys)
            {
                actual[key] = ToJson(settings[key]!);
            }

            if (!JsonNode.DeepEquals(expected["effective"], actual))
            {
                mismatches.Add($"{relative}: effective settings differ:\n  xl: {expected["effective"]!.ToJsonString()}\n  us: {actual.ToJsonString()}");
            }

            var expectedLines = expected["settings"]!.AsArray().Select(setting => (int)setting!["line"]!).ToList();
            var actualLines = settings.Settings.Select(setting => setting.Line + 1).ToList();
            if (!expectedLines.SequenceEqual(actualLines))
            {
                mismatches.Add($"{relative}: setting lines differ: xl [{string.Join(",", expectedLines)}], us [{string.Join(",", actualLines)}]");
            }
        }

        Assert.True(files.Count >= 140, $"expected the whole corpus, found {files.Count} files");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {files.Count} files disagree with xl:\n" + string.Join("\n", mismatches));
    }

    private static JsonNode ToJson(ConfigValue value) => value switch
    {
        StringConfigValue text => JsonValue.Create(text.Value),
        ListConfigValue list => new JsonArray([.. list.Items.Select(ToJson)]),
        _ => throw new JsonException("unknown value"),
    };
}
