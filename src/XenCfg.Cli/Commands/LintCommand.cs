using System.Collections.Immutable;
using System.CommandLine;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Cli.Lint;
using XenCfg.Configuration;

namespace XenCfg.Cli.Commands;

/// <summary><c>xcfg lint PATH...</c>: report what is wrong with configs, for people, pre-commit and CI (see <see cref="LintRunner"/>).</summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Config files, directories to search recursively (*.cfg, *.xl, *.xm by default), or `-` for standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<LintFormat>("--format", "-f")
        {
            Description = "Output format: text (default), json, sarif (SARIF 2.1.0) or github (GitHub Actions annotations).",
            DefaultValueFactory = _ => LintFormat.Text,
            CustomParser = ParseFormat,
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output." };
        var configOptions = new ConfigOptions();
        var rule = new Option<string[]>("--rule")
        {
            Description = "Set a rule's severity, over the config file: ID=error|warning|info|hint|off (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var include = new Option<string[]>("--include")
        {
            Description = "Only take files matching GLOB when searching directories (relative to the directory; repeatable; replaces the config's include).",
            AllowMultipleArgumentsPerToken = false,
        };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "Leave out files matching GLOB (relative to the directory searched, or to the current directory for files; repeatable; added to the config's exclude).",
            AllowMultipleArgumentsPerToken = false,
        };
        var context = new Option<string[]>("--context")
        {
            Description = "Also read the configs under PATH for the cross-file checks, without reporting their own findings (repeatable); pre-commit's hook uses `--context .`.",
            AllowMultipleArgumentsPerToken = false,
        };
        var stdinFileName = new Option<string?>("--stdin-filename") { Description = "The path standard input (`-`) stands for: shown in the output and used to find its config." };
        var maxWarnings = new Option<int?>("--max-warnings")
        {
            Description = "Exit 1 when there are more than N warnings (default: the config's max-warnings, else no limit).",
        };
        maxWarnings.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--max-warnings must be 0 or more");
            }
        });

        var resolve = new Option<bool>("--resolve")
        {
            Description = "On a dom0: ask the host what storage names refer to (symlinks, /dev/disk/by-*, device numbers, files' inodes, LVM snapshot origins), so different names for one device are compared as one.",
        };
        var timings = new Option<bool>("--timings") { Description = "Print how long each stage took on standard error.", Hidden = true };
        var fix = new Option<bool>("--fix") { Description = "Apply the safe fixes to the files (those that keep what the file evidently meant), then report what is left." };
        var unsafeFixes = new Option<bool>("--unsafe-fixes") { Description = "With --fix, also apply fixes that change behaviour (renaming a misspelt key, w! to w, moving xm keys into extra)." };
        var command = new Command("lint", "Check Xen domain configs and report every problem found.")
        {
            paths, format, output, rule, include, exclude, context, stdinFileName, maxWarnings, resolve, timings, fix, unsafeFixes,
        };
        configOptions.AddTo(command);
        rule.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (ParseRule(value) is { Error: { } error })
                {
                    result.AddError(error);
                }
            }
        });
        command.SetAction(result =>
        {
            var overrides = ImmutableDictionary.CreateBuilder<string, RuleSeverity>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in result.GetValue(rule) ?? [])
            {
                var (id, severity, _) = ParseRule(value);
                overrides[id!] = severity;
            }

            var includeValue = result.GetValue(include);
            var request = new LintRequest(
                result.GetValue(paths)!,
                result.GetValue(context) ?? [],
                configOptions.Read(result, overrides.ToImmutable(), result.GetValue(maxWarnings)),
                includeValue is { Length: > 0 } ? includeValue : null,
                result.GetValue(exclude) ?? [],
                result.GetValue(stdinFileName),
                result.GetValue(format),
                result.GetValue(output),
                result.GetValue(resolve),
                result.GetValue(timings),
                result.GetValue(fix) ? (result.GetValue(unsafeFixes) ? FixMode.Unsafe : FixMode.Safe) : FixMode.None,
                result.GetValue(unsafeFixes) && !result.GetValue(fix));
            return LintRunner.Run(console, request);
        });
        return command;
    }

    private static LintFormat ParseFormat(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "text";
        switch (text.ToLowerInvariant())
        {
            case "json":
                return LintFormat.Json;
            case "sarif":
                return LintFormat.Sarif;
            case "github":
                return LintFormat.GitHub;
            case "text":
                return LintFormat.Text;
            default:
                result.AddError($"unknown format '{text}': use text, json, sarif or github");
                return LintFormat.Text;
        }
    }

    /// <summary>Reads <c>ID=SEVERITY</c>.</summary>
    private static (string? Id, RuleSeverity Severity, string? Error) ParseRule(string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return (null, default, $"--rule {value}: write ID=SEVERITY, e.g. XCFG0183=off");
        }

        var id = value[..equals].Trim();
        var severityText = value[(equals + 1)..].Trim();
        if (DiagnosticCatalog.Find(id) is null)
        {
            return (null, default, $"--rule {value}: `{id}` is not a diagnostic ID; run `xcfg explain` for the list");
        }

        return SettingValues.TryParseRuleSeverity(severityText, out var severity)
            ? (id.ToUpperInvariant(), severity, null)
            : (null, default, $"--rule {value}: the severity is one of {SettingValues.RuleSeverityList}");
    }
}
