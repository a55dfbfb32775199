using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Analysis.Provisioning;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
using XenCfg.Provisioning;
using XenCfg.Provisioning.Host;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg provision FILE... [--apply] [--format text|sh|json]</c>: creates the storage the configs' <c># xcfg:</c>
/// annotations declare (image files, file systems, LVM volumes and snapshots, NFS roots and their exports). Without
/// --apply it only prints the plan. Exit codes are its own (<see cref="ProvisionExitCodes"/>): 0 nothing to do,
/// 2 changes planned or applied, 3 refused, 4 partly applied, 1 error, 64 usage.
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
            Description = "The file --apply appends what it does to (JSON lines).",
            DefaultValueFactory = _ => "xcfg-provision.journal",
        };
        var configOptions = new ConfigOptions();
        var command = new Command("provision", "Create the storage the configs' `# xcfg:` annotations declare; prints the plan unless --apply.")
        {
            files, apply, format, size, fs, exportsDirectory, journal,
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

    private static int Run(CliConsole console, IReadOnlyList<string> paths, bool apply, ProvisionFormat format, string? size, string? fs, string exportsDirectory, string journal, CommandLineSettings settings)
    {
        if (settings.Check() is { } usage)
        {
            return Usage(console, usage);
        }

        if (apply && format == ProvisionFormat.Sh)
        {
            return Usage(console, "--apply and --format sh do not go together: the script is the plan for someone else to apply");
        }

        if (size is not null && SizeParser.Parse(size).Value is not { Bytes: > 0 })
        {
            return Usage(console, $"--size {size}: not a size; write a number and a unit, e.g. 512M or 2G");
        }

        if (fs is not null && !AnnotationKeys.FilesystemTypes.Contains(fs))
        {
            return Usage(console, $"--fs {fs}: use one of {string.Join(", ", AnnotationKeys.FilesystemTypes)}");
        }

        if (SafePaths.Check(exportsDirectory) is { } badDirectory)
        {
            return Usage(console, $"--exports-dir: {badDirectory}");
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

        var options = new ProvisionOptions
        {
            PerFile = path => perFile.TryGetValue(path, out var analysis) ? analysis : AnalysisOptions.Default,
            Overrides = new(size, fs),
            ExportsDirectory = exportsDirectory,
        };
        var request = new ProvisionRequest(trees, format, apply, options, Path.GetFullPath(journal, console.CurrentDirectory), path => display.GetValueOrDefault(path, path));
        return ProvisionRun.Execute(request, new HostTools(ProcessCommandRunner.Instance, LinuxFileSystem.Instance), console.Out, console.Error);
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"xcfg provision: {message}");
        return UsageExitCode;
    }
}
