using System.Collections.Concurrent;

namespace XenCfg.Configuration;

/// <summary>
/// Finds the config that applies to a directory: the nearest <c>.xcfg.toml</c> in it or above it, stopping at the
/// repository root (the first directory holding <c>.git</c>) or the file-system root. <c>--config FILE</c> gives one
/// config for everything, <c>--no-config</c> (or the editor's <c>xcfg.useProjectConfig: false</c>) none. Results,
/// bad configs included, are cached per directory, so a tree of thousands of files costs one look-up per directory;
/// a changed config file is seen by a new resolver. Thread-safe.
/// </summary>
public sealed class ProjectConfigResolver
{
    private readonly ConcurrentDictionary<string, Resolution> _byDirectory = new(StringComparer.Ordinal);
    private readonly bool _discover;
    private readonly ProjectConfig? _fixed;

    private ProjectConfigResolver(bool discover, ProjectConfig? fixedConfig)
    {
        _discover = discover;
        _fixed = fixedConfig;
    }

    /// <summary>Looks for <c>.xcfg.toml</c> files.</summary>
    public static ProjectConfigResolver Discover() => new(true, null);

    /// <summary>Uses <paramref name="config"/> for every file (<c>--config</c>), or nothing when it is null (<c>--no-config</c>).</summary>
    public static ProjectConfigResolver Fixed(ProjectConfig? config) => new(false, config);

    /// <summary>Whether configs are looked for (false for <c>--config</c> and <c>--no-config</c>).</summary>
    public bool Discovers => _discover;

    /// <summary>The config for files in <paramref name="directory"/> (absolute), or null. Throws <see cref="ProjectConfigException"/>.</summary>
    public ProjectConfig? For(string directory)
    {
        var resolution = Resolve(directory);
        return resolution.Error is { } error ? throw error : resolution.Config;
    }

    /// <summary>
    /// The config for files in <paramref name="directory"/>, or null with <paramref name="error"/> set when the
    /// config that applies cannot be used (the language server checks such files without it and says why).
    /// </summary>
    public ProjectConfig? TryFor(string directory, out ProjectConfigException? error)
    {
        var resolution = Resolve(directory);
        error = resolution.Error;
        return resolution.Config;
    }

    private Resolution Resolve(string directory)
    {
        if (!_discover)
        {
            return new Resolution(_fixed, null);
        }

        var visited = new List<string>();
        Resolution? found = null;
        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (_byDirectory.TryGetValue(current, out var cached))
            {
                found = cached;
                break;
            }

            visited.Add(current);
            var candidate = Path.Combine(current, ProjectConfig.FileName);
            if (File.Exists(candidate))
            {
                try
                {
                    found = new Resolution(ProjectConfigReader.Read(candidate), null);
                }
                catch (ProjectConfigException exception)
                {
                    found = new Resolution(null, exception);
                }

                break;
            }

            if (Path.Exists(Path.Combine(current, ".git")))
            {
                break;
            }
        }

        found ??= new Resolution(null, null);
        foreach (var path in visited)
        {
            _byDirectory.TryAdd(path, found);
        }

        return found;
    }

    /// <summary>What applies to a directory: a config, none, or a config that cannot be used.</summary>
    private sealed record Resolution(ProjectConfig? Config, ProjectConfigException? Error);
}
