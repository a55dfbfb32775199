using XenCfg.Analysis;
using XenCfg.Analysis.CodeFixes;
using XenCfg.Configuration.Inputs;
using XenCfg.Syntax.Text;

namespace XenCfg.Cli.Lint;

/// <summary>
/// <c>xcfg lint --fix</c>: applies the code fixes to each file (safe ones, or all with <c>--unsafe-fixes</c>), pass after
/// pass until nothing more applies, and writes the file back byte for byte apart from the fixes. Lint then reports
/// what is left. A summary goes to standard error, so machine formats on standard output stay clean.
/// </summary>
internal static class LintFixer
{
    /// <summary>Enough passes for fixes that were skipped because they overlapped an earlier one.</summary>
    private const int MaxPasses = 10;

    /// <summary>Fixes each file under its own options: a rule turned off in its config is not fixed either.</summary>
    public static void FixFiles(CliConsole console, LintRequest request, IEnumerable<LintRunner.Input> files)
    {
        int fixes = 0, fixedFiles = 0;
        foreach (var (input, options, maxFileSize) in files)
        {
            // A file that cannot be read is left as it is; the report that follows says why.
            var (file, _) = ConfigFileReader.Read(input, options.ParseOptions, maxFileSize);
            if (file is null)
            {
                continue;
            }

            var (display, full) = (input.DisplayPath, input.FullPath);

            var tree = file.Tree;
            var applied = 0;
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                var diagnostics = ConfigAnalyzer.Analyze(tree, options);
                var (text, count) = CodeFixRegistry.ApplyAll(tree, diagnostics, includeUnsafe: request.Fix == FixMode.Unsafe);
                if (count == 0)
                {
                    break;
                }

                applied += count;
                tree = tree.WithText(text);
            }

            if (applied == 0)
            {
                continue;
            }

            File.WriteAllBytes(full, ConfigFileEncoding.Encode(tree.Text.ToString()));
            fixes += applied;
            fixedFiles++;
            console.Error.WriteLine($"{display}: fixed {applied} problem{(applied == 1 ? "" : "s")}");
        }

        console.Error.WriteLine($"xcfg: fixed {fixes} problem{(fixes == 1 ? "" : "s")} in {fixedFiles} file{(fixedFiles == 1 ? "" : "s")}");
    }
}
