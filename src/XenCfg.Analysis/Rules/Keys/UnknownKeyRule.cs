using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Keys;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A key neither toolstack knows: xl has no unknown-key check and ignores it silently (tools/xl/xl_parse.c reads
/// only the keys it looks up), so a misspelt key simply has no effect.
/// </summary>
public sealed class UnknownKeyRule : AssignmentRule
{
    /// <summary>The property a code fix reads for the replacement key.</summary>
    public const string SuggestionProperty = "suggestion";

    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0100", "Unknown key",
        "`{0}` is not a key xl or xm knows; it is ignored without a word{1}",
        DiagnosticSeverity.Warning,
        "xl reads only the keys it looks up and never complains about others, so a typo silently leaves the setting at its default.");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/xl/xl_parse.c (keys are looked up by name; nothing checks for unknown ones)", "memroy = 1024", "memory = 1024"),
    ];

    /// <summary>Suggestions worked out before: a file may repeat one unknown key many times, and assignments are checked one by one.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Suggestions = new(StringComparer.Ordinal);

    public override void AnalyzeAssignment(RuleContext context, AssignmentSyntax assignment)
    {
        if (context.Model.Kind != ConfigKind.Domain || assignment.KeyKind != SyntaxKind.IdentifierToken || KeyCatalog.Find(assignment.KeyName) is not null)
        {
            return;
        }

        if (!Suggestions.TryGetValue(assignment.KeyName, out var suggestion))
        {
            if (Suggestions.Count > 4096)
            {
                Suggestions.Clear();
            }

            suggestion = Suggestions[assignment.KeyName] = KeyCatalog.Suggest(assignment.KeyName, max: 1).FirstOrDefault();
        }

        var hint = suggestion is null ? string.Empty : $": did you mean `{suggestion}`?";
        var diagnostic = ConfigDiagnostic.Create(Descriptor, assignment.Key.Span, assignment.KeyName, hint);
        context.Report(suggestion is null ? diagnostic : diagnostic.WithProperties(ImmutableDictionary<string, string?>.Empty.Add(SuggestionProperty, suggestion)));
    }
}
