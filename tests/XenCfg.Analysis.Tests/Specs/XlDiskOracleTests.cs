using System.Text.Json;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>
/// Differential test against xl itself: every row of shared/corpus/oracle/disk-cases.tsv holds a disk spec,
/// whether xl accepted it, and xl's interpretation as libxl JSON.
/// </summary>
public sealed class XlDiskOracleTests
{
    private const string CasesFile = "oracle/disk-cases.tsv";

    public static TheoryData<int, string, bool, string> Rows()
    {
        var data = new TheoryData<int, string, bool, string>();
        string? path = Corpus.FileOrNull(CasesFile);
        if (path is null)
            return data;
        var lines = File.ReadAllLines(path);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var columns = lines[i].Split('\t');
            data.Add(i + 1, columns[0], columns[1] == "0", columns[2]);
        }

        return data;
    }

    [CorpusTheory(CasesFile)]
    [MemberData(nameof(Rows))]
    public void Disk_spec_is_read_as_xl_reads_it(int line, string spec, bool accepted, string expectedJson)
    {
        // Rows from multi-argument commands (xl block-attach) hold a JSON array of the arguments.
        var result = spec.StartsWith('[')
            ? XlDiskSpecParser.ParseMany(JsonSerializer.Deserialize<string[]>(spec)!)
            : XlDiskSpecParser.Parse(spec);

        Assert.True(accepted == result.IsAccepted,
            $"line {line}: xl {(accepted ? "accepts" : "refuses")} `{spec}`, we {(result.IsAccepted ? "accept" : "refuse")} it: {string.Join("; ", result.Problems)}");
        Assert.Equal(accepted ? expectedJson : null, result.ToLibxlJson());
    }

    [CorpusTheory(CasesFile)]
    [InlineData(0)]
    public void The_oracle_file_has_rows(int unused)
    {
        _ = unused;
        Assert.True(Rows().Count >= 90, "disk-cases.tsv should hold about a hundred rows");
    }
}
