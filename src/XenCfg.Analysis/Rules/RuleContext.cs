using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>What a rule sees: the file's semantic model, and a place to report.</summary>
public sealed class RuleContext
{
    private readonly List<ConfigDiagnostic> _diagnostics;

    internal RuleContext(SemanticModel model, List<ConfigDiagnostic> diagnostics)
    {
        Model = model;
        _diagnostics = diagnostics;
    }

    public SemanticModel Model { get; }

    public SyntaxTree Tree => Model.Tree;

    public Dialect Dialect => Model.Dialect;

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] arguments) =>
        _diagnostics.Add(ConfigDiagnostic.Create(descriptor, span, arguments));

    public void Report(ConfigDiagnostic diagnostic) => _diagnostics.Add(diagnostic);
}
