using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Workspace;
using XenCfg.LanguageServer.Documents;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// The server's analysis: Analysis's <see cref="ConfigWorkspace"/> (per-file rules, cross-file checks, severity
/// overrides, inline suppressions), each document under its own effective options (<see cref="WorkspaceFiles.For"/>),
/// with failures contained. When a batch fails, its trees are retried one by one;
/// a tree whose analysis throws is taken out of the workspace and reported as one XCFG0900 diagnostic in its file,
/// so one bad file costs neither the others' findings nor the server.
/// </summary>
internal sealed class WorkspaceAnalyzer : IWorkspaceAnalyzer
{
    private readonly ConfigWorkspace _workspace = new();
    private WorkspaceFiles _options = WorkspaceFiles.Default;
    private readonly Action<SyntaxTree>? _beforeAnalysis;
    private readonly ConcurrentDictionary<string, ConfigDiagnostic> _failed = new(StringComparer.Ordinal);

    /// <param name="beforeAnalysis">Called with each tree before it is analysed (tests throw from it to simulate a broken rule).</param>
    public WorkspaceAnalyzer(Action<SyntaxTree>? beforeAnalysis = null)
    {
        _beforeAnalysis = beforeAnalysis;
    }

    public WorkspaceFiles Options => Volatile.Read(ref _options);

    public IReadOnlyCollection<string> Update(WorkspaceFiles? options, IReadOnlyList<SyntaxTree> set, IReadOnlyCollection<string> removed)
    {
        var affected = new HashSet<string>(StringComparer.Ordinal);
        if (options is not null)
        {
            // Files whose options changed are analysed again; files that failed before get another chance. Every
            // file is affected: the problem of its project configuration (XCFG0904) may have come or gone.
            affected.UnionWith(_failed.Keys);
            affected.UnionWith(_workspace.Paths);
            _failed.Clear();
            Volatile.Write(ref _options, options);
            try
            {
                affected.UnionWith(_workspace.Reconfigure(path => options.For(path).Analysis).AffectedPaths);
            }
#pragma warning disable CA1031 // Retried file by file below, so the failure lands in the file that caused it.
            catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                foreach (var path in _workspace.Paths)
                {
                    if (_workspace.GetText(path) is { } text)
                    {
                        affected.UnionWith(SetOne(SyntaxTree.Parse(text, options.For(path).Analysis.ParseOptions, path)));
                    }
                }
            }
        }

        foreach (var key in removed)
        {
            _failed.TryRemove(key, out _);
            affected.Add(key);
            affected.UnionWith(Contain(() => _workspace.Remove(key)));
        }

        if (set.Count > 0)
        {
            try
            {
                foreach (var tree in set)
                {
                    _beforeAnalysis?.Invoke(tree);
                }

                var current = Options;
                affected.UnionWith(_workspace.SetMany([.. set.Select(tree => new WorkspaceFile(tree, current.For(tree.FilePath).Analysis))]).AffectedPaths);
                foreach (var tree in set)
                {
                    _failed.TryRemove(tree.FilePath, out _);
                }
            }
#pragma warning disable CA1031 // A failure is reported in the file that caused it, never to the server.
            catch (Exception) when (set.Count > 1)
#pragma warning restore CA1031
            {
                foreach (var tree in set)
                {
                    affected.UnionWith(SetOne(tree));
                }
            }
#pragma warning disable CA1031
            catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
            {
                affected.UnionWith(Fail(set[0], exception));
            }
        }

        return affected;
    }

    public SourceText? GetText(string key) => _workspace.GetText(key);

    public ImmutableArray<ConfigDiagnostic> GetDiagnostics(string key)
    {
        if (_failed.TryGetValue(key, out var failure))
        {
            return [failure];
        }

        try
        {
            var found = _workspace.GetDiagnostics(key);
            return Options.For(key).ConfigProblem is { } problem && _workspace.GetText(key) is not null ? [problem, .. found] : found;
        }
#pragma warning disable CA1031
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return [InternalError(exception)];
        }
    }

    public ImmutableArray<StorageUse> StorageOf(string key) => _workspace.StorageOf(key);

    public ImmutableArray<StorageUse> UsesOf(StorageKey key) => _workspace.UsesOf(key);

    public static ConfigDiagnostic InternalError(Exception exception) =>
        ConfigDiagnostic.Create(ToolDiagnostics.InternalError, new TextSpan(0, 0), exception.GetType().Name + ": " + exception.Message);

    private IEnumerable<string> SetOne(SyntaxTree tree)
    {
        try
        {
            _beforeAnalysis?.Invoke(tree);
            var update = _workspace.Set(tree, Options.For(tree.FilePath).Analysis);
            _failed.TryRemove(tree.FilePath, out _);
            return update.AffectedPaths;
        }
#pragma warning disable CA1031
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Fail(tree, exception);
        }
    }

    /// <summary>Takes the file out of the cross-file checks (its old findings would be stale) and reports the failure in it.</summary>
    private IEnumerable<string> Fail(SyntaxTree tree, Exception exception)
    {
        _failed[tree.FilePath] = InternalError(exception);
        return [tree.FilePath, .. Contain(() => _workspace.Remove(tree.FilePath))];
    }

    /// <summary>A removal that fails leaves nothing to report in any file: the caller republishes what it knows.</summary>
    private static ImmutableArray<string> Contain(Func<WorkspaceUpdate> update)
    {
        try
        {
            return update().AffectedPaths;
        }
#pragma warning disable CA1031
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return [];
        }
    }
}
