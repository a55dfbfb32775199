using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.LanguageServer.Documents;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// Computes diagnostics for the documents of a snapshot. Given the documents that changed, it returns the
/// diagnostics of every document whose findings may have changed as a result: just those documents while analysis
/// is per file, more once cross-file checks make one file's findings depend on another's.
/// </summary>
internal interface IWorkspaceAnalyzer
{
    IReadOnlyDictionary<string, ImmutableArray<ConfigDiagnostic>> Analyze(
        WorkspaceSnapshot snapshot,
        IReadOnlyCollection<string> changedKeys,
        AnalysisOptions options,
        CancellationToken cancellationToken);

    /// <summary>The diagnostics of one document of the snapshot (for hover and code actions).</summary>
    ImmutableArray<ConfigDiagnostic> AnalyzeDocument(WorkspaceSnapshot snapshot, TextDocument document, AnalysisOptions options);
}
