namespace XenCfg.Cli;

/// <summary>
/// The streams a command talks to. Commands never touch <see cref="Console"/> directly, so tests can run them in
/// process, and the language server can own stdout.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, Func<Stream> openInput, bool outputIsTerminal = false, string? currentDirectory = null, bool useColour = true)
    {
        Out = output;
        Error = error;
        OpenInput = openInput;
        OutputIsTerminal = outputIsTerminal;
        UseColour = outputIsTerminal && useColour;
        CurrentDirectory = currentDirectory ?? Directory.GetCurrentDirectory();
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Opens standard input (for `-` arguments and the language server).</summary>
    public Func<Stream> OpenInput { get; }

    /// <summary>Opens standard output as a raw stream (the language server's protocol channel); tests give another stream.</summary>
    public Func<Stream> OpenOutput { get; init; } = OpenRawStandardOutput;

    /// <summary>True when standard output is a terminal: then text output shows source lines with carets.</summary>
    public bool OutputIsTerminal { get; }

    /// <summary>True when text output on the terminal may use colour: not when NO_COLOR is set (https://no-color.org).</summary>
    public bool UseColour { get; }

    public string CurrentDirectory { get; }

    /// <summary>
    /// The process's console. Standard output is buffered (a lint of thousands of files prints thousands of lines;
    /// the console's own writer flushes after each); <see cref="Program"/> flushes it before exit.
    /// </summary>
    public static CliConsole FromSystemConsole()
    {
        var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        return new(output, Console.Error, Console.OpenStandardInput, !Console.IsOutputRedirected, useColour: string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));
    }

    /// <summary>
    /// File descriptor 1 itself on Unix: unlike <see cref="Console.OpenStandardOutput()"/>, which silently drops
    /// writes to a pipe whose reader has gone (EPIPE), a write then fails, so the language server notices that its
    /// client went away.
    /// </summary>
    private static Stream OpenRawStandardOutput() =>
        OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
}
