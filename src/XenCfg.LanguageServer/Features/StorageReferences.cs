using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Workspace;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Find references on storage: from anywhere in a disk string (or on an NFS root), every use of the same storage
/// (or of storage overlapping it: a whole disk and its partitions) by any domain of the workspace, open or not,
/// through <see cref="ConfigWorkspace.UsesOf"/>. Storage is compared by its canonical key, so
/// <c>phy:/dev/vg0/data</c> finds <c>target=/dev/mapper/vg0-data</c>.
/// </summary>
internal static class StorageReferences
{
    public static Location[] For(IWorkspaceAnalyzer analyzer, string key, SyntaxTree tree, int offset, bool includeDeclaration)
    {
        var here = analyzer.StorageOf(key);
        if (here.IsDefaultOrEmpty)
        {
            return [];
        }

        // The use under the cursor: its own span, or the disk string that holds it.
        var disk = SemanticModel.For(tree).Disks.FirstOrDefault(candidate => candidate.Syntax.Span.Contains(offset));
        var use = here.FirstOrDefault(candidate => candidate.Span.Contains(offset) || candidate.Span.End == offset)
            ?? (disk is null ? null : here.FirstOrDefault(candidate => disk.Syntax.Span.Contains(candidate.Span)));
        if (use is null)
        {
            return [];
        }

        var uris = new DiagnosticConverter.UriCache();
        return [.. analyzer.UsesOf(use.Key)
            .Where(other => includeDeclaration || other.FilePath != use.FilePath || other.Span != use.Span)
            .OrderBy(other => other.FilePath != use.FilePath)
            .ThenBy(other => other.FilePath, StringComparer.Ordinal)
            .ThenBy(other => other.Span.Start)
            .Select(other => analyzer.GetText(other.FilePath) is { } otherText
                ? new Location(uris.UriFor(other.FilePath), PositionMapping.ToRange(otherText, other.Span))
                : null)
            .OfType<Location>()];
    }
}
