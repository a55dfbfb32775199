using System.Collections.Immutable;
using System.Text.Json;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Versions;
using XenCfg.Configuration;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// The editor's settings for xcfg, and whether the project's <c>.xcfg.toml</c> files are read at all.
/// </summary>
/// <param name="Layer">What the settings set: dialect, Xen release, rule severities. They fill what <c>.xcfg.toml</c> leaves unset.</param>
/// <param name="UseProjectConfig">False (<c>xcfg.useProjectConfig: false</c>) to ignore <c>.xcfg.toml</c> files: then the settings decide alone.</param>
internal sealed record EditorSettings(SettingsLayer Layer, bool UseProjectConfig)
{
    public static EditorSettings Default { get; } = new(SettingsLayer.Empty, true);
}

/// <summary>
/// The client's settings for us: <c>{ "xcfg": { "dialect": "xl" | "xm", "xenVersion": "4.17", "rules": { "XCFG0123":
/// "error" | "warning" | "info" | "hint" | "off" }, "useProjectConfig": true } }</c>, as sent with
/// workspace/didChangeConfiguration, in initializationOptions, or returned by workspace/configuration for the section
/// "xcfg" (then without the outer "xcfg"). Values are read as <c>.xcfg.toml</c> reads them (<see cref="SettingValues"/>);
/// a value that is wrong is reported in the log and ignored, never fatal.
/// </summary>
internal static class ServerSettings
{
    public const string Section = "xcfg";

    /// <summary>Reads settings that may or may not be wrapped in <c>{ "xcfg": ... }</c>; null when there are none.</summary>
    public static EditorSettings? Read(JsonElement? settings, ServerLog log)
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

        Dialect? dialect = null;
        if (Present(section, "dialect") is { } dialectValue)
        {
            if (dialectValue.ValueKind == JsonValueKind.String && dialectValue.GetString() is "xl" or "xm")
            {
                dialect = dialectValue.GetString() == "xm" ? Dialect.Xm : Dialect.Xl;
            }
            else
            {
                log.Warning($"setting xcfg.dialect: `{dialectValue.GetRawText()}` is not \"xl\" or \"xm\"; ignored");
            }
        }

        XenVersion? xenVersion = null;
        if (Present(section, "xenVersion") is { } versionValue)
        {
            if (versionValue.ValueKind != JsonValueKind.String)
            {
                log.Warning($"setting xcfg.xenVersion: `{versionValue.GetRawText()}` is not a string such as \"4.17\"; ignored");
            }
            else if (XenVersion.TryParse(versionValue.GetString(), out var version, out var error))
            {
                xenVersion = version;
            }
            else
            {
                log.Warning($"setting xcfg.xenVersion: {error}; ignored");
            }
        }

        var useProjectConfig = true;
        if (Present(section, "useProjectConfig") is { } useValue)
        {
            if (useValue.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                useProjectConfig = useValue.GetBoolean();
            }
            else
            {
                log.Warning($"setting xcfg.useProjectConfig: `{useValue.GetRawText()}` is not true or false; ignored");
            }
        }

        var rules = ImmutableDictionary.CreateBuilder<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
        if (section.TryGetProperty("rules", out var rulesValue) && rulesValue.ValueKind == JsonValueKind.Object)
        {
            foreach (var rule in rulesValue.EnumerateObject())
            {
                if (DiagnosticCatalog.Find(rule.Name) is null)
                {
                    log.Warning($"setting xcfg.rules.{rule.Name}: `{rule.Name}` is not a diagnostic ID; ignored");
                }
                else if (rule.Value.ValueKind == JsonValueKind.String && SettingValues.TryParseRuleSeverity(rule.Value.GetString()!, out var severity))
                {
                    rules[rule.Name] = severity;
                }
                else
                {
                    log.Warning($"setting xcfg.rules.{rule.Name}: `{rule.Value.GetRawText()}` is not one of {SettingValues.RuleSeverityList}; ignored");
                }
            }
        }

        return new EditorSettings(new SettingsLayer { Dialect = dialect, XenVersion = xenVersion, Rules = rules.ToImmutable() }, useProjectConfig);
    }

    /// <summary>A setting that is there and not null (a client sends null for "not set").</summary>
    private static JsonElement? Present(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
