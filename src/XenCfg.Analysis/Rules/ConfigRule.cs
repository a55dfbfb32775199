using XenCfg.Analysis.Diagnostics;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Rules;

/// <summary>
/// One semantic check. A rule owns its descriptors and their documentation, and reports through the
/// <see cref="RuleContext"/>; it must not throw (if it does, the analyzer reports an internal error instead). It
/// declares what its findings are about (<see cref="Scope"/>) and what it reads (<see cref="Reads"/>,
/// <see cref="Keys"/>), so that after an edit the language server runs it again only where its findings may change.
/// </summary>
public abstract class ConfigRule
{
    /// <summary>The diagnostics this rule can report, each with its documentation.</summary>
    public abstract IReadOnlyList<CatalogEntry> Entries { get; }

    /// <summary>What the findings are about: a whole file unless the rule is an <see cref="AssignmentRule"/> or a <see cref="KeyRule"/>.</summary>
    public virtual RuleScope Scope => RuleScope.File;

    /// <summary>What the rule reads of the assignments in its scope; everything unless it says less.</summary>
    public virtual RuleReads Reads => RuleReads.Everything;

    /// <summary>For a file rule: the only keys whose assignments it reads; null when it may read any.</summary>
    public virtual IReadOnlySet<string>? Keys => null;

    /// <summary>Checks the whole file.</summary>
    public abstract void Analyze(RuleContext context);

    protected static CatalogEntry Entry(DiagnosticDescriptor descriptor, string source, string example, string fix) =>
        new(descriptor, new RuleDocumentation(source, example, fix));
}

/// <summary>A rule whose findings about an assignment depend on that assignment alone (<see cref="RuleScope.Assignment"/>).</summary>
public abstract class AssignmentRule : ConfigRule
{
    public sealed override RuleScope Scope => RuleScope.Assignment;

    public sealed override RuleReads Reads => RuleReads.Values | RuleReads.Placement;

    /// <summary>Checks one assignment (any assignment: with a key xl does not read, or no operator, too).</summary>
    public abstract void AnalyzeAssignment(RuleContext context, AssignmentSyntax assignment);

    public sealed override void Analyze(RuleContext context)
    {
        foreach (var assignment in context.Tree.Root.Assignments)
        {
            AnalyzeAssignment(context, assignment);
        }
    }
}

/// <summary>A rule whose findings about a key depend on that key's assignments alone (<see cref="RuleScope.Key"/>).</summary>
public abstract class KeyRule : ConfigRule
{
    public sealed override RuleScope Scope => RuleScope.Key;

    /// <summary>Checks one key: every key set in the file (<see cref="ConfigSettings.AssignedKeys"/>) is checked in turn.</summary>
    public abstract void AnalyzeKey(RuleContext context, string key);

    public sealed override void Analyze(RuleContext context)
    {
        foreach (var key in context.Model.Settings.AssignedKeys)
        {
            AnalyzeKey(context, key);
        }
    }
}
