using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>
/// Turns problems found by a spec parser into diagnostics: each problem kind maps to one descriptor, the
/// parser's message is the diagnostic's message, and its span is mapped from the string into the file.
/// A problem the toolstack refuses the domain for is an error; otherwise the severity given for the kind.
/// </summary>
internal sealed class SpecProblemMapping<TKind>
    where TKind : struct, Enum
{
    private readonly Dictionary<TKind, (DiagnosticDescriptor Descriptor, DiagnosticSeverity NonFatal)> _map = [];

    public SpecProblemMapping<TKind> Map(DiagnosticDescriptor descriptor, DiagnosticSeverity nonFatal, params TKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            _map.Add(kind, (descriptor, nonFatal));
        }

        return this;
    }

    public IEnumerable<DiagnosticDescriptor> Descriptors => _map.Values.Select(entry => entry.Descriptor).Distinct();

    public void Report(RuleContext context, IEnumerable<SpecProblem<TKind>> problems, Func<Microsoft.CodeAnalysis.Text.TextSpan, Microsoft.CodeAnalysis.Text.TextSpan> toSource)
    {
        foreach (var problem in problems)
        {
            if (!_map.TryGetValue(problem.Kind, out var entry))
            {
                continue;
            }

            var severity = problem.IsFatal ? DiagnosticSeverity.Error : entry.NonFatal;
            var diagnostic = new ConfigDiagnostic(entry.Descriptor, toSource(problem.Span), severity, [problem.Message]);
            context.Report(diagnostic);
        }
    }
}
