using System.CommandLine;
using XenCfg.Cli.Commands;

namespace XenCfg.Cli;

/// <summary>
/// The `xcfg` command line: builds the command tree and runs it. Usage errors exit 2 with a one-line hint; an
/// unexpected exception exits 2 with one line, never a stack trace (set XCFG_DEBUG=1 to see it).
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
        if (result.Errors.Count > 0)
        {
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
}
