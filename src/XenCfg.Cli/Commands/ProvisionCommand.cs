using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Analysis.Provisioning;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
using XenCfg.Provisioning;
using XenCfg.Provisioning.Execution;
using XenCfg.Provisioning.Host;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg provision FILE... [--apply] [--format text|sh|json]</c>: creates the storage the configs' <c># xcfg:</c>
/// annotations declare (image files, file systems, LVM volumes and snapshots, NFS roots and their exports). Without
/// --apply it only prints the plan. Exit codes (<see cref="ProvisionExitCodes"/>): 0 success, 1 error before any
/// change, 2 changes planned or applied (only with --detailed-exitcode), 3 refused, 4 partly applied, 64 usage.
/// </summary>
internal static class ProvisionCommand
{
    public const int UsageExitCode = ProvisionExitCodes.Usage;

    public static Command Create(CliConsole console)
    {
        var files = new Argument<string[]>("files") { Description = "Config files (or directories searched for *.cfg, *.xl, *.xm).", Arity = ArgumentArity.OneOrMore };
        var apply = new Option<bool>("--apply") { Description = "Make the changes: each precondition is checked again just before its step and each result verified after it." };
        var format = new Option<ProvisionFormat>("--format")
        {
            Description = "text (default): the plan; sh: a bash script of the plan with guards; json: the plan for machines.",
            DefaultValueFactory = _ => ProvisionFormat.Text,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "text";
                if (Enum.TryParse<ProvisionFormat>(text, ignoreCase: true, out var value) && !int.TryParse(text, out _))
                {
                    return value;
                }

                result.AddError($"unknown format '{text}': use text, sh or json");
                return ProvisionFormat.Text;
            },
        };
        var size = new Option<string?>("--size") { Description = "Use this size for every annotated disk, instead of its size= (LVM units: 512M, 2G)." };
        var fs = new Option<string?>("--fs") { Description = "Use this file system for every annotated disk that is not a snapshot, instead of its fs= (ext4, ext3, ext2, swap, none)." };
        var exportsDirectory = new Option<string>("--exports-dir")
        {
            Description = "Where NFS exports entries are written (one xcfg-DOMAIN.exports file per domain).",
            DefaultValueFactory = _ => ProvisionOptions.Default.ExportsDirectory,
        };
        var journal = new Option<string>("--journal")
        {
            Description = $"The file --apply appends what it does to (JSON lines, mode 0600, never through a symbolic link); default {FileJournal.DefaultPath}.",
            DefaultValueFactory = _ => FileJournal.DefaultPath,
        };
        var allowSystemPath = new Option<string[]>("--allow-system-path")
        {
            Description = "Accept this system directory (e.g. /srv) as an NFS root or populate source, which is refused otherwise; repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var detailedExitCode = new Option<bool>("--detailed-exitcode")
        {
            Description = "Exit 2 when changes are planned (or, with --apply, were made), 0 only when there is nothing to do.",
        };
        var configOptions = new ConfigOptions();
        var command = new Command("provision", "Create the storage the configs' `# xcfg:` annotations declare; prints the plan unless --apply.")
        {
            files, apply, format, size, fs, exportsDirectory, journal, allowSystemPath, detailedExitCode,
        };
        configOptions.AddTo(command);
        command.SetAction(result => Guarded(console, () => Run(
            console,
            result.GetValue(files)!,
            result.GetValue(apply),
            result.GetValue(format),
            result.GetValue(size),
            result.GetValue(fs),
            result.GetValue(exportsDirectory)!,
            result.GetValue(journal)!,
            new SafetyOptions(result.GetValue(allowSystemPath) ?? [], result.GetValue(detailedExitCode)),
            configOptions.Read(result))));
        return command;
    }

