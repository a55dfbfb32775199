using System.CommandLine;
using System.CommandLine.Parsing;
using XenCfg.Cli.Commands;

namespace XenCfg.Cli;

/// <summary>
/// The `xcfg` command line: builds the command tree and runs it. Usage errors exit 2 (provision: 64) with a one-line
/// hint, before anything is read or written; an unexpected exception exits 2 with one line, never a stack trace (set
/// XCFG_DEBUG=1 to see it). A word starting with `-` where a path or an ID is expected is an unknown option, not a
/// file name; `--` ends the options, so `xcfg lint -- -odd-name.cfg` reads that file.
/// </summary>
public static class XcfgApp
{
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        var root = new RootCommand("xcfg: lint, format, inspect and provision Xen domain configuration files.")
        {
            LintCommand.Create(console),
            InspectCommand.Create(console),
            FmtCommand.Create(console),
            ExplainCommand.Create(console),
            LspCommand.Create(console),
            ProvisionCommand.Create(console),
        };

        var result = root.Parse(args);
        var unknown = UnknownOptions(result);
        if (result.Errors.Count > 0 || unknown.Count > 0)
        {
            var command = result.CommandResult.Command.Name;
            foreach (var option in unknown)
            {
                var hint = command == "explain" ? string.Empty : $" (to name a file that starts with '-', write ./{option} or put it after `--`)";
                console.Error.WriteLine($"xcfg {command}: unknown option '{option}'{hint}");
            }

            foreach (var error in result.Errors)
            {
                console.Error.WriteLine($"xcfg: {error.Message}");
            }

            console.Error.WriteLine("Run 'xcfg --help' for usage.");
            return result.CommandResult.Command.Name == "provision" ? ProvisionCommand.UsageExitCode : ExitCodes.UsageOrIo;
        }

        try
        {
            return result.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception) when (Environment.GetEnvironmentVariable("XCFG_DEBUG") != "1")
        {
            console.Error.WriteLine($"xcfg: internal error: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    /// <summary>
    /// Words a command's arguments took that look like options: System.CommandLine gives every token an argument can
    /// hold to it, so `xcfg fmt --chek f.cfg` would otherwise format a file called `--chek` (and then f.cfg). Only
    /// `-` (standard input) and words after `--` are arguments whatever they look like.
    /// </summary>
    private static List<string> UnknownOptions(ParseResult result)
    {
        var endOfOptions = result.Tokens.Count;
        for (var i = 0; i < result.Tokens.Count; i++)
        {
            if (result.Tokens[i].Type == TokenType.DoubleDash)
            {
                endOfOptions = i;
                break;
            }
        }

        var beforeEnd = new HashSet<Token>(result.Tokens.Take(endOfOptions), ReferenceEqualityComparer.Instance);
        return
        [
            .. result.CommandResult.Children.OfType<ArgumentResult>()
                .SelectMany(argument => argument.Tokens)
                .Where(token => token.Value.Length > 1 && token.Value[0] == '-' && beforeEnd.Contains(token))
                .Select(token => token.Value),
        ];
    }
}
