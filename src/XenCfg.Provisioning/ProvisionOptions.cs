using XenCfg.Analysis;
using XenCfg.Analysis.Provisioning;

namespace XenCfg.Provisioning;

/// <summary>How a provisioning run reads configs and where it writes NFS exports.</summary>
public sealed record ProvisionOptions
{
    public static ProvisionOptions Default { get; } = new();

    /// <summary>The dialect and severities the configs are read with, unless <see cref="PerFile"/> says otherwise.</summary>
    public AnalysisOptions Analysis { get; init; } = AnalysisOptions.Default;

    /// <summary>
    /// The effective options of each config by its path, as the project configuration gives them (its <c>.xcfg.toml</c>,
    /// host, autostart); null reads every config with <see cref="Analysis"/>.
    /// </summary>
    public Func<string, AnalysisOptions>? PerFile { get; init; }

    /// <summary>The options the config at <paramref name="path"/> is read with.</summary>
    public AnalysisOptions AnalysisFor(string path) => PerFile?.Invoke(path) ?? Analysis;

    /// <summary>Values from the command line that replace the annotations' (--size, --fs).</summary>
    public ProvisioningOverrides Overrides { get; init; } = ProvisioningOverrides.None;

    /// <summary>
    /// Where the exports entries go: one file per domain, <c>xcfg-DOMAIN.exports</c>, which exportfs reads after
    /// /etc/exports (exports(5)). Created when missing.
    /// </summary>
    public string ExportsDirectory { get; init; } = "/etc/exports.d";

    /// <summary>The main exports file, read (never written) to find what else is exported: exportfs reads it before the directory.</summary>
    public string ExportsFile { get; init; } = "/etc/exports";
}

/// <summary>
/// The exit codes of `xcfg provision`. Success is 0, as for any command (so <c>xcfg provision --apply &amp;&amp; xl create</c>
/// works); "changes present" is its own code only with <c>--detailed-exitcode</c>, as with terraform plan.
/// </summary>
public static class ProvisionExitCodes
{
    /// <summary>Nothing to do, the plan printed, or the plan applied and verified.</summary>
    public const int Success = 0;

    /// <summary>An error before anything changed (a file could not be read, a tool failed, the journal could not be opened): nothing was changed by this run.</summary>
    public const int Error = 1;

    /// <summary>With --detailed-exitcode only: changes are planned (without --apply), or were applied and verified (with --apply).</summary>
    public const int Changes = 2;

    /// <summary>Something was refused, or a precondition failed before the first change: nothing was changed.</summary>
    public const int Refused = 3;

    /// <summary>Some changes were applied, then a step failed or a precondition no longer held: the journal says what was done.</summary>
    public const int PartlyApplied = 4;

    /// <summary>Bad command line.</summary>
    public const int Usage = 64;
}
