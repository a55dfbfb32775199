using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
using XenCfg.Syntax;

namespace XenCfg.Provisioning.Planning;

/// <summary>Storage that two configs of the run would both use although one of them writes it.</summary>
public sealed record SharingConflict(string FilePath, TextSpan Span, string Id, string Message);

/// <summary>The preflight check "no sharing conflict among the configs of the run".</summary>
public interface ISharingCheck
{
    IReadOnlyList<SharingConflict> Find(IReadOnlyList<SyntaxTree> trees, Func<string, AnalysisOptions> optionsFor);
}

/// <summary>
/// The linter's cross-file check (<see cref="ConfigWorkspace"/>): a disk written by one domain and used by another
/// (XCFG0300), or one NFS root for two guests (XCFG0302). Provisioning storage for a collision is refused; xm's w!
/// (XCFG0301) is the user's explicit choice and is not.
/// </summary>
public sealed class WorkspaceSharingCheck : ISharingCheck
{
    public static WorkspaceSharingCheck Instance { get; } = new();

    private static readonly HashSet<string> RefusedIds = new(StringComparer.Ordinal)
    {
        CrossFileDiagnostics.SharedWrite.Id,
        CrossFileDiagnostics.SharedNfsRoot.Id,
    };

    public IReadOnlyList<SharingConflict> Find(IReadOnlyList<SyntaxTree> trees, Func<string, AnalysisOptions> optionsFor)
    {
        var workspace = new ConfigWorkspace();
        workspace.SetMany([.. trees.Select(tree => new WorkspaceFile(tree, optionsFor(tree.FilePath)))]);
        return [.. trees.SelectMany(tree => workspace.GetDiagnostics(tree.FilePath)
            .Where(diagnostic => RefusedIds.Contains(diagnostic.Id))
            .Select(diagnostic => new SharingConflict(tree.FilePath, diagnostic.Span, diagnostic.Id, diagnostic.Message)))];
    }
}
