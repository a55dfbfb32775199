using XenCfg.Provisioning.Host;
using Xunit.Sdk;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>Runs host tools from tests (argv, no shell).</summary>
internal static class Commands
{
    public static CommandResult Run(params string[] argv) => ProcessCommandRunner.Instance.Run(argv);

    public static string Must(params string[] argv)
    {
        var result = Run(argv);
        return result.Succeeded ? result.StandardOutput : throw new XunitException($"{string.Join(' ', argv)} failed ({result.ExitCode}): {result.StandardError}");
    }
}
