namespace XenCfg.Cli.Output;

internal static class SeverityNames
{
    /// <summary>The word shown for a severity; Roslyn's Hidden is what editors call a hint.</summary>
    public static string Name(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hint",
    };
}
