using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>
/// One way to fix a diagnostic: text edits with a title. A fix is <see cref="IsSafe"/> when it keeps what the
/// author evidently meant (adding a missing ';'); unsafe fixes change behaviour (renaming a misspelt key makes it
/// take effect) and are applied by `xcfg lint --fix` only with `--unsafe-fixes`, as ruff does.
/// </summary>
public sealed record CodeFix(string Title, string DiagnosticId, ImmutableArray<TextChange> Changes, bool IsSafe);

/// <summary>What a fix provider is given.</summary>
public sealed record CodeFixContext(SyntaxTree Tree, ConfigDiagnostic Diagnostic);

/// <summary>Fixes for some diagnostic IDs; one provider per family of rules.</summary>
public abstract class CodeFixProvider
{
    public abstract IReadOnlyCollection<string> FixableIds { get; }

    public abstract IEnumerable<CodeFix> GetFixes(CodeFixContext context);

    protected static CodeFix Fix(CodeFixContext context, string title, bool safe, params TextChange[] changes) =>
        new(title, context.Diagnostic.Id, [.. changes], safe);

    /// <summary>The token at the start of the diagnostic's span.</summary>
    protected static SyntaxToken? TokenAt(CodeFixContext context) => context.Tree.Root.FindToken(context.Diagnostic.Span.Start);

    /// <summary>The assignment containing the diagnostic's start.</summary>
    protected static AssignmentSyntax? AssignmentAt(CodeFixContext context) =>
        TokenAt(context)?.Ancestors().OfType<AssignmentSyntax>().FirstOrDefault();

    /// <summary>A change that removes a whole statement with its line (when the statement ends with a newline).</summary>
    protected static TextChange RemoveStatement(StatementSyntax statement) =>
        new(statement.FullSpan, string.Empty);
}
