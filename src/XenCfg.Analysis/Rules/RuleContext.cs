using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Rules;

/// <summary>What a rule sees: the file's semantic model, and a place to report.</summary>
public sealed class RuleContext
{
    /// <summary>
    /// Findings of one ID kept per file. A file of a million broken lines would otherwise carry millions of
    /// diagnostics, and the first thousand say as much; the rest are counted and summed up in one note (XCFG0903).
    /// </summary>
    public const int MaxPerId = 1000;

    private List<ConfigDiagnostic> _diagnostics;
    private readonly Dictionary<string, (int Kept, int Dropped, TextSpan FirstDropped)> _counts = new(StringComparer.Ordinal);

    internal RuleContext(SemanticModel model, List<ConfigDiagnostic> diagnostics)
    {
        Model = model;
        _diagnostics = diagnostics;
    }

    public SemanticModel Model { get; }

    public SyntaxTree Tree => Model.Tree;

    public Dialect Dialect => Model.Dialect;

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] arguments) =>
        Report(ConfigDiagnostic.Create(descriptor, span, arguments));

    public void Report(ConfigDiagnostic diagnostic)
    {
        _counts.TryGetValue(diagnostic.Id, out var count);
        if (count.Kept < MaxPerId)
        {
            _counts[diagnostic.Id] = count with { Kept = count.Kept + 1 };
            _diagnostics.Add(diagnostic);
        }
        else
        {
            _counts[diagnostic.Id] = count with { Dropped = count.Dropped + 1, FirstDropped = count.Dropped == 0 ? diagnostic.Span : count.FirstDropped };
        }
    }

    /// <summary>Sends what is reported from now on to <paramref name="sink"/> (the runner keeps each rule's, key's or assignment's findings apart).</summary>
    internal void ReportTo(List<ConfigDiagnostic> sink) => _diagnostics = sink;

    /// <summary>Whether some ID went over <see cref="MaxPerId"/> (findings were dropped).</summary>
    internal bool Overflowed => _counts.Values.Any(count => count.Dropped > 0);

    /// <summary>One note per ID that went over <see cref="MaxPerId"/>, saying how many more were found.</summary>
    internal IEnumerable<ConfigDiagnostic> OverflowNotes() =>
        _counts.Where(pair => pair.Value.Dropped > 0)
            .Select(pair => ConfigDiagnostic.Create(Diagnostics.ToolDiagnostics.TooManyFindings, pair.Value.FirstDropped, pair.Key, pair.Value.Dropped, MaxPerId));
}
