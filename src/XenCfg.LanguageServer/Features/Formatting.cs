using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Formatting;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>Document and range formatting with the formatter `xcfg fmt` uses. A file with syntax errors is left alone.</summary>
internal static class Formatting
{
    /// <summary>The edits, or null when the file has syntax errors and is not formatted.</summary>
    public static TextEdit[]? Format(SyntaxTree tree, TextSpan? range)
    {
        if (ConfigFormatter.Format(tree, range) is not { } changes)
        {
            return null;
        }

        return [.. changes.Select(change => new TextEdit(PositionMapping.ToRange(tree.Text, change.Span), change.NewText ?? string.Empty))];
    }
}
