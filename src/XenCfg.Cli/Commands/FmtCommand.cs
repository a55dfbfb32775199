using System.CommandLine;
using XenCfg.Analysis.Formatting;
using XenCfg.Cli.Inputs;
using XenCfg.Syntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg fmt PATH... [--check]</c>: normalise blanks in configs (see <see cref="ConfigFormatter"/>). Rewrites
/// files in place, byte for byte except the blanks it changes; `-` formats standard input to standard output.
/// </summary>
internal static class FmtCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths") { Description = "Config files or directories; `-` for standard input.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Change nothing; list the files that are not formatted and exit 1 if there are any." };
        var dialect = CommonOptions.DialectOption();
        var command = new Command("fmt", "Format configs: consistent blanks, nothing else changed.") { paths, check, dialect };
        command.SetAction(result => Run(console, result.GetValue(paths)!, result.GetValue(check), result.GetValue(dialect)));
        return command;
    }

    private static int Run(CliConsole console, IReadOnlyList<string> paths, bool check, Dialect dialect)
    {
        var options = dialect == Dialect.Xm ? ParseOptions.Xm : ParseOptions.Default;
        if (paths is ["-"])
        {
            return FormatStandardInput(console, options, check);
        }

        int unformatted = 0, failures = 0, files = 0;
        foreach (var (display, full) in InputExpander.Expand(paths, console.CurrentDirectory))
        {
            var (file, error) = ConfigFileReader.Read(display, full, options);
            if (file is null)
            {
                console.Error.WriteLine($"{error!.DisplayPath}: error: {error.Reason}");
                failures++;
                continue;
            }

            files++;
            var formatted = ConfigFormatter.FormatText(file.Tree);
            if (formatted is null)
            {
                console.Error.WriteLine($"{display}: error: not formatted, it has syntax errors (see `xcfg lint {display}`)");
                failures++;
                continue;
            }

            if (formatted == file.Tree.Text.ToString())
            {
                continue;
            }

            unformatted++;
            if (check)
            {
                console.Out.WriteLine($"{display}: would be reformatted");
            }
            else
            {
                File.WriteAllBytes(full, ConfigFileEncoding.Encode(formatted));
                console.Out.WriteLine($"{display}: reformatted");
            }
        }

        if (files == 0 && failures == 0)
        {
            console.Error.WriteLine($"xcfg: no config files found in {string.Join(", ", paths)}");
            return ExitCodes.UsageOrIo;
        }

        if (failures > 0)
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
