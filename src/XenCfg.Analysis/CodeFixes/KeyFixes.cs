using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules.Keys;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>Fixes for key findings: a misspelt key, a deprecated spelling, a value set twice, an octal number.</summary>
public sealed class KeyFixes : CodeFixProvider
{
    public override IReadOnlyCollection<string> FixableIds { get; } =
    [
        UnknownKeyRule.Descriptor.Id, DeprecatedKeyRule.Descriptor.Id, DuplicateKeyRule.Descriptor.Id, NumberValueRule.OctalNumber.Id,
    ];

    public override IEnumerable<CodeFix> GetFixes(CodeFixContext context)
    {
        var diagnostic = context.Diagnostic;
        switch (diagnostic.Id)
        {
            case "XCFG0100" when diagnostic.Properties.TryGetValue(UnknownKeyRule.SuggestionProperty, out var suggestion) && suggestion is not null:
                yield return Fix(context, $"Rename to `{suggestion}`", safe: false, new TextChange(diagnostic.Span, suggestion));
                break;
            case "XCFG0109" when AssignmentAt(context) is { KeyName: "builder" } builder && builder.Value is Syntax.LiteralValueSyntax { IsString: true } value:
                // builder = "hvm" is type = "hvm"; "generic" (and xm's "linux") is type = "pv" (xl_parse.c reads them so).
                var type = DomainInfo.ParseType(value.ValueText) == GuestType.Hvm ? "hvm" : "pv";
                yield return Fix(context, $"Write `type = \"{type}\"`", safe: true,
                    new TextChange(builder.Key.Span, "type"), new TextChange(value.Span, $"\"{type}\""));
                break;
            case "XCFG0103" when AssignmentAt(context) is { } ignored:
                yield return Fix(context, "Remove this ignored assignment", safe: false, RemoveStatement(ignored));
                break;
            case "XCFG0105":
                var text = context.Tree.Text.ToString(diagnostic.Span);
                var trimmed = text.TrimStart('0');
                if (trimmed.Length > 0)
                {
                    yield return Fix(context, $"Write `{trimmed}` (decimal)", safe: false, new TextChange(diagnostic.Span, trimmed));
                }

                break;
        }
    }
}
