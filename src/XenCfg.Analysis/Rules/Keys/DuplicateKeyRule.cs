using System.Collections.Immutable;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules.Keys;

/// <summary>
/// A key set twice with <c>=</c>: xl keeps the last assignment and silently drops the earlier one
/// (tools/libs/util/libxlu_cfg.c, find returns the newest setting). Usually a merge or copy-paste accident.
/// </summary>
public sealed class DuplicateKeyRule : KeyRule
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

    /// <summary>Where a key's assignments are and which append, and their lines (the message names one); not their values.</summary>
    public override RuleReads Reads => RuleReads.Placement | RuleReads.Lines;

    public override void AnalyzeKey(RuleContext context, string key)
    {
        // Walk backwards, remembering the next assignment: one pass, whatever the number of assignments.
        Setting? next = null;
        var settings = context.Model.Settings.SettingsOf(key).ToArray();
        string? message = null;
        for (var i = settings.Length - 1; i >= 0; i--)
        {
            var setting = settings[i];

            // A later `+=` still uses this value; only a later plain assignment replaces it.
            if (next is { IsAppend: false })
            {
                var line = context.Tree.Text.Lines.GetLineFromPosition(next.Syntax.Key.Span.Start).LineNumber + 1;
                var location = context.Tree.Text.Lines.GetLinePositionSpan(next.Syntax.Key.Span);

                // A key repeated many times (a merge accident) gets one message string for all its related locations.
                message ??= $"`{key}` is set again here";
                var related = ImmutableArray.Create(new RelatedLocation(context.Tree.FilePath, next.Syntax.Key.Span, location, message));
                context.Report(new ConfigDiagnostic(Descriptor, setting.Syntax.Key.Span, Descriptor.DefaultSeverity, [key, line], related));
            }

            next = setting;
        }
    }
}
