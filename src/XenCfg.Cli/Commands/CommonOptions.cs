using System.CommandLine;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>Options several commands share, so each is spelled and described once.</summary>
internal static class CommonOptions
{
    public static Option<Dialect> DialectOption() => new("--dialect")
    {
        Description = "Toolstack the files are written for: xl (default) or xm (legacy, Python). Under xm, Python constructs are warnings.",
        DefaultValueFactory = _ => Dialect.Xl,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "xl";
            if (Enum.TryParse<Dialect>(text, ignoreCase: true, out var dialect))
            {
                return dialect;
            }

            result.AddError($"unknown dialect '{text}': use xl or xm");
            return Dialect.Xl;
        },
    };
}
