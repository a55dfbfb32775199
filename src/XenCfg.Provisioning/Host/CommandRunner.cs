using System.Diagnostics;
using System.Text;

namespace XenCfg.Provisioning.Host;

/// <summary>What a command printed and how it ended.</summary>
/// <param name="ExitCode">The exit status; <see cref="CommandResult.NotFound"/> when the program does not exist.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The exit code reported when the program could not be started (as a shell reports it).</summary>
    public const int NotFound = 127;

    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Why the command failed, on one line: the meaningful lines of standard error (or of the output when stderr is
    /// empty), joined with "; ". Left out: LVM's WARNING lines, the usage hints tools append after the real cause
    /// ("Run `lvcreate --help' for more information.") and a usage text from "Usage:" on, which would hide it.
    /// </summary>
    public string Reason
    {
        get
        {
            const int MaxLines = 6;
            var text = StandardError.Trim().Length > 0 ? StandardError : StandardOutput;
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .TakeWhile(line => !line.StartsWith("Usage:", StringComparison.Ordinal))
                .Where(line => !IsNoise(line))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (lines.Count == 0)
            {
                return $"exit status {ExitCode}";
            }

            var shown = string.Join("; ", lines.TakeLast(MaxLines).Select(line => line.TrimEnd('.')));
            return lines.Count > MaxLines ? $"... {shown}" : shown;
        }
    }

    private static bool IsNoise(string line) =>
        line.StartsWith("WARNING:", StringComparison.Ordinal)
        || (line.StartsWith("Run `", StringComparison.Ordinal) && line.Contains("--help", StringComparison.Ordinal))
        || (line.StartsWith("Try '", StringComparison.Ordinal) && line.Contains("--help", StringComparison.Ordinal));
}

/// <summary>
/// Runs a program with an argument vector, never through a shell. Everything the provisioner asks of the host's tools
/// (vgs, lvcreate, mkfs, blkid, exportfs, ...) goes through this, so tests can record and answer the exact argv.
/// </summary>
public interface ICommandRunner
{
    CommandResult Run(IReadOnlyList<string> argv);
}

/// <summary>
/// Runs commands with <see cref="ProcessStartInfo.ArgumentList"/> (one argv element each, no shell), with
/// <c>LC_ALL=C</c> so the output parsed is the same everywhere and <c>LVM_SUPPRESS_FD_WARNINGS=1</c> so LVM does
/// not complain about inherited descriptors. Standard input is empty.
/// </summary>
public sealed class ProcessCommandRunner : ICommandRunner
{
    public static ProcessCommandRunner Instance { get; } = new();

    /// <summary>The longest a command may run (mkfs with population of a large tree takes a while).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public CommandResult Run(IReadOnlyList<string> argv)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count);
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        start.Environment["LVM_SUPPRESS_FD_WARNINGS"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{argv[0]} did not start");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return new CommandResult(CommandResult.NotFound, string.Empty, $"{argv[0]}: {exception.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new CommandResult(-1, output.Result, $"{argv[0]}: killed after {Timeout.TotalMinutes:0} minutes");
            }

            return new CommandResult(process.ExitCode, output.Result, error.Result);
        }
    }
}
