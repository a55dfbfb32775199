using System.Collections.Immutable;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Cli.Inputs;
using XenCfg.Cli.Output;
using Dialect = XenCfg.Syntax.Dialect;

namespace XenCfg.Cli.Configuration;

/// <summary>
/// Reads an <c>.xcfg.toml</c> file (TOML 1.1):
/// <code>
/// dialect = "xl"                      # or "xm": how the configs are read (default xl)
/// max-warnings = 10                   # exit 1 when there are more warnings than this
/// include = ["**/*.cfg", "guests/*"]  # files searched for inside directories (default *.cfg, *.xl, *.xm)
/// exclude = ["attic/", "*.bak.cfg"]   # never linted, also when named on the command line
///
/// [rules]                             # severities by diagnostic ID: error, warning, info, hint or off
/// XCFG0183 = "off"
/// XCFG0133 = "error"
/// </code>
/// Patterns are gitignore-style (<see cref="Glob"/>) and relative to the config file's directory. Anything else, a
/// value of the wrong type, an unknown diagnostic ID or severity, is an error naming the file, line and column: a
/// typo in a config must not silently lint with other settings. Read through Tomlyn's syntax tree, which keeps
/// positions for those messages and needs no reflection (the CLI is published with Native AOT).
/// </summary>
public static class ProjectConfigReader
{
    private static readonly string[] TopLevelKeys = ["dialect", "max-warnings", "include", "exclude", "rules"];

    public static ProjectConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ProjectConfigException(path, 0, 0, "cannot be read: " + exception.Message);
        }

        return Parse(text, path);
    }

    public static ProjectConfig Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.FirstOrDefault(diagnostic => diagnostic.Kind == DiagnosticMessageKind.Error) is { } syntaxError)
        {
            throw Error(path, syntaxError.Span.Start, "not valid TOML: " + syntaxError.Message);
        }

        var settings = new Settings(path);
        foreach (var keyValue in document.KeyValues)
        {
            settings.Apply([], keyValue);
        }

        foreach (var table in document.Tables)
        {
            if (table is TableArraySyntax)
            {
                throw Error(path, table.Span.Start, $"`[[{KeyText(table.Name!)}]]`: arrays of tables mean nothing here; write `[rules]`");
            }

            var tablePath = KeyPath(table.Name!);
            foreach (var keyValue in table.Items)
            {
                settings.Apply(tablePath, keyValue);
            }
        }

        return settings.ToConfig();
    }

    private static ProjectConfigException Error(string path, TextPosition position, string reason) =>
        new(path, position.Line + 1, position.Column + 1, reason);

    private static List<string> KeyPath(KeySyntax key)
    {
        var path = new List<string> { KeyPart(key.Key!) };
        foreach (var dotted in key.DotKeys)
        {
            path.Add(KeyPart(dotted.Key!));
        }

        return path;
    }

    private static string KeyText(KeySyntax key) => string.Join('.', KeyPath(key));

    private static string KeyPart(BareKeyOrStringValueSyntax part) => part switch
    {
        BareKeySyntax bare => bare.Key!.Text!,
        StringValueSyntax quoted => quoted.Value!,
        _ => part.ToString() ?? string.Empty,
    };

    /// <summary>The settings gathered so far, with the rules for each key.</summary>
    private sealed class Settings(string path)
    {
        private readonly ImmutableDictionary<string, RuleSeverity>.Builder _rules =
            ImmutableDictionary.CreateBuilder<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);

        private Dialect? _dialect;
        private ImmutableArray<Glob>? _include;
        private ImmutableArray<Glob> _exclude = [];
        private int? _maxWarnings;

        private string Directory => Path.GetDirectoryName(path)!;

        public void Apply(IReadOnlyList<string> tablePath, KeyValueSyntax keyValue)
        {
            var full = tablePath.Concat(KeyPath(keyValue.Key!)).ToList();
            var value = keyValue.Value!;
            switch (full)
            {
                case ["rules"] when value is InlineTableSyntax inline:
                    foreach (var item in inline.Items)
                    {
                        Apply(["rules"], item.KeyValue!);
                    }

                    break;
                case ["rules", var id]:
                    Rule(id, keyValue.Key!, value);
                    break;
                case ["dialect"]:
                    var dialect = String(full, value);
                    _dialect = dialect switch
                    {
                        "xl" => Dialect.Xl,
                        "xm" => Dialect.Xm,
                        _ => throw Error(path, value.Span.Start, $"`dialect` is \"xl\" or \"xm\", not \"{dialect}\""),
                    };
                    break;
                case ["max-warnings"]:
                    if (value is not IntegerValueSyntax { Value: >= 0 and <= int.MaxValue } number)
                    {
                        throw Error(path, value.Span.Start, "`max-warnings` is a whole number, 0 or more");
                    }

                    _maxWarnings = (int)number.Value;
                    break;
                case ["include"]:
                    _include = Patterns(full, value);
                    break;
                case ["exclude"]:
                    _exclude = Patterns(full, value);
                    break;
                case ["rules", ..] or ["rules"]:
                    throw Error(path, keyValue.Span.Start, "`[rules]` maps diagnostic IDs to severities: `XCFG0183 = \"off\"`");
                default:
                    var known = string.Join(", ", TopLevelKeys.Select(key => $"`{key}`"));
                    throw Error(path, keyValue.Span.Start, $"unknown setting `{string.Join('.', full)}`; the settings are {known}");
            }
        }

        public ProjectConfig ToConfig() => new(path, _dialect, _rules.ToImmutable(), _include, _exclude, _maxWarnings);

        private void Rule(string id, KeySyntax key, ValueSyntax value)
        {
            if (DiagnosticCatalog.Find(id) is null)
            {
                throw Error(path, key.Span.Start, $"`{id}` is not a diagnostic ID; run `xcfg explain` for the list");
            }

            var text = String(["rules", id], value);
            _rules[id.ToUpperInvariant()] = SeverityNames.TryParseRuleSeverity(text, out var severity)
                ? severity
                : throw Error(path, value.Span.Start, $"`{id}`: the severity is one of {SeverityNames.RuleSeverityList}, not \"{text}\"");
        }

        private string String(IReadOnlyList<string> key, ValueSyntax value) =>
            value is StringValueSyntax { Value: { } text }
                ? text
                : throw Error(path, value.Span.Start, $"`{string.Join('.', key)}` is a string (in quotes)");

        private ImmutableArray<Glob> Patterns(IReadOnlyList<string> key, ValueSyntax value)
        {
            if (value is not ArraySyntax array)
            {
                throw Error(path, value.Span.Start, $"`{string.Join('.', key)}` is a list of patterns: `[\"*.cfg\"]`");
            }

            var globs = ImmutableArray.CreateBuilder<Glob>();
            foreach (var item in array.Items)
            {
                var pattern = String(key, item.Value!);
                if (!Glob.TryParse(pattern, Directory, out var glob, out var error))
                {
                    throw Error(path, item.Value!.Span.Start, error!);
                }

                globs.Add(glob!);
            }

            return globs.ToImmutable();
        }
    }
}
