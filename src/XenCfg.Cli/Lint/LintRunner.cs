using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
using XenCfg.Cli.Host;
using XenCfg.Cli.Output;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Cli.Lint;

/// <summary>
/// Runs <c>xcfg lint</c>: finds the files and their configs, takes each file's effective options from the project
/// configuration (<see cref="ProjectOptions"/>), reads them in parallel into one workspace (so the cross-file checks
/// see all of them), and prints the report in the chosen format. Exit codes: 0 clean, 1 errors (or more warnings than
/// allowed), 2 usage or I/O.
/// </summary>
public static class LintRunner
{
    private const string StandardInput = "-";

    public static int Run(CliConsole console, LintRequest request)
    {
        if (Validate(request) is { } usage)
        {
            console.Error.WriteLine($"xcfg lint: {usage}");
            return ExitCodes.UsageOrIo;
        }

        // A lint run builds a heap that lives to the end (each file's text, diagnostics and cross-file facts; the
        // workspace lets trees and models go once analysed), and nobody waits on it interactively: background
        // (concurrent) collections only cost CPU here.
        GCSettings.LatencyMode = GCLatencyMode.Batch;
        var timings = new StageTimings(request.Timings);
        Selection selection;
        try
        {
            selection = Select(console, request);
            timings.Done("find");
        }
        catch (ProjectConfigException exception)
        {
            console.Error.WriteLine($"xcfg: bad config file {exception.DescribeFrom(console.CurrentDirectory)}");
            return ExitCodes.UsageOrIo;
        }

        if (selection.Inputs.Count == 0 && selection.Excluded == 0)
        {
            return NothingFound(console, request);
        }

        if (request.Fix != FixMode.None)
        {
            LintFixer.FixFiles(console, request, selection.Inputs.Where(input => !input.File.IsStandardInput));
            timings.Done("fix");
        }

        var report = Analyse(console, request, selection, timings);
        if (report.Files.Count == 0 && report.InputErrors.Count == 0 && selection.Excluded == 0)
        {
            // Everything found was a host's file that turned out not to be a domain config.
            return NothingFound(console, request);
        }

        var exitCode = Print(console, request, report);
        timings.Done("report");
        timings.WriteTo(console.Error);
        return exitCode;
    }

    private static int NothingFound(CliConsole console, LintRequest request)
    {
        var patterns = string.Join(", ", request.Include ?? InputExpander.DefaultPatterns);
        console.Error.WriteLine($"xcfg: no config files found in {string.Join(", ", request.Paths)} (directories are searched for {patterns}, and a host's xen/ folder for domain configs without an extension)");
        return ExitCodes.UsageOrIo;
    }

    private static string? Validate(LintRequest request)
    {
        if (request.Settings.Check() is { } settings)
        {
            return settings;
        }

        var stdin = request.Paths.Count(path => path == StandardInput);
        if (stdin > 1)
        {
            return "`-` (standard input) can be given only once";
        }

        if (request.StdinFileName is not null && stdin == 0)
        {
            return "--stdin-filename names standard input: add `-` to the paths";
        }

        if (request.StdinFileName is "")
        {
            return "--stdin-filename cannot be empty";
        }

        if (request.UnsafeFixesWithoutFix)
        {
            return "--unsafe-fixes works with --fix: give both";
        }

        if (request.Fix != FixMode.None && stdin > 0)
        {
            return "--fix rewrites files and cannot be used with `-` (standard input)";
        }

        return InputExpander.CheckPatterns(request.Include ?? [], "--include") ?? InputExpander.CheckPatterns(request.Exclude, "--exclude");
    }

    /// <summary>A file of the run with its effective options and size limit.</summary>
    internal sealed record Input(InputFile File, AnalysisOptions Options, long MaxFileSize);

    /// <summary>The files to lint and to read for context, each with its options, and the run's warning limit.</summary>
    private sealed record Selection(List<Input> Inputs, List<Input> Context, bool HasStandardInput, int Excluded, int? MaxWarnings);

    /// <summary>
    /// Finds the files and gives each its effective options. Throws <see cref="ProjectConfigException"/> for a config
    /// that cannot be used, before anything is read or written.
    /// </summary>
    private static Selection Select(CliConsole console, LintRequest request)
    {
        var options = request.Settings.Load(console.CurrentDirectory);
        var expander = new InputExpander(console.CurrentDirectory, request.Include, request.Exclude, options.Configs);
        var expansion = expander.Expand(request.Paths.Where(path => path != StandardInput));
        var inputs = expansion.Files.ToList();
        var excluded = expansion.Excluded;
        var hasStdin = false;
        if (request.Paths.Contains(StandardInput))
        {
            var name = request.StdinFileName;
            var full = Path.GetFullPath(name ?? StandardInput, console.CurrentDirectory);
            var config = options.Configs.For(Path.GetDirectoryName(full)!);
            if (name is not null && expander.IsExcludedFile(full, config))
            {
                excluded++;
            }
            else
            {
                // Standard input replaces a file of the same name: it is that file's unsaved contents.
                var real = RegularFile.RealPath(full);
                inputs.RemoveAll(input => input.FullPath == full || (real is not null && input.Identity == real));
                inputs.Add(new InputFile(name ?? StandardInput, full, config, IsStandardInput: true, RealPath: real));
                hasStdin = true;
            }
        }

        var inputIdentities = inputs.Select(input => input.Identity).ToHashSet(StringComparer.Ordinal);
        var context = expander.Expand(request.Context).Files.Where(file => !inputIdentities.Contains(file.Identity)).ToList();
        return new Selection(
            [.. inputs.Select(input => WithOptions(options, input))],
            [.. context.Select(input => WithOptions(options, input))],
            hasStdin,
            excluded,
            options.MaxWarnings(options.Configs.For(console.CurrentDirectory)));
    }

