using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Provisioning;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Completion in provisioning annotations (<c># xcfg: key=value ...</c>, see <see cref="AnnotationParser"/>): the
/// annotation keys that apply to what the comment annotates (a disk element, or the line that sets the NFS root;
/// every key when that cannot be told), and the file-system types after <c>fs=</c>.
/// </summary>
internal static class AnnotationCompletion
{
    private static readonly HashSet<string> NfsRootKeys = new(StringComparer.Ordinal) { "nfs_root", "nfs_server", "extra", "cmdline", "root" };

    public static CompletionList? For(SyntaxTree tree, int offset)
    {
        if (CommentAt(tree, offset) is not { } comment)
        {
            return null;
        }

        var text = tree.Text;
        var commentText = comment.Text;
        var markerEnd = MarkerEnd(commentText);
        var inComment = offset - comment.Span.Start;
        if (markerEnd < 0 || inComment < markerEnd)
        {
            return null;
        }

        var typed = commentText[markerEnd..inComment];
        if (typed.Count(c => c == '"') % 2 == 1)
        {
            return new CompletionList(false, []); // inside a quoted value
        }

        var itemStart = typed.LastIndexOfAny([' ', '\t']) + 1;
        var item = typed[itemStart..];
        var itemOffset = comment.Span.Start + markerEnd + itemStart;
        var wordEnd = offset;
        while (wordEnd < comment.Span.End && (char.IsAsciiLetterOrDigit(text[wordEnd]) || text[wordEnd] is '-' or '/' or '.'))
        {
            wordEnd++;
        }

        var equals = item.IndexOf('=', StringComparison.Ordinal);
        if (equals >= 0)
        {
            if (item[..equals] != AnnotationKeys.Fs)
            {
                return new CompletionList(false, []);
            }

            var valueRange = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset + equals + 1, wordEnd));
            return new CompletionList(false, [.. AnnotationKeys.FilesystemTypes.Select((type, index) => new CompletionItem(
                type, CompletionItemKind.EnumMember, "file system to make", SortText: index.ToString("D3", CultureInfo.InvariantCulture), TextEdit: new TextEdit(valueRange, type)))]);
        }

        var target = TargetOf(tree, comment);
        var present = typed.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(part => part.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        var range = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset, wordEnd));
        return new CompletionList(false, [.. AnnotationKeys.All
            .Where(key => (target == AnnotationTargets.None || key.AppliesTo.HasFlag(target)) && !present.Contains(key.Name))
            .Select((key, index) => new CompletionItem(
                key.Name + "=",
                CompletionItemKind.Property,
                $"provisioning: {key.Value}" + (key.AppliesTo == AnnotationTargets.NfsRoot ? " (NFS root)" : key.AppliesTo == AnnotationTargets.Disk ? " (disk)" : string.Empty),
                MarkupContent.Markdown(key.Description),
                index.ToString("D3", CultureInfo.InvariantCulture),
                TextEdit: new TextEdit(range, key.Name + "=")))]);
    }

    /// <summary>What the annotation is attached to: the disk elements or the NFS root setting on its line (or the next line for a comment on its own line).</summary>
    private static AnnotationTargets TargetOf(SyntaxTree tree, SyntaxTrivia comment)
    {
        var lines = tree.Text.Lines;
        var commentLine = lines.GetLineFromPosition(comment.Span.Start);
        var ownLine = tree.Text.ToString(TextSpan.FromBounds(commentLine.Start, comment.Span.Start)).Trim().Length == 0;
        var line = ownLine ? commentLine.LineNumber + 1 : commentLine.LineNumber;
        var model = SemanticModel.For(tree);
        if (model.Disks.Any(disk => lines.GetLineFromPosition(disk.Syntax.Span.Start).LineNumber == line))
        {
            return AnnotationTargets.Disk;
        }

        return tree.Root.Assignments.Any(assignment => NfsRootKeys.Contains(assignment.KeyName) && lines.GetLineFromPosition(assignment.Key.Span.Start).LineNumber == line)
            ? AnnotationTargets.NfsRoot
            : AnnotationTargets.None;
    }

    /// <summary>Where the items start: after <c>#</c>, blanks and <c>xcfg:</c>; -1 when the comment is not an annotation.</summary>
    private static int MarkerEnd(string commentText)
    {
        if (!AnnotationParser.IsAnnotation(commentText))
        {
            return -1;
        }

        var at = commentText.IndexOf(AnnotationParser.Marker, StringComparison.Ordinal);
        return at < 0 ? -1 : at + AnnotationParser.Marker.Length;
    }

    /// <summary>The comment containing the position (its end included: the cursor is usually at the end of the line).</summary>
    private static SyntaxTrivia? CommentAt(SyntaxTree tree, int offset)
    {
        foreach (var token in new[] { tree.Root.FindToken(offset), offset > 0 ? tree.Root.FindToken(offset - 1) : null })
        {
            if (token is null)
            {
                continue;
            }

            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.Kind == SyntaxKind.CommentTrivia && offset > trivia.Span.Start && offset <= trivia.Span.End)
                {
                    return trivia;
                }
            }
        }

        return null;
    }
}