    /// <summary>
    /// An unexpected exception exits 1 here, not with the 2 the other commands use: for provision, 2 means "changes".
    /// </summary>
    private static int Guarded(CliConsole console, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("XCFG_DEBUG") != "1")
        {
            console.Error.WriteLine($"xcfg provision: internal error: {exception.GetType().Name}: {exception.Message}");
            return ProvisionExitCodes.Error;
        }
    }

    /// <summary>--allow-system-path and --detailed-exitcode.</summary>
    private sealed record SafetyOptions(IReadOnlyList<string> AllowSystemPaths, bool DetailedExitCode);

    private static int Run(CliConsole console, IReadOnlyList<string> paths, bool apply, ProvisionFormat format, string? size, string? fs, string exportsDirectory, string journal, SafetyOptions safety, CommandLineSettings settings)
    {
        if (settings.Check() is { } usage)
        {
            return Usage(console, usage);
        }

        if (apply && format == ProvisionFormat.Sh)
        {
            return Usage(console, "--apply and --format sh do not go together: the script is the plan for someone else to apply");
        }

        if (size is not null && SizeParser.Parse(size).Value is not { Bytes: > 0 and <= long.MaxValue })
        {
            return Usage(console, $"--size {size}: not a size a disk can have; write a number and a unit, e.g. 512M or 2G (at most 8E less one byte)");
        }

        if (fs is not null && !AnnotationKeys.FilesystemTypes.Contains(fs))
        {
            return Usage(console, $"--fs {fs}: use one of {string.Join(", ", AnnotationKeys.FilesystemTypes)}");
        }

        if (SafePaths.Check(exportsDirectory) is { } badDirectory)
        {
            return Usage(console, $"--exports-dir: {badDirectory}");
        }

        if (safety.AllowSystemPaths.Select(path => SafePaths.Check(path) is { } why ? $"--allow-system-path: {why}" : SystemPaths.Check(path) is null ? $"--allow-system-path {path}: not a system directory xcfg provision refuses (see docs/provisioning.md)" : null)
            .FirstOrDefault(problem => problem is not null) is { } badAllowed)
        {
            return Usage(console, badAllowed);
        }

        if (journal.Length == 0)
        {
            return Usage(console, "--journal: the path is empty");
        }

        if (!OperatingSystem.IsLinux())
        {
            console.Error.WriteLine("xcfg provision: runs on Linux only (it creates Linux storage: loop files, LVM, NFS exports)");
            return ProvisionExitCodes.Error;
        }

        // Each config is read with its effective options (its .xcfg.toml under the command line's, its host), as lint
        // reads it: provisioning refuses what lint reports as an error, so the two must see the same file.
        var trees = new List<SyntaxTree>();
        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        var perFile = new Dictionary<string, AnalysisOptions>(StringComparer.Ordinal);
        try
        {
            var project = settings.Load(console.CurrentDirectory);
            foreach (var input in new InputExpander(console.CurrentDirectory, null, [], project.Configs).Expand(paths).Files)
            {
                var analysis = project.For(input.FullPath, input.Config, input.Autostart);
                var (file, error) = ConfigFileReader.Read(input, analysis.ParseOptions, project.MaxFileSize(input.Config));
                if (error is not null)
                {
                    console.Error.WriteLine($"{error.DisplayPath}: error: {error.Reason}");
                    return ProvisionExitCodes.Error;
                }

                if (file is null)
                {
                    continue;
                }

                display[input.FullPath] = input.DisplayPath;
                perFile[input.FullPath] = analysis;
                trees.Add(file.Tree);
            }
        }
        catch (ProjectConfigException exception)
        {
            console.Error.WriteLine($"xcfg provision: bad config file {exception.DescribeFrom(console.CurrentDirectory)}");
            return ProvisionExitCodes.Error;
        }

        if (trees.Count == 0)
        {
            console.Error.WriteLine($"xcfg provision: no config files found in {string.Join(", ", paths)}");
            return ProvisionExitCodes.Error;
        }

        var host = new HostTools(ProcessCommandRunner.Instance, LinuxFileSystem.Instance);
        var options = new ProvisionOptions
        {
            PerFile = path => perFile.TryGetValue(path, out var analysis) ? analysis : AnalysisOptions.Default,
            Overrides = new(size, fs) { AllowedSystemPaths = AllowedPaths(host, safety.AllowSystemPaths) },
            ExportsDirectory = exportsDirectory,
        };
        var request = new ProvisionRequest(trees, format, apply, options, Path.GetFullPath(journal, console.CurrentDirectory), path => display.GetValueOrDefault(path, path))
        {
            DetailedExitCode = safety.DetailedExitCode,
        };
        return ProvisionRun.Execute(request, host, console.Out, console.Error);
    }

    /// <summary>Each allowed directory as written and with its symbolic links resolved (the plan compares both).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static HashSet<string> AllowedPaths(HostTools host, IReadOnlyList<string> paths)
    {
        var allowed = new HashSet<string>(paths, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                allowed.Add(host.Files.RealPath(path));
            }
            catch (IOException)
            {
                // The plan refuses what it cannot resolve; the path as written is still allowed.
            }
        }

        return allowed;
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"xcfg provision: {message}");
        return UsageExitCode;
    }
}
