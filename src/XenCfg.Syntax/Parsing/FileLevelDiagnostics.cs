using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.InternalSyntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Syntax.Parsing;

/// <summary>
/// The syntax findings that are about more than one statement, worked out from the finished tree rather than while
/// parsing: so the parse of a statement depends on nothing before it but where it starts, which is what lets the
/// incremental parser reuse statements (see <see cref="IncrementalParser"/>). They sit beside the tree, not on its nodes.
/// </summary>
internal static class FileLevelDiagnostics
{
    private enum ValueShape
    {
        Unknown,
        String,
        List,
    }

    /// <summary>Whether a diagnostic is one of these (so an update of a tree's diagnostics works it out again rather than moving it).</summary>
    public static bool IsFileLevel(ConfigDiagnostic diagnostic) =>
        ReferenceEquals(diagnostic.Descriptor, SyntaxDiagnostics.AppendTypeMismatch) || ReferenceEquals(diagnostic.Descriptor, SyntaxDiagnostics.CarriageReturn);

    public static void AddTo(List<ConfigDiagnostic> result, GreenNode root, SourceText text)
    {
        AddAppendMismatches(result, root);
        AddCarriageReturns(result, root, text);
    }

    /// <summary>
    /// xl's '+=' concatenates string with string and list with list; anything else makes it refuse the file
    /// (libxlu_cfg.c, xlu__cfg_concat_vals). Without an earlier value, '+=' acts as '='.
    /// </summary>
    private static void AddAppendMismatches(List<ConfigDiagnostic> result, GreenNode root)
    {
        var statements = root.SlotCount - 1;
        var anyAppend = false;
        for (var i = 0; i < statements && !anyAppend; i++)
        {
            anyAppend = IsIdentifierAssignment(root.GetSlot(i)!) is { } assignment && assignment.GetSlot(1)!.Kind == SyntaxKind.PlusEqualsToken;
        }

        if (!anyAppend)
        {
            return;
        }

        var shapes = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        var reported = 0;
        var position = 0;
        for (var i = 0; i < statements; i++)
        {
            var statement = root.GetSlot(i)!;
            if (IsIdentifierAssignment(statement) is { } assignment)
            {
                var key = (GreenToken)assignment.GetSlot(0)!;
                var operatorToken = (GreenToken)assignment.GetSlot(1)!;
                var shape = assignment.GetSlot(2)!.Kind switch
                {
                    SyntaxKind.LiteralValue => ValueShape.String,
                    SyntaxKind.ListValue => ValueShape.List,
                    _ => ValueShape.Unknown,
                };
                if (operatorToken.Kind == SyntaxKind.PlusEqualsToken && shapes.TryGetValue(key.Text, out var previous))
                {
                    if (previous != ValueShape.Unknown && shape != ValueShape.Unknown && previous != shape && reported++ < DiagnosticBudget.MaxPerDescriptor)
                    {
                        var start = position + key.FullWidth + operatorToken.LeadingTriviaWidth;
                        result.Add(ConfigDiagnostic.Create(SyntaxDiagnostics.AppendTypeMismatch, new TextSpan(start, operatorToken.Text.Length),
                            ShapeName(shape), ShapeName(previous), key.Text));
                    }
                }
                else
                {
                    shapes[key.Text] = shape;
                }
            }

            position += statement.FullWidth;
        }

        static string ShapeName(ValueShape shape) => shape == ValueShape.List ? "list" : "string";
    }

    private static GreenNode? IsIdentifierAssignment(GreenNode statement) =>
        statement.Kind == SyntaxKind.Assignment && statement.GetSlot(0)!.Kind == SyntaxKind.IdentifierToken ? statement : null;

    /// <summary>
    /// A CRLF file has a carriage return on every line; one diagnostic with the count says it better than one per
    /// line. A carriage return that ends a line outside a comment or string is a trivia of its own, just before the
    /// newline (the lexer makes it so); a lone one is junk with a diagnostic of its own, never followed by a newline.
    /// </summary>
    private static void AddCarriageReturns(List<ConfigDiagnostic> result, GreenNode root, SourceText text)
    {
        if (!SourceTextSearch.Contains(text, "\r\n"))
        {
            return;
        }

        var first = -1;
        var count = 0;
        var stack = new Stack<(GreenNode Node, int Position)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (node, position) = stack.Pop();
            if (node is GreenToken token)
            {
                var at = position;
                foreach (var trivia in token.Leading)
                {
                    Count(trivia, at);
                    at += trivia.FullWidth;
                }

                at += token.Text.Length;
                foreach (var trivia in token.Trailing)
                {
                    Count(trivia, at);
                    at += trivia.FullWidth;
                }

                continue;
            }

            var end = position + node.FullWidth;
            for (var i = node.SlotCount - 1; i >= 0; i--)
            {
                if (node.GetSlot(i) is { } child)
                {
                    end -= child.FullWidth;
                    stack.Push((child, end));
                }
            }
        }

        if (count > 0)
        {
            var others = count - 1;
            var more = others == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {others} more line{(others == 1 ? "" : "s")} end the same way");
            result.Add(ConfigDiagnostic.Create(SyntaxDiagnostics.CarriageReturn, new TextSpan(first, 1), more));
        }

        void Count(GreenTrivia trivia, int at)
        {
            if (trivia.Kind == SyntaxKind.SkippedTokensTrivia && trivia.Text == "\r" && at + 1 < text.Length && text[at + 1] == '\n')
            {
                first = first < 0 ? at : first;
                count++;
            }
        }
    }
}
