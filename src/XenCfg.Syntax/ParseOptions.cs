namespace XenCfg.Syntax;

/// <summary>Which toolstack a file is written for.</summary>
public enum Dialect
{
    /// <summary>Xen's `xl` (Xen 4.1 onwards): a small fixed grammar. The default.</summary>
    Xl,

    /// <summary>The legacy `xm`/xend toolstack, which executed the file as Python.</summary>
    Xm,
}

/// <summary>Options carried on a syntax tree.</summary>
public sealed record ParseOptions(Dialect Dialect = Dialect.Xl)
{
    public static ParseOptions Default { get; } = new();

    public static ParseOptions Xm { get; } = new(Dialect.Xm);
}
