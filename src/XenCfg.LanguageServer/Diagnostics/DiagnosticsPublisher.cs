using System.Collections.Immutable;
using System.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Hosting;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// Analyses documents in the background, one batch at a time, and publishes what changed. Edits only mark
/// documents as pending; the worker then analyses the newest snapshot, so a burst of keystrokes costs one analysis,
/// not one per keystroke. Each batch goes to the <see cref="IWorkspaceAnalyzer"/>, which says which documents'
/// findings may have changed (the edited ones and their cross-file partners, open or not); the worker remembers
/// what it last published for each URI and publishes again only when that changes (or, for an open document,
/// when its version does).
/// </summary>
internal sealed class DiagnosticsPublisher : IDisposable
{
    /// <summary>The most findings published for one file (see <see cref="Limit"/>).</summary>
    internal const int MaxDiagnosticsPerFile = 1000;

    /// <summary>From this many documents in a batch (a workspace scan), they are parsed in parallel.</summary>
    private const int ParallelParseThreshold = 16;

    /// <summary>The most documents whose trees are alive at once in a batch (see <see cref="PublishAsync"/>).</summary>
    private const int AnalysisChunk = 256;

    private readonly DocumentStore _store;
    private readonly IWorkspaceAnalyzer _analyzer;
    private readonly Func<WorkspaceFiles> _options;
    private readonly Func<PublishDiagnosticsParams, Task> _send;
    private readonly ServerLog _log;
    private readonly Action<PublishTiming>? _timings;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Dictionary<string, Published> _published = new(StringComparer.Ordinal);
    private readonly DiagnosticConverter.UriCache _uris = new();

    /// <summary>For each document in the analysis, the version of it that was analysed (only the worker touches this).</summary>
    private readonly Dictionary<string, TextDocument> _analysed = new(StringComparer.Ordinal);
    private readonly List<(long Ticket, TaskCompletionSource Done)> _waiters = [];
    private HashSet<string> _pending = new(StringComparer.Ordinal);
    private long _enqueued;
    private long _processed;
    private WorkspaceFiles? _appliedOptions;
    private bool _signalled;
    private long _batches;
    private long _collecting;
    private long _converting;

    public DiagnosticsPublisher(DocumentStore store, IWorkspaceAnalyzer analyzer, Func<WorkspaceFiles> options, Func<PublishDiagnosticsParams, Task> send, ServerLog log, Action<PublishTiming>? timings = null)
    {
        _store = store;
        _analyzer = analyzer;
        _options = options;
        _send = send;
        _log = log;
        _timings = timings;
    }

