using System.CommandLine;
using System.Runtime;
using XenCfg.LanguageServer;
using XenCfg.LanguageServer.Hosting;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg lsp</c>: the language server on standard input and output. Standard output carries only the protocol:
/// it is opened as a raw stream, and <see cref="Console.Out"/> is pointed at standard error while the server runs,
/// so a stray write anywhere cannot corrupt the stream. Logs go to standard error.
/// </summary>
internal static class LspCommand
{
    public static Command Create(CliConsole console)
    {
        var logLevel = new Option<LogLevel?>("--log-level")
        {
            Description = "How much to log on standard error: debug, info, warning, error or off. Without it: warnings and errors, "
                + "or what the editor's trace setting asks for (messages: info, verbose: debug).",
        };

        // Editors' client libraries add these when they launch a server over stdio; stdio is the only transport.
        var stdio = new Option<bool>("--stdio") { Description = "Talk over standard input and output (the default and only transport).", Hidden = true };
        var clientProcessId = new Option<int?>("--clientProcessId") { Hidden = true };
        var command = new Command("lsp", "Run the language server (LSP over standard input and output), for editors.") { logLevel, stdio, clientProcessId };
        command.SetAction(result => Run(console, result.GetValue(logLevel)));
        return command;
    }

    private static int Run(CliConsole console, LogLevel? logLevel)
    {
        using var input = console.OpenInput();
        using var output = console.OpenOutput();
        var previousOut = Console.Out;
        Console.SetOut(console.Error);

        // The server keeps a workspace of trees alive and allocates a new tree per keystroke: keep the full, blocking
        // collections of that long-lived heap out of the way of the diagnostics the user is waiting for.
        var previousLatency = GCSettings.LatencyMode;
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        try
        {
            // The host checks (xcfg.hostChecks) re-read dom0's mounts and domains at most every few seconds.
            var host = new Host.HostStorageResolver(maxAge: TimeSpan.FromSeconds(5));
            var server = new XcfgLanguageServer(input, output, new LanguageServerOptions { Log = console.Error, LogLevel = logLevel, HostStorage = host });
            return server.RunAsync().GetAwaiter().GetResult();
        }
        finally
        {
            GCSettings.LatencyMode = previousLatency;
            Console.SetOut(previousOut);
        }
    }
}
