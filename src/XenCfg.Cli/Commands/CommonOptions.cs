using System.CommandLine;
using System.CommandLine.Parsing;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>Options several commands share, so each is spelled and described once.</summary>
internal static class CommonOptions
{
    private const string DialectDescription = "Toolstack the files are written for: xl (default) or xm (legacy, Python). Under xm, Python constructs are warnings.";

    public static Option<Dialect> DialectOption() => new("--dialect")
    {
        Description = DialectDescription,
        DefaultValueFactory = _ => Dialect.Xl,
        CustomParser = result => ParseDialect(result) ?? Dialect.Xl,
    };

    /// <summary>--dialect for commands that take the dialect from a config file when the option is absent (null).</summary>
    public static Option<Dialect?> OptionalDialectOption() => new("--dialect")
    {
        Description = DialectDescription + " Overrides the config file's dialect.",
        CustomParser = ParseDialect,
    };

    private static Dialect? ParseDialect(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "xl";
        if (Enum.TryParse<Dialect>(text, ignoreCase: true, out var dialect))
        {
            return dialect;
        }

        result.AddError($"unknown dialect '{text}': use xl or xm");
        return null;
    }
}
