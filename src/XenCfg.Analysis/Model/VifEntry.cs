using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Vif;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Model;

/// <summary>One element of <c>vif = [...]</c>: a network interface.</summary>
public sealed class VifEntry
{
    internal VifEntry(int index, LiteralValueSyntax syntax)
    {
        Index = index;
        Syntax = syntax;
        Spec = VifSpecParser.Parse(syntax.ValueText);
    }

    public int Index { get; }

    public LiteralValueSyntax Syntax { get; }

    public VifSpec Spec { get; }

    /// <summary>Maps a span of the spec string to the file.</summary>
    public TextSpan SourceSpan(TextSpan specSpan) => Syntax.Token.StringValue.MapToSource(specSpan);
}
