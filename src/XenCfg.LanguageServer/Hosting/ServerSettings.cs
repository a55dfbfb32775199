using System.Collections.Immutable;
using System.Text.Json;
using XenCfg.Analysis;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// The client's settings for us: <c>{ "xcfg": { "dialect": "xl" | "xm", "rules": { "XCFG0123": "error" | "warning" |
/// "info" | "hint" | "off" } } }</c>, as sent with workspace/didChangeConfiguration, in initializationOptions, or
/// returned by workspace/configuration for the section "xcfg" (then without the outer "xcfg"). Unknown values are
/// reported and ignored, never fatal.
/// </summary>
internal static class ServerSettings
{
    public const string Section = "xcfg";

    /// <summary>Reads settings that may or may not be wrapped in <c>{ "xcfg": ... }</c>; null when there are none.</summary>
    public static AnalysisOptions? Read(JsonElement? settings, ServerLog log)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var section = root.TryGetProperty(Section, out var inner) ? inner : root;
        if (section.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var dialect = Dialect.Xl;
        if (section.TryGetProperty("dialect", out var dialectValue) && dialectValue.ValueKind != JsonValueKind.Null)
        {
            if (dialectValue.ValueKind == JsonValueKind.String && Enum.TryParse<Dialect>(dialectValue.GetString(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                dialect = parsed;
            }
            else
            {
                log.Warning($"setting xcfg.dialect: `{dialectValue.GetRawText()}` is not \"xl\" or \"xm\"; using xl");
            }
        }

        var overrides = ImmutableDictionary.CreateBuilder<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
        if (section.TryGetProperty("rules", out var rules) && rules.ValueKind == JsonValueKind.Object)
        {
            foreach (var rule in rules.EnumerateObject())
            {
                if (rule.Value.ValueKind == JsonValueKind.String && TryParseSeverity(rule.Value.GetString()!, out var severity))
                {
                    overrides[rule.Name] = severity;
                }
                else
                {
                    log.Warning($"setting xcfg.rules.{rule.Name}: `{rule.Value.GetRawText()}` is not one of error, warning, info, hint, off; ignored");
                }
            }
        }

        return new AnalysisOptions(dialect) { SeverityOverrides = overrides.ToImmutable() };
    }

    /// <summary>
    /// <c>xcfg.hostChecks</c>: whether to ask this host whether each disk is mounted in dom0, its swap, or attached to a
    /// running domain (as `xcfg lint --resolve` does). Null when the settings do not say; off unless true.
    /// </summary>
    public static bool? ReadHostChecks(JsonElement? settings)
    {
        if (settings is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var section = root.TryGetProperty(Section, out var inner) ? inner : root;
        return section.ValueKind == JsonValueKind.Object && section.TryGetProperty("hostChecks", out var value)
            ? value.ValueKind == JsonValueKind.True
            : null;
    }

    private static bool TryParseSeverity(string text, out RuleSeverity severity)
    {
        switch (text.ToLowerInvariant())
        {
            case "error":
                severity = RuleSeverity.Error;
                return true;
            case "warning":
                severity = RuleSeverity.Warning;
                return true;
            case "info" or "information":
                severity = RuleSeverity.Info;
                return true;
            case "hint":
                severity = RuleSeverity.Hint;
                return true;
            case "off" or "none":
                severity = RuleSeverity.Off;
                return true;
            default:
                severity = default;
                return false;
        }
    }
}
