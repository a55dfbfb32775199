using System.Diagnostics;
using System.Text;

namespace XenCfg.Cli.Tests;

/// <summary>Runs xcfg in process, with captured output, as a user would from a given directory.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, params string[] args) =>
        Run(workingDirectory, [], args);

    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, byte[] input, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, () => new MemoryStream(input), outputIsTerminal: false, workingDirectory);
        var code = XcfgApp.Run(args, console);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The built xcfg executable, for tests that must run it as a separate process.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "xcfg");

    public static (int ExitCode, string Output, string Error) RunProcess(string workingDirectory, params string[] args) =>
        RunProcess(workingDirectory, [], args);

    public static (int ExitCode, string Output, string Error) RunProcess(string workingDirectory, byte[] input, params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"xcfg {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
