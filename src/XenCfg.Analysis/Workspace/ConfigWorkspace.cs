using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Workspace;

/// <summary>What an update changed: the files whose diagnostics may now differ (the changed file and its partners).</summary>
public sealed record WorkspaceUpdate(ImmutableArray<string> AffectedPaths);

/// <summary>
/// A file to analyse and the effective options for it (dialect, target Xen version, rule severities), which the
/// project configuration computes per file: files under different <c>.xcfg.toml</c> files share one workspace.
/// </summary>
public sealed record WorkspaceFile(SyntaxTree Tree, AnalysisOptions Options);

/// <summary>
/// Many config files with their texts, facts and own diagnostics, and the checks that need them all: storage used
/// read-write by one domain and by another, and values that must be unique on a host. Updates are incremental: a
/// changed file is re-analysed, and the update names the files whose cross-file results may have changed (those
/// that share a storage key or a unique value with its old or new contents); those results are computed when
/// asked. Each file carries its own options; its severities are applied here, the one place they are applied, to
/// its own and its cross-file findings alike. Thread-safe: updates and reads take a lock; results are immutable.
/// </summary>
public sealed class ConfigWorkspace
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<StorageKey, PathSet> _storageIndex = [];
    private readonly Dictionary<(UniqueValueKind, string), PathSet> _valueIndex = [];
    private readonly Dictionary<StorageKey, PathSet> _originIndex = [];

    /// <summary>The files that write each storage key (a subset of <see cref="_storageIndex"/>).</summary>
    private readonly Dictionary<StorageKey, PathSet> _writerIndex = [];

    /// <param name="keepModels">
    /// False for a one-shot run that only asks for diagnostics (the lint): once a file is analysed, its semantic model
    /// is dropped from the per-tree cache at once instead of when the collector finds the tree unreachable, so a large
    /// run does not carry every model (and the cache's dependent handles) through its collections. Results are the same.
    /// </param>
    public ConfigWorkspace(IStorageResolver? resolver = null, bool keepModels = true)
    {
        Resolver = resolver ?? ConfigOnlyResolver.Instance;
        KeepModels = keepModels;
    }

    /// <summary>Whether an analysed tree keeps its semantic model in the per-tree cache (see the constructor).</summary>
    public bool KeepModels { get; }

    public IStorageResolver Resolver { get; }

    public ImmutableArray<string> Paths
    {
        get
        {
            lock (_gate)
            {
                return [.. _documents.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// The text a file's current results were computed from, or null when the file is not in the workspace. The
    /// workspace keeps texts, not trees: a tree with its semantic model costs tens of times its text, and most files
    /// of a large workspace are never looked at again (see <see cref="Document"/>).
    /// </summary>
    public SourceText? GetText(string path)
    {
        lock (_gate)
        {
            return _documents.GetValueOrDefault(path)?.Text;
        }
    }

    /// <summary>The options a file was analysed with, or null when it is not in the workspace.</summary>
    public AnalysisOptions? GetOptions(string path)
    {
        lock (_gate)
        {
            return _documents.GetValueOrDefault(path)?.Options;
        }
    }

    /// <summary>Adds or replaces a file (its path is the tree's file path), analysed with <paramref name="options"/>.</summary>
    public WorkspaceUpdate Set(SyntaxTree tree, AnalysisOptions options) => SetMany([new WorkspaceFile(tree, options)]);

    /// <summary>
    /// Adds or replaces many files at once; the per-file analysis runs in parallel, then the indexes are updated.
    /// </summary>
    public WorkspaceUpdate SetMany(IReadOnlyList<WorkspaceFile> files) => SetMany(files.Count, i => files[i]);

    /// <summary>
    /// Adds or replaces many files, each obtained by <paramref name="load"/> (which may read and parse it, or return
    /// null to skip it) inside the same parallel loop as its analysis, so loading and analysing overlap with no barrier
    /// between them. <paramref name="load"/> is called once per index, on any thread; files are indexed in index order.
    /// </summary>
    public WorkspaceUpdate SetMany(int count, Func<int, WorkspaceFile?> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        var prepared = new Document?[count];
        Parallel.For(0, count, i =>
        {
            if (load(i) is { } file)
            {
                prepared[i] = Document.Create(file.Tree.WithOptions(file.Options.ParseOptions), file.Options, Resolver, KeepModels);
            }
        });
        lock (_gate)
        {
            var affected = new HashSet<string>(StringComparer.Ordinal);
            var partners = new PartnerSets();
            foreach (var document in prepared)
            {
                if (document is null)
                {
                    continue;
                }

                if (_documents.TryGetValue(document.Path, out var old))
                {
                    Unindex(old, partners);
                }

                _documents[document.Path] = document;
                Index(document, partners);
                affected.Add(document.Path);
            }

            partners.UnionInto(affected);
            return Affected(affected);
        }
    }

    public WorkspaceUpdate Remove(string path)
    {
        lock (_gate)
        {
            var affected = new HashSet<string>(StringComparer.Ordinal);
            var partners = new PartnerSets();
            if (_documents.Remove(path, out var old))
            {
                Unindex(old, partners);
                affected.Add(path);
            }

            partners.UnionInto(affected);
            return Affected(affected);
        }
    }

    /// <summary>
    /// New options (a changed <c>.xcfg.toml</c>, new editor settings) change the results of the files they apply to.
    /// Every file whose options differ from those it was analysed with is parsed again from its text, a few hundred
    /// at a time, so the trees of a large workspace are never all alive at once.
    /// </summary>
    public WorkspaceUpdate Reconfigure(Func<string, AnalysisOptions> optionsFor)
    {
        ArgumentNullException.ThrowIfNull(optionsFor);
        const int Chunk = 256;
        List<(Document Document, AnalysisOptions Options)> changed;
        lock (_gate)
        {
            changed = [.. _documents.Values
                .Select(document => (document, Options: optionsFor(document.Path)))
                .Where(pair => pair.Options != pair.document.Options)];
        }

        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in changed.Chunk(Chunk))
        {
            affected.UnionWith(SetMany([.. chunk.Select(pair => new WorkspaceFile(pair.Document.Parse(pair.Options.ParseOptions), pair.Options))]).AffectedPaths);
        }

        return Affected(affected);
    }

    /// <summary>Everything found in one file: its own diagnostics and the cross-file ones, severities and suppressions applied.</summary>
    public ImmutableArray<ConfigDiagnostic> GetDiagnostics(string path)
    {
        Document? document;
        ImmutableArray<ConfigDiagnostic> crossFile;
        lock (_gate)
        {
            document = _documents.GetValueOrDefault(path);
            if (document is null)
            {
                return [];
            }

            crossFile = CrossFile(document);
        }

        var all = document.Diagnostics.Concat(crossFile);
        var options = document.Options;
        return ConfigAnalyzer.Finish(document.HasDirectives ? Suppressions.Apply(document.Parse(options.ParseOptions), all) : all, options);
    }

    /// <summary>Every use of storage that overlaps <paramref name="key"/>, in any file (for "find references").</summary>
    public ImmutableArray<StorageUse> UsesOf(StorageKey key)
    {
        lock (_gate)
        {
            return [.. OverlappingUses(key)];
        }
    }

    /// <summary>The storage uses of one file.</summary>
    public ImmutableArray<StorageUse> StorageOf(string path)
    {
        lock (_gate)
        {
            return _documents.GetValueOrDefault(path)?.Facts.Storage ?? [];
        }
    }

    private void Index(Document document, PartnerSets affected)
    {
        foreach (var use in document.Facts.Storage)
        {
            AddTo(_storageIndex, use.Key.WholeDevice, document.Path, affected);
            if (use.Access != StorageAccess.Read)
            {
                AddTo(_writerIndex, use.Key.WholeDevice, document.Path, affected);
            }
        }

        foreach (var value in document.Facts.UniqueValues)
        {
            AddTo(_valueIndex, (value.Kind, value.Value), document.Path, affected);
        }

        foreach (var (_, origin) in document.Facts.Snapshots)
        {
            AddTo(_originIndex, origin.WholeDevice, document.Path, affected);
        }
    }

    private void Unindex(Document document, PartnerSets affected)
    {
        foreach (var use in document.Facts.Storage)
        {
            RemoveFrom(_storageIndex, use.Key.WholeDevice, document.Path, affected);
            RemoveFrom(_writerIndex, use.Key.WholeDevice, document.Path, affected);
        }

        foreach (var value in document.Facts.UniqueValues)
        {
            RemoveFrom(_valueIndex, (value.Kind, value.Value), document.Path, affected);
        }

        foreach (var (_, origin) in document.Facts.Snapshots)
        {
            RemoveFrom(_originIndex, origin.WholeDevice, document.Path, affected);
        }
    }

    /// <summary>Every file already indexed under the key is a partner whose cross-file results may change.</summary>
    private static void AddTo<TKey>(Dictionary<TKey, PathSet> index, TKey key, string path, PartnerSets affected)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var paths))
        {
            index[key] = paths = new PathSet();
        }

        affected.Add(paths);
        paths.Add(path);
    }

    private static void RemoveFrom<TKey>(Dictionary<TKey, PathSet> index, TKey key, string path, PartnerSets affected)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var paths))
        {
            return;
        }

        paths.Remove(path);
        affected.Add(paths);
        if (paths.Count == 0)
        {
            index.Remove(key);
        }
    }

    private static WorkspaceUpdate Affected(HashSet<string> affected) => new([.. affected.Order(StringComparer.Ordinal)]);

    private IEnumerable<StorageUse> OverlappingUses(StorageKey key) =>
        (_storageIndex.GetValueOrDefault(key.WholeDevice) ?? [])
            .SelectMany(path => _documents[path].Facts.Storage)
            .Where(use => use.Key.Overlaps(key));

    /// <summary>
    /// A file's cross-file findings, computed when asked and not kept. Callers ask about once per change (the linter
    /// once per file; the language server once per affected file to publish, and again for a hover or code action
    /// in an open file), while a cache held them all: with
    /// values shared by many files (a MAC in 100 configs), that is 100 related locations in each of 100 files, the
    /// biggest part of a large workspace's memory. Only the indexes, which the checks need, are kept.
    /// </summary>
    private ImmutableArray<ConfigDiagnostic> CrossFile(Document document)
    {
        var found = new List<ConfigDiagnostic>();
        var facts = document.Facts;
        foreach (var use in facts.Storage)
        {
            CheckSharing(document, use, found);
            CheckSnapshotOrigin(document, use, found);
        }

        foreach (var value in facts.UniqueValues)
        {
            CheckUnique(document, value, found);
        }

        return [.. found];
    }

    /// <summary>
    /// A resource written by one domain and used by another (or used by one and written by another) conflicts.
    /// Files with the same domain name are one domain (a copy of a config), which cannot run twice at once.
    /// </summary>
    private void CheckSharing(Document document, StorageUse use, List<ConfigDiagnostic> found)
    {
        // A read conflicts only with a writer. Most shared storage (an install ISO every HVM guest reads) has none:
        // answering that from the writer index keeps n readers of one key at O(n), instead of each listing all others.
        if (use.Access == StorageAccess.Read && !(_writerIndex.TryGetValue(use.Key.WholeDevice, out var writers) && writers.Any(path => path != document.Path)))
        {
            return;
        }

        var others = OverlappingUses(use.Key)
            .Where(other => other.FilePath != document.Path && !SameDomain(document, _documents[other.FilePath]))
            .ToList();
        if (others.Count == 0 || (use.Access == StorageAccess.Read && others.All(other => other.Access == StorageAccess.Read)))
        {
            return;
        }

        var related = others.Select(other => Related(other.FilePath, other.Span, $"{other.What} of `{DomainLabel(_documents[other.FilePath])}` ({Describe(other.Access)})")).ToImmutableArray();
        var partners = DescribePartners(others.Select(other => _documents[other.FilePath]));
        var name = DomainLabel(document);
        ConfigDiagnostic diagnostic;
        if (use.Key.Kind == StorageKind.NfsRoot)
        {
            diagnostic = ConfigDiagnostic.Create(CrossFileDiagnostics.SharedNfsRoot, use.Span, use.Key.Name, name, partners);
        }
        else if (use.Access == StorageAccess.ForcedWrite && document.Options.Dialect == Dialect.Xm)
        {
            diagnostic = ConfigDiagnostic.Create(CrossFileDiagnostics.ForcedSharing, use.Span, $"`{use.Key}`", partners);
        }
        else
        {
            diagnostic = ConfigDiagnostic.Create(CrossFileDiagnostics.SharedWrite, use.Span, $"`{use.Key}`", Describe(use.Access), name, partners);
        }

        found.Add(diagnostic.WithRelatedLocations(related));
    }

    /// <summary>A domain writing a volume that other domains' disks are declared (or known) to be snapshots of.</summary>
    private void CheckSnapshotOrigin(Document document, StorageUse use, List<ConfigDiagnostic> found)
    {
        if (use.Access == StorageAccess.Read || !_originIndex.TryGetValue(use.Key.WholeDevice, out var declaring))
        {
            return;
        }

        var clones = declaring
            .Where(path => path != document.Path && !SameDomain(document, _documents[path]))
            .Select(path => _documents[path])
            .ToList();
        if (clones.Count == 0)
        {
            return;
        }

        var related = clones.SelectMany(clone => clone.Facts.Snapshots.Where(pair => pair.Origin.Overlaps(use.Key))
            .SelectMany(pair => clone.Facts.Storage.Where(cloneUse => cloneUse.Key == pair.Clone))
            .Select(cloneUse => Related(clone.Path, cloneUse.Span, $"a snapshot used by `{DomainLabel(clone)}`"))).ToImmutableArray();
        found.Add(ConfigDiagnostic.Create(CrossFileDiagnostics.WriteToSnapshotOrigin, use.Span, $"`{use.Key}`", DomainLabel(document), DescribePartners(clones))
            .WithRelatedLocations(related));
    }

    private void CheckUnique(Document document, UniqueValue value, List<ConfigDiagnostic> found)
    {
        var others = (_valueIndex.GetValueOrDefault((value.Kind, value.Value)) ?? [])
            .Where(path => path != document.Path)
            .Select(path => _documents[path])
            .Where(other => value.Kind == UniqueValueKind.DomainName || !SameDomain(document, other))
            .ToList();
        if (others.Count == 0)
        {
            return;
        }

        var descriptor = value.Kind switch
        {
            UniqueValueKind.DomainName => CrossFileDiagnostics.DuplicateName,
            UniqueValueKind.Uuid => CrossFileDiagnostics.DuplicateUuid,
            UniqueValueKind.MacAddress => CrossFileDiagnostics.DuplicateMac,
            UniqueValueKind.StaticIp => CrossFileDiagnostics.DuplicateStaticIp,
            _ => CrossFileDiagnostics.DuplicateVifName,
        };
        var related = others.SelectMany(other => other.Facts.UniqueValues.Where(candidate => candidate.Kind == value.Kind && candidate.Value == value.Value)
            .Select(candidate => Related(other.Path, candidate.Span, $"also in `{DomainLabel(other)}`"))).ToImmutableArray();
        var diagnostic = value.Kind == UniqueValueKind.DomainName
            ? ConfigDiagnostic.Create(descriptor, value.Span, value.Value, DescribeFiles(others))
            : ConfigDiagnostic.Create(descriptor, value.Span, value.Value, DomainLabel(document), DescribePartners(others));
        found.Add(diagnostic.WithRelatedLocations(related));
    }

    private static bool SameDomain(Document left, Document right) =>
        left.Facts.DomainName is { } name && name == right.Facts.DomainName;

    private static string DomainLabel(Document document) => document.Facts.DomainName ?? Path.GetFileName(document.Path);

    private static string DescribePartners(IEnumerable<Document> documents) =>
        ListSome(documents.DistinctBy(document => document.Path).Select(document => $"`{DomainLabel(document)}` ({Path.GetFileName(document.Path)})"));

    private static string DescribeFiles(IEnumerable<Document> documents) =>
        ListSome(documents.DistinctBy(document => document.Path).Select(document => Path.GetFileName(document.Path)));

    /// <summary>The first few items and a count of the rest, so a message stays one readable line.</summary>
    private static string ListSome(IEnumerable<string> items)
    {
        const int Shown = 3;
        var all = items.ToList();
        var text = string.Join(", ", all.Take(Shown));
        return all.Count > Shown ? $"{text} and {all.Count - Shown} more" : text;
    }

    private static string Describe(StorageAccess access) => access switch
    {
        StorageAccess.Read => "read",
        StorageAccess.ForcedWrite => "written (w!)",
        _ => "written",
    };

    private RelatedLocation Related(string path, TextSpan span, string message)
    {
        var text = _documents[path].Text;
        return new RelatedLocation(path, span, text.Lines.GetLinePositionSpan(span), message);
    }

    /// <summary>
    /// One file in the workspace: its text, its own diagnostics (computed once) and its cross-file facts. Not its
    /// tree: the tree, its realised nodes and its semantic model (cached per tree) would stay alive as long as the
    /// document, about 30 times the text's size, for 10,000 files that nobody looks at after their analysis. The rare
    /// reader that needs a tree again (suppressions, new options) parses the text again.
    /// </summary>
    private sealed class Document
    {
        private Document(string path, SourceText text, AnalysisOptions options, bool hasDirectives, ImmutableArray<ConfigDiagnostic> diagnostics, FileFacts facts)
        {
            Path = path;
            Text = text;
            Options = options;
            HasDirectives = hasDirectives;
            Diagnostics = diagnostics;
            Facts = facts;
        }

        public string Path { get; }

        public SourceText Text { get; }

        /// <summary>The effective options the file was analysed with; its severities apply to its cross-file findings too.</summary>
        public AnalysisOptions Options { get; }

        /// <summary>Whether the text may hold inline suppressions (most files do not, and then need no tree to finish).</summary>
        public bool HasDirectives { get; }

        public ImmutableArray<ConfigDiagnostic> Diagnostics { get; }

        public FileFacts Facts { get; }

        public SyntaxTree Parse(ParseOptions options) => SyntaxTree.Parse(Text, options, Path);

        public static Document Create(SyntaxTree tree, AnalysisOptions options, IStorageResolver resolver, bool keepModel)
        {
            var diagnostics = ConfigAnalyzer.Collect(tree, options);
            FileFacts facts;
            try
            {
                facts = FileFacts.From(SemanticModel.For(tree), resolver);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The cross-file checks lose this file; its own diagnostics say why.
                facts = FileFacts.Empty(tree.FilePath);
                diagnostics = diagnostics.Add(ConfigAnalyzer.InternalError(exception, new TextSpan(0, 0)));
            }

            if (!keepModel)
            {
                SemanticModel.Forget(tree);
            }

            return new Document(tree.FilePath, tree.Text, options, Suppressions.MayHaveDirectives(tree.Text), diagnostics, facts);
        }
    }

    /// <summary>
    /// The index entries an update touched; their members are the partners whose results may change. Each entry is
    /// unioned once at the end, so indexing n files that share one key (an ISO every HVM guest reads) costs O(n), not O(n²).
    /// </summary>
    private sealed class PartnerSets
    {
        private readonly HashSet<PathSet> _sets = new(ReferenceEqualityComparer.Instance);

        public void Add(PathSet paths) => _sets.Add(paths);

        public void UnionInto(HashSet<string> affected)
        {
            foreach (var paths in _sets)
            {
                affected.UnionWith(paths);
            }
        }
    }

    /// <summary>
    /// The files under one index key. Most keys (a MAC, a uuid, a domain's own volume) belong to one file: that file
    /// is held without a hash set, which for 10,000 files saves most of the index's memory. Enumerates in the order a
    /// hash set given the same additions and removals would.
    /// </summary>
    private sealed class PathSet : IEnumerable<string>
    {
        private string? _single;
        private HashSet<string>? _many;

        public int Count => _many?.Count ?? (_single is null ? 0 : 1);

        public void Add(string path)
        {
            if (_many is not null)
            {
                _many.Add(path);
            }
            else if (_single is null)
            {
                _single = path;
            }
            else if (!string.Equals(_single, path, StringComparison.Ordinal))
            {
                _many = new HashSet<string>(StringComparer.Ordinal) { _single, path };
                _single = null;
            }
        }

        public void Remove(string path)
        {
            if (_many is not null)
            {
                _many.Remove(path);
            }
            else if (string.Equals(_single, path, StringComparison.Ordinal))
            {
                _single = null;
            }
        }

        public IEnumerator<string> GetEnumerator()
        {
            if (_many is not null)
            {
                return _many.GetEnumerator();
            }

            return _single is null ? Enumerable.Empty<string>().GetEnumerator() : Enumerable.Repeat(_single, 1).GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
