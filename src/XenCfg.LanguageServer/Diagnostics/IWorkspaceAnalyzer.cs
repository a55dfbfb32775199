using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
using XenCfg.LanguageServer.Documents;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>
/// The analysis of every document the server knows, kept up to date one batch of changes at a time. Documents are
/// identified by their key (<see cref="Documents.DocumentUris.KeyFor"/>), which is also their trees' file path, so
/// related locations of cross-file findings name files the server can turn back into URIs. Updates come from one
/// writer (the diagnostics worker); reads may come from any thread.
/// </summary>
internal interface IWorkspaceAnalyzer
{
    /// <summary>The project configuration the current results were computed with: each document's options come from it.</summary>
    WorkspaceFiles Options { get; }

    /// <summary>
    /// Applies one batch: a new project configuration (null when unchanged: the documents whose options it changes
    /// are analysed again), trees added or replaced, documents removed. Returns the keys whose diagnostics may have
    /// changed: the changed documents and their cross-file partners.
    /// </summary>
    IReadOnlyCollection<string> Update(WorkspaceFiles? options, IReadOnlyList<SyntaxTree> set, IReadOnlyCollection<string> removed);

    /// <summary>The text the current results of a document were computed from, or null when it is not analysed.</summary>
    SourceText? GetText(string key);

    /// <summary>
    /// A document's own and cross-file diagnostics, severities and inline suppressions applied, after the problem of
    /// its project configuration if it has one (XCFG0904).
    /// </summary>
    ImmutableArray<ConfigDiagnostic> GetDiagnostics(string key);

    /// <summary>The storage a document's domain uses.</summary>
    ImmutableArray<StorageUse> StorageOf(string key);

    /// <summary>Every use of storage overlapping <paramref name="key"/>, in every document.</summary>
    ImmutableArray<StorageUse> UsesOf(StorageKey key);
}
