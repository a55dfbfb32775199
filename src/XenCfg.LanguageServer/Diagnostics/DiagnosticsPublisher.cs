using XenCfg.Analysis;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Hosting;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// Analyses documents in the background, one batch at a time, and publishes what changed. Edits only mark
/// documents as pending; the worker then analyses the newest snapshot, so a burst of keystrokes costs one analysis,
/// not one per keystroke. It remembers what it last published for each URI and publishes again only when that
/// changes (or, for an open document, when its version does), so a change in one file republishes exactly the
/// other files whose findings it changed, open or not.
/// </summary>
internal sealed class DiagnosticsPublisher : IDisposable
{
    private readonly DocumentStore _store;
    private readonly IWorkspaceAnalyzer _analyzer;
    private readonly Func<AnalysisOptions> _options;
    private readonly Func<PublishDiagnosticsParams, Task> _send;
    private readonly ServerLog _log;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<string, Published> _published = new(StringComparer.Ordinal);
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private bool _all;
    private bool _signalled;

    public DiagnosticsPublisher(DocumentStore store, IWorkspaceAnalyzer analyzer, Func<AnalysisOptions> options, Func<PublishDiagnosticsParams, Task> send, ServerLog log)
    {
        _store = store;
        _analyzer = analyzer;
        _options = options;
        _send = send;
        _log = log;
    }

    public void Enqueue(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _pending.UnionWith(keys);
            Signal();
        }
    }

    /// <summary>Everything again (the options changed).</summary>
    public void EnqueueAll()
    {
        lock (_gate)
        {
            _all = true;
            Signal();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            HashSet<string> keys;
            bool all;
            lock (_gate)
            {
                (keys, _pending) = (_pending, new HashSet<string>(StringComparer.Ordinal));
                (all, _all) = (_all, false);
                _signalled = false;
            }

            try
            {
                await PublishAsync(keys, all, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must outlive any one failure; the failure is logged.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _log.Error($"publishing diagnostics failed: {exception}");
            }
        }
    }

    private async Task PublishAsync(HashSet<string> keys, bool all, CancellationToken cancellationToken)
    {
        var snapshot = _store.Current;
        if (all)
        {
            keys.UnionWith(snapshot.Documents.Keys);
            keys.UnionWith(_published.Keys);
        }

        var present = keys.Where(snapshot.Documents.ContainsKey).ToList();
        var results = _analyzer.Analyze(snapshot, present, _options(), cancellationToken);
        foreach (var key in keys.Union(results.Keys))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = snapshot.Find(key);
            _published.TryGetValue(key, out var previous);
            if (document is null)
            {
                if (previous is not null)
                {
                    _published.Remove(key);
                    if (previous.Diagnostics.Length > 0)
                    {
                        await _send(new PublishDiagnosticsParams(previous.Uri, [])).ConfigureAwait(false);
                    }
                }

                continue;
            }

            if (!results.TryGetValue(key, out var found))
            {
                continue;
            }

            var diagnostics = found.Select(diagnostic => DiagnosticConverter.ToLsp(diagnostic, document.Text)).ToArray();
            var version = document.IsOpen ? document.Version : null;
            if (previous is not null && previous.Uri != document.Uri && previous.Diagnostics.Length > 0)
            {
                await _send(new PublishDiagnosticsParams(previous.Uri, [])).ConfigureAwait(false);
                previous = null;
            }

            var changed = previous is null
                ? diagnostics.Length > 0 || document.IsOpen
                : !DiagnosticComparer.SameList(previous.Diagnostics, diagnostics) || (document.IsOpen && previous.Version != version);
            if (changed)
            {
                _published[key] = new Published(document.Uri, version, diagnostics);
                await _send(new PublishDiagnosticsParams(document.Uri, diagnostics, version)).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    private void Signal()
    {
        if (!_signalled)
        {
            _signalled = true;
            _signal.Release();
        }
    }

    private sealed record Published(string Uri, int? Version, Protocol.Diagnostic[] Diagnostics);
}