    /// <summary>How many batches the worker has analysed (tests check that a burst of edits is coalesced).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public void Enqueue(IReadOnlyCollection<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _pending.UnionWith(keys);
            _enqueued++;
            Signal();
        }
    }

    /// <summary>Completes when every change enqueued so far has been analysed and published.</summary>
    public Task WhenPublishedAsync()
    {
        lock (_gate)
        {
            if (_processed >= _enqueued)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((_enqueued, done));
            return done.Task;
        }
    }

    /// <summary>
    /// Wakes the worker to look at the options again (the editor's settings or a project configuration changed): every
    /// document whose options changed is analysed again.
    /// </summary>
    public void OptionsChanged()
    {
        lock (_gate)
        {
            _enqueued++;
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
            long ticket;
            lock (_gate)
            {
                (keys, _pending) = (_pending, new HashSet<string>(StringComparer.Ordinal));
                ticket = _enqueued;
                _signalled = false;
            }

            try
            {
                await PublishAsync(keys, cancellationToken).ConfigureAwait(false);
                Processed(ticket);
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
                Processed(ticket);
            }
        }
    }

    private async Task PublishAsync(HashSet<string> keys, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = _store.Current;
        var options = _options();
        var newOptions = ReferenceEquals(options, _appliedOptions) ? null : options;

        // What changed since the last batch: documents to (re)analyse, documents gone.
        var changed = new List<TextDocument>();
        var removed = new List<string>();
        foreach (var key in keys)
        {
            var document = snapshot.Find(key);
            if (document is null)
            {
                if (_analysed.Remove(key))
                {
                    removed.Add(key);
                }
            }
            else if (!_analysed.TryGetValue(key, out var previous) || !ReferenceEquals(previous, document))
            {
                _analysed[key] = document;
                changed.Add(document);
            }
        }

        // At most AnalysisChunk documents are parsed and analysed at a time: their trees and semantic models are
        // garbage once analysed, and a workspace scan's batch of thousands of files, analysed whole, would keep
        // thousands of them alive at once (the server's peak memory). The batch is still published once, at the end,
        // so files affected by several chunks (partners of a value shared by many files) are published once.
        var affected = new HashSet<string>(StringComparer.Ordinal);
        var parsing = 0L;
        var analysing = 0L;
        for (var start = 0; start == 0 || start < changed.Count; start += AnalysisChunk)
        {
            var chunkStarted = Stopwatch.GetTimestamp();
            var trees = Parse(changed, start, Math.Min(AnalysisChunk, changed.Count - start), options, cancellationToken);
            var parsed = Stopwatch.GetTimestamp();
            affected.UnionWith(start == 0 ? _analyzer.Update(newOptions, trees, removed) : _analyzer.Update(null, trees, []));
            parsing += parsed - chunkStarted;
            analysing += Stopwatch.GetTimestamp() - parsed;
        }

        _appliedOptions = options;

        // The edited documents first (the user is looking at them), then their partners.
        _collecting = 0;
        _converting = 0;
        var sending = 0L;
        var count = 0;
        foreach (var key in keys.Concat(affected.Where(key => !keys.Contains(key))))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Prepare(key) is { } publication)
            {
                count++;
                var sendStarted = Stopwatch.GetTimestamp();
                await _send(publication).ConfigureAwait(false);
                sending += Stopwatch.GetTimestamp() - sendStarted;
            }
        }

        Interlocked.Increment(ref _batches);
        var timing = new PublishTiming(
            changed.Count,
            affected.Count,
            count,
            Elapsed(parsing),
            Elapsed(analysing),
            Elapsed(_collecting),
            Elapsed(_converting),
            Elapsed(sending),
            Stopwatch.GetElapsedTime(started));
        _timings?.Invoke(timing);
        _log.Debug(timing.ToString());
    }

    /// <summary>The publication a document needs now, or null when the client already has it.</summary>
    private PublishDiagnosticsParams? Prepare(string key)
    {
        _published.TryGetValue(key, out var previous);
        if (!_analysed.TryGetValue(key, out var document))
        {
            if (previous is null)
            {
                return null;
            }

            _published.Remove(key);
            return previous.Count > 0 ? new PublishDiagnosticsParams(previous.Uri, []) : null;
        }

        var collectStarted = Stopwatch.GetTimestamp();
        var found = Limit(_analyzer.GetDiagnostics(key), out var leftOut);
        var convertStarted = Stopwatch.GetTimestamp();
        // A finding that did not change keeps its object, so its JSON is not written again (CachedDiagnosticsConverter).
        // After a keystroke the findings are nearly all the ones before, in the same order: the one published at the
        // same index is tried first, without converting the finding; only findings that moved are converted and
        // looked up among all the previous ones.
        var before = previous?.Diagnostics;
        HashSet<Protocol.Diagnostic>? unchanged = null;
        var diagnostics = new Protocol.Diagnostic[found.Length];
        for (var i = 0; i < found.Length; i++)
        {
            Protocol.Diagnostic diagnostic;
            if (before is not null && i < before.Length && DiagnosticConverter.Matches(found[i], document.Text, before[i], _uris))
            {
                diagnostic = before[i];
            }
            else
            {
                diagnostic = DiagnosticConverter.ToLsp(found[i], document.Text, _uris);
                diagnostic.Origin = found[i];
                if (before is { Length: > 0 } && (unchanged ??= new HashSet<Protocol.Diagnostic>(before)).TryGetValue(diagnostic, out var same))
                {
                    diagnostic = same;
                }
            }

            diagnostic.KeepJson = document.IsOpen;
            diagnostics[i] = diagnostic;
        }

        if (leftOut > 0)
        {
            diagnostics = [.. diagnostics, LeftOut(leftOut, document.Text)];
        }

        _collecting += convertStarted - collectStarted;
        _converting += Stopwatch.GetTimestamp() - convertStarted;

        var version = document.IsOpen ? document.Version : null;
        if (previous is not null && previous.Uri != document.Uri && previous.Count > 0)
        {
            // The client named the file differently before: clear the old name (rare; sent out of the batch order).
            _ = _send(new PublishDiagnosticsParams(previous.Uri, []));
            previous = null;
        }

        var fingerprint = DiagnosticComparer.Fingerprint(diagnostics);
        var changed = previous is null
            ? diagnostics.Length > 0 || document.IsOpen
            : previous.Fingerprint != fingerprint || (document.IsOpen && previous.Version != version);
        if (!changed)
        {
            return null;
        }

        // A closed file's list is only compared by its fingerprint: 10,000 files' findings in LSP form (and their
        // cached JSON) would cost more memory than the whole analysis.
        _published[key] = new Published(document.Uri, version, document.IsOpen ? diagnostics : null, diagnostics.Length, fingerprint);
        return new PublishDiagnosticsParams(document.Uri, diagnostics, version);
    }

    /// <summary>
    /// At most <see cref="MaxDiagnosticsPerFile"/> findings, errors first, in file order; <paramref name="leftOut"/>
    /// says how many were dropped. An editor does not show 100,000 findings usefully, and converting, sending and
    /// reading them would hold up every other file's diagnostics for seconds.
    /// </summary>
    private static ImmutableArray<ConfigDiagnostic> Limit(ImmutableArray<ConfigDiagnostic> diagnostics, out int leftOut)
    {
        leftOut = Math.Max(0, diagnostics.Length - MaxDiagnosticsPerFile);
        if (leftOut == 0)
        {
            return diagnostics;
        }

        return
        [
            .. diagnostics
                .Select((diagnostic, index) => (diagnostic, index))
                .OrderByDescending(pair => pair.diagnostic.Severity)
                .ThenBy(pair => pair.index)
                .Take(MaxDiagnosticsPerFile)
                .OrderBy(pair => pair.index)
                .Select(pair => pair.diagnostic),
        ];
    }

    private static Protocol.Diagnostic LeftOut(int count, Microsoft.CodeAnalysis.Text.SourceText text) =>
        new(
            PositionMapping.ToRange(text, new Microsoft.CodeAnalysis.Text.TextSpan(0, 0)),
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} more findings in this file are not shown here (the first {MaxDiagnosticsPerFile:N0} are); run `xcfg lint` on it to see them all"),
            Severity: LspDiagnosticSeverity.Information,
            Source: DiagnosticConverter.Source);

    /// <summary>The trees of <paramref name="count"/> documents from <paramref name="start"/>, each in its own dialect.</summary>
    private static SyntaxTree[] Parse(List<TextDocument> documents, int start, int count, WorkspaceFiles options, CancellationToken cancellationToken)
    {
        var trees = new SyntaxTree[count];
        if (count >= ParallelParseThreshold)
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i => trees[i] = Tree(documents[start + i], options));
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                trees[i] = Tree(documents[start + i], options);
            }
        }

        return trees;
    }

    private static SyntaxTree Tree(TextDocument document, WorkspaceFiles options) => document.GetTree(options.For(document.Key).Analysis.ParseOptions);

    public void Dispose() => _signal.Dispose();

    private void Processed(long ticket)
    {
        List<TaskCompletionSource> done;
        lock (_gate)
        {
            _processed = Math.Max(_processed, ticket);
            done = [.. _waiters.Where(waiter => waiter.Ticket <= _processed).Select(waiter => waiter.Done)];
            _waiters.RemoveAll(waiter => waiter.Ticket <= _processed);
        }

        done.ForEach(waiter => waiter.TrySetResult());
    }

    private static TimeSpan Elapsed(long timestampTicks) => TimeSpan.FromTicks(timestampTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

    private void Signal()
    {
        if (!_signalled)
        {
            _signalled = true;
            _signal.Release();
        }
    }

    /// <summary>What the client has for a URI: the list itself only for an open document, else its size and fingerprint.</summary>
    private sealed record Published(string Uri, int? Version, Protocol.Diagnostic[]? Diagnostics, int Count, UInt128 Fingerprint);
}

/// <summary>
/// Where one batch of the diagnostics worker spent its time: parsing the changed documents; the workspace update
/// (per-file rules, cross-file indexes); collecting each affected file's findings (cross-file checks, severities,
/// suppressions); converting them to LSP's shape; handing the publications to the connection (serialising and
/// writing them); and the whole batch.
/// </summary>
internal sealed record PublishTiming(
    int Changed,
    int Affected,
    int Published,
    TimeSpan Parse,
    TimeSpan Analysis,
    TimeSpan Collect,
    TimeSpan Convert,
    TimeSpan Send,
    TimeSpan Total)
{
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"diagnostics batch: {Changed} changed, {Affected} affected, {Published} published in {Total.TotalMilliseconds:F1} ms (parse {Parse.TotalMilliseconds:F1}, analysis {Analysis.TotalMilliseconds:F1}, collect {Collect.TotalMilliseconds:F1}, convert {Convert.TotalMilliseconds:F1}, send {Send.TotalMilliseconds:F1})");
}
