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
}

/// <summary>The exit codes of `xcfg provision` (its own, unlike the other commands', modelled on terraform plan -detailed-exitcode).</summary>
public static class ProvisionExitCodes
{
    /// <summary>Everything exists as declared: nothing to do.</summary>
    public const int NothingToDo = 0;

    /// <summary>An unexpected error (a tool failed, a file could not be read); nothing was changed by this run.</summary>
    public const int Error = 1;

    /// <summary>Changes are planned (without --apply), or were applied and verified (with --apply).</summary>
    public const int Changes = 2;

    /// <summary>Something was refused: nothing was changed.</summary>
    public const int Refused = 3;

    /// <summary>Some changes were applied, then a step failed or a precondition no longer held: the journal says what was done.</summary>
    public const int PartlyApplied = 4;

    /// <summary>Bad command line.</summary>
    public const int Usage = 64;
}
