using System.Diagnostics;
using System.Globalization;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// LSP's <c>processId</c>: "if the parent process is not alive then the server should exit". An editor that dies
/// usually closes our standard input, which ends the server anyway; this covers the case where something else keeps
/// the pipe open (a grandchild, a wrapper script).
/// </summary>
internal static class ClientProcessWatch
{
    public static async Task WatchAsync(int processId, TimeSpan interval, Action gone, CancellationToken cancellationToken)
    {
        try
        {
            while (IsAlive(processId))
            {
                await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            }

            gone();
        }
        catch (OperationCanceledException)
        {
            // The server is stopping anyway.
        }
    }

    /// <summary>Whether the process runs (a zombie, dead but not yet reaped by its parent, does not).</summary>
    internal static bool IsAlive(int processId)
    {
        var stat = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // "pid (comm) S ...": the state follows the last ')' (the command name may hold parentheses).
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..].TrimStart();
                return state.Length > 0 && state[0] is not ('Z' or 'X');
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false;
        }
    }
}
