using System.CommandLine;
using XenCfg.Analysis.Diagnostics;

namespace XenCfg.Cli.Commands;

/// <summary><c>xcfg explain [ID]</c>: a rule's documentation, or the list of all rules.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string?>("id") { Description = "A diagnostic ID such as XCFG0013; without it, every ID is listed.", Arity = ArgumentArity.ZeroOrOne };
        var markdown = new Option<bool>("--markdown") { Description = "Print the whole rule reference as Markdown (docs/rules.md)." };
        var command = new Command("explain", "Explain a diagnostic: why it matters, its source, an example and the fix.") { id, markdown };
        command.SetAction(result => Run(console, result.GetValue(id), result.GetValue(markdown)));
        return command;
    }

    private static int Run(CliConsole console, string? id, bool markdown)
    {
        if (markdown)
        {
            console.Out.Write(RuleReference.Markdown(DiagnosticCatalog.Entries));
            return ExitCodes.Success;
        }

        if (id is null)
        {
            foreach (var entry in DiagnosticCatalog.Entries.OrderBy(entry => entry.Id, StringComparer.Ordinal))
            {
                console.Out.WriteLine($"{entry.Id}  {RuleReference.SeverityName(entry.Descriptor.DefaultSeverity),-7}  {entry.Descriptor.Title}");
            }

            return ExitCodes.Success;
        }

        var found = DiagnosticCatalog.Find(id.Trim());
        if (found is null)
        {
            console.Error.WriteLine($"xcfg: unknown diagnostic ID '{id}'; run 'xcfg explain' to list them");
            return ExitCodes.UsageOrIo;
        }

        console.Out.Write(RuleReference.Text(found));
        return ExitCodes.Success;
    }
}
