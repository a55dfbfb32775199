using XenCfg.Analysis;

namespace XenCfg.Cli.Output;

internal static class SeverityNames
{
    /// <summary>The severities a user can give a rule, as written in configs and on the command line.</summary>
    public const string RuleSeverityList = "error, warning, info, hint, off";

    /// <summary>The word shown for a severity; Roslyn's Hidden is what editors call a hint.</summary>
    public static string Name(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hint",
    };

    public static bool TryParseRuleSeverity(string text, out RuleSeverity severity)
    {
        (var known, severity) = text switch
        {
            "error" => (true, RuleSeverity.Error),
            "warning" => (true, RuleSeverity.Warning),
            "info" => (true, RuleSeverity.Info),
            "hint" => (true, RuleSeverity.Hint),
            "off" => (true, RuleSeverity.Off),
            _ => (false, RuleSeverity.Off),
        };
        return known;
    }
}
