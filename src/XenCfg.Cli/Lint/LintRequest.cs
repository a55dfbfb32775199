using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.Syntax;

namespace XenCfg.Cli.Lint;

/// <summary>The output formats of <c>xcfg lint</c>.</summary>
public enum LintFormat
{
    Text,
    Json,
    Sarif,
    GitHub,
}

/// <summary>What <c>xcfg lint</c> was asked to do, as parsed from the command line.</summary>
/// <param name="Paths">Files, directories, and <c>-</c> for standard input.</param>
/// <param name="Context">Paths read for the cross-file checks only (<c>--context</c>): their own findings are not reported.</param>
/// <param name="Dialect"><c>--dialect</c>, or null to take each file's config (default xl).</param>
/// <param name="RuleOverrides"><c>--rule ID=SEVERITY</c>, over the configs' <c>[rules]</c>.</param>
/// <param name="Include"><c>--include</c>, or null to take the configs' (default *.cfg, *.xl, *.xm).</param>
/// <param name="Exclude"><c>--exclude</c>, added to the configs'.</param>
/// <param name="StdinFileName"><c>--stdin-filename</c>: the path standard input is shown as and configured by.</param>
/// <param name="ConfigPath"><c>--config</c>: one config for every file instead of searching.</param>
/// <param name="NoConfig"><c>--no-config</c>: no config at all.</param>
/// <param name="MaxWarnings"><c>--max-warnings</c>, or null to take the config's.</param>
/// <param name="Format"><c>--format</c>.</param>
/// <param name="OutputPath"><c>--output</c>, or null for standard output.</param>
/// <param name="Resolve"><c>--resolve</c>: ask the host what storage names refer to (symlinks, device numbers, lvs), on a dom0.</param>
/// <param name="Timings"><c>--timings</c> (hidden): print how long each stage took on standard error.</param>
public sealed record LintRequest(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Context,
    Dialect? Dialect,
    ImmutableDictionary<string, RuleSeverity> RuleOverrides,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string> Exclude,
    string? StdinFileName,
    string? ConfigPath,
    bool NoConfig,
    int? MaxWarnings,
    LintFormat Format,
    string? OutputPath,
    bool Resolve = false,
    bool Timings = false);
