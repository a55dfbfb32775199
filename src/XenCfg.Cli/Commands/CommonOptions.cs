using System.Collections.Immutable;
using System.CommandLine;
using System.CommandLine.Parsing;
using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Configuration;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>Options several commands share, so each is spelled and described once.</summary>
internal static class CommonOptions
{
    private const string DialectDescription = "Toolstack the files are written for: xl (default) or xm (legacy, Python). Under xm, Python constructs are warnings.";

    /// <summary>--dialect for commands that take the dialect from a config file when the option is absent (null).</summary>
    public static Option<Dialect?> OptionalDialectOption() => new("--dialect")
    {
        Description = DialectDescription + " Overrides the config file's dialect.",
        CustomParser = ParseDialect,
    };

    /// <summary>--xen-version: the Xen release whose xl reads the files, over the config file's <c>xen-version</c>.</summary>
    public static Option<XenVersion?> XenVersionOption() => new("--xen-version")
    {
        Description = $"The Xen release whose xl reads the files ({string.Join(", ", XenVersion.Known)}; default: the config file's xen-version, else {XenVersion.Newest}).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (XenVersion.TryParse(text, out var version, out var error))
            {
                return version;
            }

            result.AddError($"--xen-version: {error}");
            return null;
        },
    };

    /// <summary>--max-file-size: the largest file read, over the config file's <c>max-file-size</c>.</summary>
    public static Option<long?> MaxFileSizeOption() => new("--max-file-size")
    {
        Description = $"Refuse files larger than SIZE (bytes, or with K, M or G; default: the config file's max-file-size, else {SettingValues.FormatFileSize(ProjectOptions.DefaultMaxFileSize)}).",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (SettingValues.TryParseFileSize(text, out var bytes, out var error))
            {
                return bytes;
            }

            result.AddError($"--max-file-size: {error}");
            return null;
        },
    };

    private static Dialect? ParseDialect(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "xl";
        if (Enum.TryParse<Dialect>(text, ignoreCase: true, out var dialect) && Enum.IsDefined(dialect) && !int.TryParse(text, out _))
        {
            return dialect;
        }

        result.AddError($"unknown dialect '{text}': use xl or xm");
        return null;
    }
}

/// <summary>
/// The options of every command that reads configs, for where the project configuration comes from and what the
/// command line sets over it: <c>--config</c>/<c>--no-config</c>, <c>--dialect</c>, <c>--xen-version</c>,
/// <c>--max-file-size</c> (lint adds <c>--rule</c> and <c>--max-warnings</c>).
/// </summary>
internal sealed class ConfigOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = $"Use this config file for every input instead of looking for {ProjectConfig.FileName}." };

    public Option<bool> NoConfig { get; } = new("--no-config") { Description = $"Use no config file ({ProjectConfig.FileName} files are ignored)." };

    public Option<Dialect?> Dialect { get; } = CommonOptions.OptionalDialectOption();

    public Option<XenVersion?> XenVersion { get; } = CommonOptions.XenVersionOption();

    public Option<long?> MaxFileSize { get; } = CommonOptions.MaxFileSizeOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Dialect);
        command.Options.Add(XenVersion);
        command.Options.Add(Config);
        command.Options.Add(NoConfig);
        command.Options.Add(MaxFileSize);
    }

    public CommandLineSettings Read(ParseResult result, ImmutableDictionary<string, RuleSeverity>? rules = null, int? maxWarnings = null) =>
        new(result.GetValue(Config), result.GetValue(NoConfig), new SettingsLayer
        {
            Dialect = result.GetValue(Dialect),
            XenVersion = result.GetValue(XenVersion),
            MaxFileSize = result.GetValue(MaxFileSize),
            Rules = rules ?? SettingsLayer.Empty.Rules,
            MaxWarnings = maxWarnings,
        });
}

/// <summary>Where the configs come from (<c>--config</c>, <c>--no-config</c>, or discovery) and the command line's layer over them.</summary>
public sealed record CommandLineSettings(string? ConfigPath, bool NoConfig, SettingsLayer Layer)
{
    public static CommandLineSettings Discover { get; } = new(null, false, SettingsLayer.Empty);

    /// <summary>A usage error in these options, or null.</summary>
    public string? Check() => ConfigPath is not null && NoConfig ? "give --config FILE or --no-config, not both" : null;

    /// <summary>The effective options of the run. Throws <see cref="ProjectConfigException"/> for a <c>--config</c> file that cannot be used.</summary>
    public ProjectOptions Load(string currentDirectory)
    {
        var configs = NoConfig ? ProjectConfigResolver.Fixed(null)
            : ConfigPath is { } path ? ProjectConfigResolver.Fixed(ProjectConfigReader.Read(Path.GetFullPath(path, currentDirectory)))
            : ProjectConfigResolver.Discover();
        return ProjectOptions.ForCommandLine(configs, Layer);
    }
}
