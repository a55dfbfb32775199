using XenCfg.Cli.Commands;

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
/// <param name="Settings">
/// Where the configs come from (<c>--config</c>, <c>--no-config</c>) and what the command line sets over them:
/// <c>--dialect</c>, <c>--xen-version</c>, <c>--rule ID=SEVERITY</c>, <c>--max-warnings</c>, <c>--max-file-size</c>.
/// </param>
/// <param name="Include"><c>--include</c>, or null to take the configs' (default *.cfg, *.xl, *.xm).</param>
/// <param name="Exclude"><c>--exclude</c>, added to the configs'.</param>
/// <param name="StdinFileName"><c>--stdin-filename</c>: the path standard input is shown as and configured by.</param>
/// <param name="Format"><c>--format</c>.</param>
/// <param name="OutputPath"><c>--output</c>, or null for standard output.</param>
/// <param name="Resolve"><c>--resolve</c>: ask the host what storage names refer to (symlinks, device numbers, lvs), on a dom0.</param>
/// <param name="Timings"><c>--timings</c> (hidden): print how long each stage took on standard error.</param>
/// <param name="Fix"><c>--fix</c> (safe fixes) or <c>--fix --unsafe-fixes</c> (all fixes): rewrite the files first.</param>
/// <param name="UnsafeFixesWithoutFix"><c>--unsafe-fixes</c> without <c>--fix</c>: a usage error.</param>
public sealed record LintRequest(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Context,
    CommandLineSettings Settings,
    IReadOnlyList<string>? Include,
    IReadOnlyList<string> Exclude,
    string? StdinFileName,
    LintFormat Format,
    string? OutputPath,
    bool Resolve = false,
    bool Timings = false,
    FixMode Fix = FixMode.None,
    bool UnsafeFixesWithoutFix = false);

/// <summary>Which code fixes <c>xcfg lint</c> applies before reporting.</summary>
public enum FixMode
{
    None,

    /// <summary>Only fixes that keep what the file evidently meant (a missing `;`, CRLF line endings, ...).</summary>
    Safe,

    /// <summary>Every first fix, also those that change behaviour.</summary>
    Unsafe,
}
