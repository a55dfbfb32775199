using System.Collections.Immutable;
using Tomlyn.Parsing;
using Tomlyn.Syntax;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Analysis.Versions;
using Dialect = XenCfg.Syntax.Dialect;

namespace XenCfg.Configuration;

/// <summary>
/// Reads an <c>.xcfg.toml</c> file (TOML 1.1):
/// <code>
/// dialect = "xl"                      # or "xm": how the configs are read (default xl)
/// xen-version = "4.17"                # the Xen release whose xl reads them (default the newest known)
/// max-warnings = 10                   # exit 1 when there are more warnings than this
/// max-file-size = "1M"                # larger files are refused (bytes, or K, M, G)
/// include = ["**/*.cfg", "guests/*"]  # files searched for inside directories (default *.cfg, *.xl, *.xm)
/// exclude = ["attic/", "*.bak.cfg"]   # never linted, also when named on the command line
///
/// [rules]                             # severities by diagnostic ID: error, warning, info, hint or off
/// XCFG0183 = "off"
/// XCFG0133 = "error"
///
/// [hosts]                             # which dom0 each file belongs to (default: one host)
/// dom0-a = ["hosts/dom0-a/**"]
/// </code>
/// Patterns are gitignore-style (<see cref="Glob"/>) and relative to the config file's directory. Anything else, a
/// value of the wrong type, an unknown diagnostic ID or severity, is an error naming the file, line and column: a
/// typo in a config must not silently lint with other settings. Read through Tomlyn's syntax tree, which keeps
/// positions for those messages and needs no reflection (the CLI is published with Native AOT).
/// </summary>
public static class ProjectConfigReader
{
    private static readonly string[] TopLevelKeys = ["dialect", "xen-version", "max-warnings", "max-file-size", "include", "exclude", "rules", "hosts"];

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
                throw Error(path, table.Span.Start, $"`[[{KeyText(table.Name!)}]]`: arrays of tables mean nothing here; write `[rules]` or `[hosts]`");
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

        private readonly ImmutableArray<HostScope>.Builder _hosts = ImmutableArray.CreateBuilder<HostScope>();

        private Dialect? _dialect;
        private XenVersion? _xenVersion;
        private ImmutableArray<Glob>? _include;
        private ImmutableArray<Glob> _exclude = [];
        private int? _maxWarnings;
        private long? _maxFileSize;

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
                case ["hosts"] when value is InlineTableSyntax inline:
                    foreach (var item in inline.Items)
                    {
                        Apply(["hosts"], item.KeyValue!);
                    }

                    break;
                case ["hosts", var host]:
                    Host(host, keyValue.Key!, value);
                    break;
                case ["xen-version"]:
                    var release = String(full, value);
                    _xenVersion = XenVersion.TryParse(release, out var version, out var versionError)
                        ? version
                        : throw Error(path, value.Span.Start, $"`xen-version`: {versionError}");
                    break;
                case ["max-file-size"]:
                    _maxFileSize = FileSize(value);
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
                case ["hosts", ..] or ["hosts"]:
                    throw Error(path, keyValue.Span.Start, "`[hosts]` maps host names to lists of patterns: `dom0-a = [\"hosts/dom0-a/**\"]`");
                default:
                    var known = string.Join(", ", TopLevelKeys.Select(key => $"`{key}`"));
                    throw Error(path, keyValue.Span.Start, $"unknown setting `{string.Join('.', full)}`; the settings are {known}");
            }
        }

        public ProjectConfig ToConfig() =>
            new(path, _dialect, _xenVersion, _rules.ToImmutable(), _include, _exclude, _maxWarnings, _maxFileSize, _hosts.ToImmutable());

        private long FileSize(ValueSyntax value)
        {
            string? error;
            switch (value)
            {
                case IntegerValueSyntax number:
                    if (SettingValues.CheckFileSize(number.Value, number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), out var bytes, out error))
                    {
                        return bytes;
                    }

                    break;
                case StringValueSyntax { Value: { } text }:
                    if (SettingValues.TryParseFileSize(text, out var parsed, out error))
                    {
                        return parsed;
                    }

                    break;
                default:
                    error = "it is a number of bytes or a size in quotes: `\"1M\"`";
                    break;
            }

            throw Error(path, value.Span.Start, $"`max-file-size`: {error}");
        }

        /// <summary>
        /// One host of <c>[hosts]</c>. Its name is what the findings and the provisioning plays call it, so it is
        /// held to the characters of a host name. (TOML itself refuses a name given twice.)
        /// </summary>
        private void Host(string name, KeySyntax key, ValueSyntax value)
        {
            var start = key.Span.Start;
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                throw Error(path, start, $"`{name}` is not a host name: use letters, digits, `-`, `.` and `_`");
            }

            _hosts.Add(new HostScope(name, Patterns(["hosts", name], value), start.Line + 1, start.Column + 1));
        }

        private void Rule(string id, KeySyntax key, ValueSyntax value)
        {
            if (DiagnosticCatalog.Find(id) is null)
            {
                throw Error(path, key.Span.Start, $"`{id}` is not a diagnostic ID; run `xcfg explain` for the list");
            }

            var text = String(["rules", id], value);
            _rules[id.ToUpperInvariant()] = SettingValues.TryParseRuleSeverity(text, out var severity)
                ? severity
                : throw Error(path, value.Span.Start, $"`{id}`: the severity is one of {SettingValues.RuleSeverityList}, not \"{text}\"");
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
