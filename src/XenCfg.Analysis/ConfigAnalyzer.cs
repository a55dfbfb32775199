using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis;

/// <summary>
/// Analyses one file: syntax diagnostics, then the semantic rules, with the user's severity overrides applied.
/// An exception inside a rule becomes one diagnostic; it never escapes.
/// </summary>
public static class ConfigAnalyzer
{
    /// <summary>Everything found in one file on its own, with severity overrides and inline suppressions applied.</summary>
    public static ImmutableArray<ConfigDiagnostic> Analyze(SyntaxTree tree, AnalysisOptions options) =>
        Finish(Suppressions.Apply(tree.WithOptions(options.ParseOptions), Collect(tree, options)), options);

    /// <summary>
    /// The file's own diagnostics as found, before suppressions and severity overrides: the workspace adds the
    /// cross-file ones first, then suppresses, then applies the user's severities (to suppression warnings too).
    /// </summary>
    internal static ImmutableArray<ConfigDiagnostic> Collect(SyntaxTree tree, AnalysisOptions options)
    {
        // The options' dialect decides how syntax findings are reported; re-reading the tree's options reuses its nodes.
        tree = tree.WithOptions(options.ParseOptions);
        return RuleRunner.Run(SemanticModel.For(tree), options, tree.GetDiagnostics());
    }

    /// <summary>Applies severity overrides (dropping rules turned off) and sorts by position, then ID.</summary>
    internal static ImmutableArray<ConfigDiagnostic> Finish(IEnumerable<ConfigDiagnostic> diagnostics, AnalysisOptions options)
    {
        // What Collect returns is in order already: with no override to apply there is nothing to make.
        if (diagnostics is ImmutableArray<ConfigDiagnostic> found && options.SeverityOverrides.Count == 0 && RuleRunner.IsSorted(found.AsSpan()))
        {
            return found;
        }

        return
        [
            .. ApplySeverities(diagnostics, options.SeverityOverrides)
                .OrderBy(diagnostic => diagnostic.Span.Start)
                .ThenBy(diagnostic => diagnostic.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>Gives each diagnostic the severity the user set for its rule, and drops rules turned off.</summary>
    public static IEnumerable<ConfigDiagnostic> ApplySeverities(IEnumerable<ConfigDiagnostic> diagnostics, IReadOnlyDictionary<string, RuleSeverity> overrides) =>
        overrides.Count == 0 ? diagnostics : diagnostics.Select(diagnostic => ApplyOverride(diagnostic, overrides)).OfType<ConfigDiagnostic>();

    internal static ConfigDiagnostic InternalError(Exception exception, TextSpan span) =>
        ConfigDiagnostic.Create(ToolDiagnostics.InternalError, span, exception.GetType().Name + ": " + exception.Message);

    private static ConfigDiagnostic? ApplyOverride(ConfigDiagnostic diagnostic, IReadOnlyDictionary<string, RuleSeverity> overrides)
    {
        if (!overrides.TryGetValue(diagnostic.Id, out var severity))
        {
            return diagnostic;
        }

        return severity switch
        {
            RuleSeverity.Off => null,
            RuleSeverity.Error => diagnostic.WithSeverity(DiagnosticSeverity.Error),
            RuleSeverity.Warning => diagnostic.WithSeverity(DiagnosticSeverity.Warning),
            RuleSeverity.Info => diagnostic.WithSeverity(DiagnosticSeverity.Info),
            _ => diagnostic.WithSeverity(DiagnosticSeverity.Hidden),
        };
    }
}
