namespace XenCfg.Syntax;

/// <summary>Facts about the grammar that other layers need (completion, fixes).</summary>
public static class SyntaxFacts
{
    /// <summary>True for a key xl can read: [a-z][._0-9a-z]* (tools/libs/util/libxlu_cfg_l.l).</summary>
    public static bool IsXlKey(ReadOnlySpan<char> text) => Parsing.Lexer.IsXlIdentifier(text);
}
