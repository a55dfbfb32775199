using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// Per-file analysis with <see cref="ConfigAnalyzer"/> (syntax and semantic rules, severity overrides). An
/// exception while analysing a file becomes one XCFG0900 diagnostic for that file, so the server lives on.
/// </summary>
internal sealed class SingleFileAnalyzer : IWorkspaceAnalyzer
{
    private readonly Func<SyntaxTree, AnalysisOptions, ImmutableArray<ConfigDiagnostic>> _analyze;

    /// <param name="analyze">The analysis of one tree; <see cref="ConfigAnalyzer.Analyze"/> unless a test replaces it.</param>
    public SingleFileAnalyzer(Func<SyntaxTree, AnalysisOptions, ImmutableArray<ConfigDiagnostic>>? analyze = null)
    {
        _analyze = analyze ?? ConfigAnalyzer.Analyze;
    }

    public IReadOnlyDictionary<string, ImmutableArray<ConfigDiagnostic>> Analyze(
        WorkspaceSnapshot snapshot,
        IReadOnlyCollection<string> changedKeys,
        AnalysisOptions options,
        CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ImmutableArray<ConfigDiagnostic>>(StringComparer.Ordinal);
        foreach (var key in changedKeys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (snapshot.Find(key) is { } document)
            {
                results[key] = AnalyzeDocument(snapshot, document, options);
            }
        }

        return results;
    }

    public ImmutableArray<ConfigDiagnostic> AnalyzeDocument(WorkspaceSnapshot snapshot, TextDocument document, AnalysisOptions options)
    {
        try
        {
            return _analyze(document.GetTree(options.ParseOptions), options);
        }
#pragma warning disable CA1031 // Any failure of the analysis is reported in the file, never to the server.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return [InternalError(exception)];
        }
    }

    public static ConfigDiagnostic InternalError(Exception exception) =>
        ConfigDiagnostic.Create(ToolDiagnostics.InternalError, new TextSpan(0, 0), exception.GetType().Name + ": " + exception.Message);
}