    private static Input WithOptions(ProjectOptions options, InputFile file) =>
        new(file, options.For(file.FullPath, file.Config, file.Autostart), options.MaxFileSize(file.Config));

    private static LintReport Analyse(CliConsole console, LintRequest request, Selection selection, StageTimings timings)
    {
        byte[]? stdinBytes = null;
        if (selection.HasStandardInput)
        {
            using var stream = console.OpenInput();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            stdinBytes = buffer.ToArray();
        }

        var inputs = selection.Inputs;
        var all = inputs.Concat(selection.Context).ToList();

        // Only the text of each file outlives its analysis (for the report); the trees stay in the workspace, which
        // drops their models and red nodes once analysed.
        var texts = new SourceText?[all.Count];
        var errors = new InputError?[all.Count];
        var diagnostics = new ImmutableArray<ConfigDiagnostic>[inputs.Count];
        IStorageResolver resolver = request.Resolve ? new HostStorageResolver() : ConfigOnlyResolver.Instance;

        // Every file of the run is in one workspace, whatever its config says: a host's xl and xm configs can write
        // the same disk. Each file is read, parsed and analysed in one parallel loop: no worker waits for the slowest read.
        var workspace = new ConfigWorkspace(resolver, keepModels: false);
        workspace.SetMany(all.Count, i =>
        {
            var (input, fileOptions, maxFileSize) = all[i];
            var (file, error) = input.IsStandardInput
                ? ConfigFileReader.FromBytes(input.DisplayPath, input.FullPath, stdinBytes!, fileOptions.ParseOptions)
                : ConfigFileReader.Read(input, fileOptions.ParseOptions, maxFileSize);
            errors[i] = error;
            texts[i] = file?.Tree.Text;

            // Files read for context but unreadable are simply left out: lint them directly to see why. A host's file
            // that is not a domain config is neither read nor reported.
            return file is null ? null : new WorkspaceFile(file.Tree, fileOptions);
        });
        timings.Done("read, parse and analyse (workspace)");
        var reported = Enumerable.Range(0, inputs.Count).Where(i => texts[i] is not null).ToList();
        Parallel.ForEach(reported, i => diagnostics[i] = workspace.GetDiagnostics(inputs[i].File.FullPath));
        timings.Done("diagnostics (cross-file, suppressions, severities)");

        var files = new List<LintedFile>();
        var inputErrors = new List<InputError>();
        for (var i = 0; i < inputs.Count; i++)
        {
            if (texts[i] is { } text)
            {
                files.Add(new LintedFile(inputs[i].File.DisplayPath, inputs[i].File.FullPath, text, diagnostics[i]));
            }
            else if (errors[i] is { } error)
            {
                inputErrors.Add(error);
            }
        }

        var displayPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            displayPaths.TryAdd(input.File.FullPath, input.File.DisplayPath);
        }

        return new LintReport(console.CurrentDirectory, files, inputErrors, displayPaths, selection.Excluded, selection.MaxWarnings);
    }

    private static int Print(CliConsole console, LintRequest request, LintReport report)
    {
        TextWriter output = console.Out;
        if (request.OutputPath is { } outputPath)
        {
            try
            {
                output = new StreamWriter(Path.GetFullPath(outputPath, console.CurrentDirectory), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"xcfg: cannot write {outputPath}: {exception.Message}");
                return ExitCodes.UsageOrIo;
            }
        }

        try
        {
            ILintReporter reporter = request.Format switch
            {
                LintFormat.Json => new JsonReporter(output),
                LintFormat.Sarif => new SarifReporter(output),
                LintFormat.GitHub => new GitHubReporter(output),
                _ => new TextReporter(output, rich: console.OutputIsTerminal && request.OutputPath is null, colour: console.UseColour),
            };
            reporter.Write(report);
        }
        finally
        {
            if (!ReferenceEquals(output, console.Out))
            {
                output.Dispose();
            }
        }

        // The machine formats carry unreadable files inside the document; say it on standard error too, for the log.
        if (request.Format is LintFormat.Json or LintFormat.Sarif)
        {
            foreach (var error in report.InputErrors)
            {
                console.Error.WriteLine($"xcfg: {error.DisplayPath}: {error.Reason}");
            }
        }

        return report.ExitCode;
    }

    /// <summary>`--timings`: how long each stage took, printed on standard error at the end (for profiling).</summary>
    private sealed class StageTimings(bool enabled)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(string Stage, double Milliseconds)> _stages = [];
        private double _last;

        public void Done(string stage)
        {
            if (!enabled)
            {
                return;
            }

            var now = _clock.Elapsed.TotalMilliseconds;
            _stages.Add((stage, now - _last));
            _last = now;
        }

        public void WriteTo(TextWriter error)
        {
            if (enabled)
            {
                var stages = _stages.Select(stage => string.Create(CultureInfo.InvariantCulture, $"{stage.Stage} {stage.Milliseconds:F0} ms"));
                // Collections by generation and the time the program stood paused for them: most of a lint's time can be GC.
                var collections = string.Create(CultureInfo.InvariantCulture, $"gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"xcfg: timings: {string.Join(", ", stages)}; total {_last:F0} ms; {collections}"));
            }
        }
    }
}
