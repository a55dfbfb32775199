using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Cli.Inputs;
using XenCfg.Cli.Output;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary><c>xcfg lint PATH...</c>: report what is wrong with configs, for people and for CI.</summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Config files, or directories to search recursively (*.cfg, *.xl, *.xm).",
            Arity = ArgumentArity.OneOrMore,
        };
        var dialect = CommonOptions.DialectOption();
        var command = new Command("lint", "Check Xen domain configs and report every problem found.") { paths, dialect };
        command.SetAction(result => Run(console, result.GetValue(paths)!, new AnalysisOptions(result.GetValue(dialect))));
        return command;
    }

    public static int Run(CliConsole console, IReadOnlyList<string> paths, AnalysisOptions options)
    {
        var reporter = new TextReporter(console.Out, console.OutputIsTerminal);
        int errors = 0, warnings = 0, others = 0, files = 0, unreadable = 0;
        foreach (var (display, full) in InputExpander.Expand(paths, console.CurrentDirectory))
        {
            var (file, error) = ConfigFileReader.Read(display, full, options.ParseOptions);
            if (file is null)
            {
                reporter.ReportInputError(error!);
                unreadable++;
                continue;
            }

            files++;
            var diagnostics = ConfigAnalyzer.Analyze(file.Tree, options);
            reporter.Report(new FileDiagnostics(file.DisplayPath, file.Tree.Text, diagnostics));
            errors += diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            warnings += diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
            others += diagnostics.Count(diagnostic => diagnostic.Severity < DiagnosticSeverity.Warning);
        }

        if (files == 0 && unreadable == 0)
        {
            console.Error.WriteLine($"xcfg: no config files found in {string.Join(", ", paths)} (directories are searched for {string.Join(", ", InputExpander.DefaultPatterns)})");
            return ExitCodes.UsageOrIo;
        }

        reporter.Summary(errors, warnings, others, files, unreadable);
        if (unreadable > 0)
        {
            return ExitCodes.UsageOrIo;
        }

        return errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
