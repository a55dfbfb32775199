using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Analysis.Provisioning;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Cli.Inputs;
using System.CommandLine.Parsing;
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
        var dialect = CommonOptions.DialectOption();
        var command = new Command("provision", "Create the storage the configs' `# xcfg:` annotations declare; prints the plan unless --apply.")
        {
            files, apply, format, size, fs, exportsDirectory, journal, allowSystemPath, detailedExitCode, dialect,
        };
        command.SetAction(result => Guarded(console, () => Run(
            console,
            new ProvisionCommandLine(
                LiteralFiles(result, files),
                result.GetValue(apply),
                result.GetValue(format),
                result.GetValue(size),
                result.GetValue(fs),
                result.GetValue(exportsDirectory)!,
                result.GetValue(journal)!,
                result.GetValue(allowSystemPath) ?? [],
                result.GetValue(detailedExitCode),
                result.GetValue(dialect)))));
        return command;
    }

    /// <summary>The command line once parsed. <see cref="Files"/> says for each file whether it came after <c>--</c>.</summary>
    private sealed record ProvisionCommandLine(
        IReadOnlyList<(string Path, bool AfterDoubleDash)> Files,
        bool Apply,
        ProvisionFormat Format,
        string? Size,
        string? Fs,
        string ExportsDirectory,
        string Journal,
        IReadOnlyList<string> AllowSystemPaths,
        bool DetailedExitCode,
        Dialect Dialect);

    /// <summary>
    /// The file arguments, each marked when it follows <c>--</c>: after it a word starting with <c>-</c> is a file
    /// (<c>xcfg provision -- -x.cfg</c>); before it, it is an option this command does not know.
    /// </summary>
    private static List<(string Path, bool AfterDoubleDash)> LiteralFiles(ParseResult result, Argument<string[]> files)
    {
        var tokens = result.Tokens;
        var doubleDash = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                doubleDash = i;
                break;
            }
        }

        var fileTokens = result.GetResult(files)?.Tokens ?? [];
        return [.. fileTokens.Select(token => (token.Value, doubleDash >= 0 && IndexOf(tokens, token) > doubleDash))];
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
            {
                return i;
            }
        }

        return -1;
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

    private static int Run(CliConsole console, ProvisionCommandLine line)
    {
        var (files, apply, format, size, fs, exportsDirectory, journal, allowSystemPaths, detailedExitCode, dialect) = line;

        // An unknown option reaches here as a file name (the files argument takes any token); after `--` it is a file.
        if (files.FirstOrDefault(file => !file.AfterDoubleDash && file.Path.StartsWith('-') && file.Path != "-") is { Path: { } unknown })
        {
            return Usage(console, $"unknown option '{unknown}'; see 'xcfg provision --help' (a file whose name starts with '-' goes after '--')");
        }

        var paths = files.Select(file => file.Path).ToList();
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

        if (allowSystemPaths.Select(path => SafePaths.Check(path) is { } why ? $"--allow-system-path: {why}" : SystemPaths.Check(path) is null ? $"--allow-system-path {path}: not a system directory xcfg provision refuses (see docs/provisioning.md)" : null)
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

        var analysis = new AnalysisOptions(dialect);
        var trees = new List<SyntaxTree>();
        var display = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (displayPath, fullPath) in InputExpander.Expand(paths, console.CurrentDirectory))
        {
            if (display.ContainsKey(fullPath))
            {
                continue;
            }

            var (file, error) = ConfigFileReader.Read(displayPath, fullPath, analysis.ParseOptions);
            if (file is null)
            {
                console.Error.WriteLine($"{error!.DisplayPath}: error: {error.Reason}");
                return ProvisionExitCodes.Error;
            }

            display[fullPath] = displayPath;
            trees.Add(file.Tree);
        }

        if (trees.Count == 0)
        {
            console.Error.WriteLine($"xcfg provision: no config files found in {string.Join(", ", paths)}");
            return ProvisionExitCodes.Error;
        }

        var host = new HostTools(ProcessCommandRunner.Instance, LinuxFileSystem.Instance);
        var options = new ProvisionOptions
        {
            Analysis = analysis,
            Overrides = new(size, fs) { AllowedSystemPaths = AllowedPaths(host, allowSystemPaths) },
            ExportsDirectory = exportsDirectory,
        };
        var request = new ProvisionRequest(trees, format, apply, options, Path.GetFullPath(journal, console.CurrentDirectory), path => display.GetValueOrDefault(path, path))
        {
            DetailedExitCode = detailedExitCode,
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
