using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
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
        var files = new List<ConfigFile>();
        var unreadable = 0;
        foreach (var (display, full) in InputExpander.Expand(paths, console.CurrentDirectory))
        {
            var (file, error) = ConfigFileReader.Read(display, full, options.ParseOptions);
            if (file is null)
            {
                reporter.ReportInputError(error!);
                unreadable++;
                continue;
            }

            files.Add(file);
        }

        if (files.Count == 0 && unreadable == 0)
        {
            console.Error.WriteLine($"xcfg: no config files found in {string.Join(", ", paths)} (directories are searched for {string.Join(", ", InputExpander.DefaultPatterns)})");
            return ExitCodes.UsageOrIo;
        }

        // Every input goes into one workspace, so the cross-file checks see them all.
        var workspace = new ConfigWorkspace(options);
        workspace.SetMany([.. files.Select(file => file.Tree)]);
        int errors = 0, warnings = 0, others = 0;
        foreach (var file in files)
        {
            var diagnostics = workspace.GetDiagnostics(file.FullPath);
            reporter.Report(new FileDiagnostics(file.DisplayPath, file.Tree.Text, diagnostics));
            errors += diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
            warnings += diagnostics.Count(diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning);
            others += diagnostics.Count(diagnostic => diagnostic.Severity < DiagnosticSeverity.Warning);
        }

        reporter.Summary(errors, warnings, others, files.Count, unreadable);
        if (unreadable > 0)
        {
            return ExitCodes.UsageOrIo;
        }

        return errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
