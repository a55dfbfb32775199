namespace XenCfg.Cli;

/// <summary>Exit codes shared by the commands (provision has its own, see ProvisionExitCodes).</summary>
public static class ExitCodes
{
    /// <summary>Nothing to report.</summary>
    public const int Success = 0;

    /// <summary>Errors were found (or, for lint, more warnings than --max-warnings).</summary>
    public const int Findings = 1;

    /// <summary>Bad command line, or a file that could not be read.</summary>
    public const int UsageOrIo = 2;
}
