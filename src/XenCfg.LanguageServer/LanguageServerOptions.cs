using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Features;
using XenCfg.LanguageServer.Hosting;

namespace XenCfg.LanguageServer;

public sealed class LanguageServerOptions
{
    /// <summary>Where log lines go: standard error for `xcfg lsp`. Never standard output.</summary>
    public TextWriter Log { get; init; } = TextWriter.Null;

    /// <summary>
    /// The lowest level written to <see cref="Log"/>; null (the default) for warnings and errors, or what the client's
    /// trace setting asks for (see <see cref="ServerLog"/>).
    /// </summary>
    public LogLevel? LogLevel { get; init; }

    /// <summary>Called with each tree before the workspace analyses it (tests throw from it to simulate a broken rule, or block in it).</summary>
    internal Action<Syntax.SyntaxTree>? BeforeAnalysis { get; init; }

    /// <summary>Told where each batch of the diagnostics worker spent its time (the latency harness).</summary>
    internal Action<PublishTiming>? PublishTimings { get; init; }

    /// <summary>
    /// Called when a read request starts computing, after it took its snapshot (tests use it to hold a request
    /// while they cancel it or edit the document).
    /// </summary>
    internal Func<string, CancellationToken, Task>? RequestStarting { get; init; }

    /// <summary>How often to check that the client's process (initialize's <c>processId</c>) is still alive.</summary>
    internal TimeSpan ClientProcessPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Replaces the key catalogue (tests use a small one).</summary>
    internal IKeyCatalog? Keys { get; init; }

    /// <summary>
    /// Asks the host (a dom0) what the configs' disks are: the same names resolved, and whether each is mounted in dom0,
    /// its swap, or attached to a running domain (XCFG0310–0312). Used only while the client's setting
    /// <c>xcfg.hostChecks</c> is true (off by default: a workstation's mounts say nothing about a config's host).
    /// </summary>
    public Analysis.Workspace.IStorageResolver? HostStorage { get; init; }
}
