using System.CommandLine;
using XenCfg.Analysis.Formatting;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
using XenCfg.Syntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg fmt PATH... [--check]</c>: normalise blanks in configs (see <see cref="ConfigFormatter"/>). Rewrites
/// files in place, byte for byte except the blanks it changes; `-` formats standard input to standard output.
/// Files are found, and read with the dialect and size limit, as lint finds and reads them (the project
/// configuration). Every file is read before any is written: when one cannot be read, nothing is written.
/// </summary>
internal static class FmtCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Config files or directories; `-` for standard input.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Change nothing; list the files that are not formatted and exit 1 if there are any." };
        var configOptions = new ConfigOptions();
        var command = new Command("fmt", "Format configs: consistent blanks, nothing else changed.") { paths, check };
        configOptions.AddTo(command);
        command.SetAction(result => Run(console, result.GetValue(paths)!, result.GetValue(check), configOptions.Read(result)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, bool check, CommandLineSettings settings)
    {
        if (settings.Check() is { } usage)
        {
            console.Error.WriteLine($"xcfg fmt: {usage}");
            return ExitCodes.UsageOrIo;
        }

        if (paths.Contains("-") && paths.Count > 1)
        {
            console.Error.WriteLine("xcfg fmt: `-` (standard input) formats to standard output and goes alone");
            return ExitCodes.UsageOrIo;
        }

        try
        {
            var options = settings.Load(console.CurrentDirectory);
            return paths is ["-"]
                ? FormatStandardInput(console, options.For(Path.Combine(console.CurrentDirectory, "-")).ParseOptions, check)
                : Format(console, paths, check, options);
        }
        catch (ProjectConfigException exception)
        {
            console.Error.WriteLine($"xcfg: bad config file {exception.DescribeFrom(console.CurrentDirectory)}");
            return ExitCodes.UsageOrIo;
        }
    }

    private static int Format(CliConsole console, IReadOnlyList<string> paths, bool check, ProjectOptions options)
    {
        var expansion = new InputExpander(console.CurrentDirectory, null, [], options.Configs).Expand(paths);

        // Everything is read first: a path that cannot be read (a typo, a FIFO, a file too large) stops the run
        // before a single file is rewritten.
        var files = new List<ConfigFile>();
        var unreadable = 0;
        foreach (var input in expansion.Files)
        {
            var (file, error) = ConfigFileReader.Read(input, options.For(input.FullPath, input.Config, input.Autostart).ParseOptions, options.MaxFileSize(input.Config));
            if (error is not null)
            {
                console.Error.WriteLine($"{error.DisplayPath}: error: {error.Reason}");
                unreadable++;
            }
            else if (file is not null)
            {
                files.Add(file);
            }
        }

        if (unreadable > 0)
        {
            console.Error.WriteLine($"xcfg fmt: nothing was written: {unreadable} file{(unreadable == 1 ? "" : "s")} could not be read");
            return ExitCodes.UsageOrIo;
        }

        if (files.Count == 0 && expansion.Excluded == 0)
        {
            console.Error.WriteLine($"xcfg: no config files found in {string.Join(", ", paths)} (directories are searched for {string.Join(", ", InputExpander.DefaultPatterns)}, and a host's xen/ folder for domain configs without an extension)");
            return ExitCodes.UsageOrIo;
        }

        int unformatted = 0, broken = 0;
        foreach (var file in files)
        {
            var formatted = ConfigFormatter.FormatText(file.Tree);
            if (formatted is null)
            {
                console.Error.WriteLine($"{file.DisplayPath}: error: not formatted, it has syntax errors (see `xcfg lint {file.DisplayPath}`)");
                broken++;
                continue;
            }

            if (formatted == file.Tree.Text.ToString())
            {
                continue;
            }

            unformatted++;
            if (check)
            {
                console.Out.WriteLine($"{file.DisplayPath}: would be reformatted");
            }
            else
            {
                File.WriteAllBytes(file.FullPath, ConfigFileEncoding.Encode(formatted));
                console.Out.WriteLine($"{file.DisplayPath}: reformatted");
            }
        }

        if (broken > 0)
        {
            return ExitCodes.UsageOrIo;
        }

        return check && unformatted > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static int FormatStandardInput(CliConsole console, ParseOptions options, bool check)
    {
        using var input = console.OpenInput();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        var tree = SyntaxTree.ParseBytes(buffer.ToArray(), options, "-");
        var formatted = ConfigFormatter.FormatText(tree);
        if (formatted is null)
        {
            console.Error.WriteLine("-: error: not formatted, it has syntax errors (see `xcfg lint -`)");
            return ExitCodes.UsageOrIo;
        }

        if (check)
        {
            return formatted == tree.Text.ToString() ? ExitCodes.Success : ExitCodes.Findings;
        }

        // Write bytes, not text: bytes that are not UTF-8 go back out exactly as they came in.
        console.Out.Flush();
        var bytes = ConfigFileEncoding.Encode(formatted);
        if (console.Out is StreamWriter { BaseStream: var stream })
        {
            stream.Write(bytes);
            stream.Flush();
        }
        else
        {
            console.Out.Write(formatted);
        }

        return ExitCodes.Success;
    }
}
