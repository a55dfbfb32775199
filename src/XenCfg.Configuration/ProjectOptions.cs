using System.Collections.Concurrent;
using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;

namespace XenCfg.Configuration;

/// <summary>
/// The effective options for a file: the one place where the layers of settings meet, for every front end (lint,
/// <c>--fix</c>, fmt, inspect, provision, the language server). From strongest to weakest:
/// <list type="number">
/// <item><see cref="Overrides"/>: the command line (<c>--dialect</c>, <c>--xen-version</c>, <c>--rule</c>, ...);</item>
/// <item>the <c>.xcfg.toml</c> that applies to the file (<see cref="ProjectConfigResolver"/>);</item>
/// <item><see cref="Fallback"/>: the editor's settings, which fill what the project file leaves unset;</item>
/// <item>the built-in defaults (xl, the newest Xen release, each rule's own severity, 1 MiB files).</item>
/// </list>
/// A rule's severity is taken from the strongest layer that names the rule. The file's host (<c>[hosts]</c>) and
/// whether the host starts it at boot complete the options. Equal inputs give the same <see cref="AnalysisOptions"/>
/// instance, so workspaces see unchanged options as unchanged. Thread-safe.
/// </summary>
public sealed class ProjectOptions
{
    /// <summary>The largest file read unless configured otherwise: the largest of 400 real configs is under 15 KB.</summary>
    public const long DefaultMaxFileSize = 1024 * 1024;

    private readonly ConcurrentDictionary<(ProjectConfig? Config, string? Host, bool Autostart), AnalysisOptions> _cache = new();

    public ProjectOptions(ProjectConfigResolver configs, SettingsLayer overrides, SettingsLayer fallback)
    {
        Configs = configs;
        Overrides = overrides;
        Fallback = fallback;
    }

    /// <summary>Command-line settings over the project's config files.</summary>
    public static ProjectOptions ForCommandLine(ProjectConfigResolver configs, SettingsLayer commandLine) =>
        new(configs, commandLine, SettingsLayer.Empty);

    /// <summary>
    /// An editor's settings under the project's config files: a team's <c>.xcfg.toml</c> decides what it sets, so the
    /// editor shows what <c>xcfg lint</c> and the pre-commit hook report; the editor's settings fill the rest.
    /// </summary>
    public static ProjectOptions ForEditor(ProjectConfigResolver configs, SettingsLayer editor) =>
        new(configs, SettingsLayer.Empty, editor);

    public ProjectConfigResolver Configs { get; }

    public SettingsLayer Overrides { get; }

    public SettingsLayer Fallback { get; }

    /// <summary>The config for a file (absolute path), or null. Throws <see cref="ProjectConfigException"/>.</summary>
    public ProjectConfig? ConfigFor(string fullPath) => Configs.For(Path.GetDirectoryName(fullPath) ?? fullPath);

    /// <summary>The effective options for a file. Throws <see cref="ProjectConfigException"/> for a config that cannot be used.</summary>
    public AnalysisOptions For(string fullPath, bool autostart = false) => For(fullPath, ConfigFor(fullPath), autostart);

    /// <summary>
    /// The effective options for a file under <paramref name="config"/> (the one that applies to it, or none).
    /// Throws <see cref="ProjectConfigException"/> when two hosts of the config claim the file.
    /// </summary>
    public AnalysisOptions For(string fullPath, ProjectConfig? config, bool autostart)
    {
        var host = config?.HostFor(fullPath);
        return _cache.GetOrAdd((config, host, autostart), key => Build(key.Config, key.Host, key.Autostart));
    }

    /// <summary>The largest file read under <paramref name="config"/>, in bytes.</summary>
    public long MaxFileSize(ProjectConfig? config) =>
        Overrides.MaxFileSize ?? config?.MaxFileSize ?? Fallback.MaxFileSize ?? DefaultMaxFileSize;

    /// <summary>The warning limit of a run whose config (for the current directory) is <paramref name="config"/>; null for none.</summary>
    public int? MaxWarnings(ProjectConfig? config) => Overrides.MaxWarnings ?? config?.MaxWarnings ?? Fallback.MaxWarnings;

    private AnalysisOptions Build(ProjectConfig? config, string? host, bool autostart)
    {
        var project = config?.Layer ?? SettingsLayer.Empty;
        return new AnalysisOptions(Overrides.Dialect ?? project.Dialect ?? Fallback.Dialect ?? Dialect.Xl)
        {
            XenVersion = Overrides.XenVersion ?? project.XenVersion ?? Fallback.XenVersion ?? XenVersion.Newest,
            SeverityOverrides = SettingsLayer.NoRules.SetItems(Fallback.Rules).SetItems(project.Rules).SetItems(Overrides.Rules),
            Host = host,
            Autostart = autostart,
        };
    }
}
