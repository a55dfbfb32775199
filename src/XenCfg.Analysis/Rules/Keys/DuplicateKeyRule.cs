using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A key set twice with <c>=</c>: xl keeps the last assignment and silently drops the earlier one
/// (tools/libs/util/libxlu_cfg.c, find returns the newest setting). Usually a merge or copy-paste accident.
/// </summary>
public sealed class DuplicateKeyRule : ConfigRule
{
    public static readonly DiagnosticDescriptor Descriptor = SemanticDescriptors.Create(
        "XCFG0103", "Key set twice",
        "`{0}` is set again on line {1}, and the last assignment wins: this value is ignored; remove one of them",
        DiagnosticSeverity.Warning,
        "xl keeps only the last `=` assignment of a key (a `+=` appends to it instead).");

    public override IReadOnlyList<CatalogEntry> Entries { get; } =
    [
        Entry(Descriptor, "Xen tools/libs/util/libxlu_cfg.c (find: the last setting wins)", "memory = 512\nvcpus = 2\nmemory = 1024", "vcpus = 2\nmemory = 1024"),
    ];

    public override void Analyze(RuleContext context)
    {
        // Walk backwards, remembering the next assignment of each key: one pass, whatever the file's size.
        var settings = context.Model.Settings.Settings;
        var nextOfKey = new Dictionary<string, XenCfg.Syntax.Setting>(StringComparer.Ordinal);
        Dictionary<string, string>? setAgainHere = null;
        for (var i = settings.Length - 1; i >= 0; i--)
        {
            var setting = settings[i];

            // A later `+=` still uses this value; only a later plain assignment replaces it.
            if (nextOfKey.TryGetValue(setting.Name, out var next) && !next.IsAppend)
            {
                var line = context.Tree.Text.Lines.GetLineFromPosition(next.Syntax.Key.Span.Start).LineNumber + 1;
                var location = context.Tree.Text.Lines.GetLinePositionSpan(next.Syntax.Key.Span);
                // A key repeated many times (a merge accident) gets one message string for all its related locations.
                setAgainHere ??= new Dictionary<string, string>(StringComparer.Ordinal);
                if (!setAgainHere.TryGetValue(setting.Name, out var message))
                {
                    setAgainHere[setting.Name] = message = $"`{setting.Name}` is set again here";
                }

                var related = ImmutableArray.Create(new RelatedLocation(context.Tree.FilePath, next.Syntax.Key.Span, location, message));
                context.Report(new ConfigDiagnostic(Descriptor, setting.Syntax.Key.Span, Descriptor.DefaultSeverity, [setting.Name, line], related));
            }

            nextOfKey[setting.Name] = setting;
        }
    }
}
