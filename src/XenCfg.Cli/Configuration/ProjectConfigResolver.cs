namespace XenCfg.Cli.Configuration;

/// <summary>
/// Finds the config that applies to a directory: the nearest <c>.xcfg.toml</c> in it or above it, stopping at the
/// repository root (the first directory holding <c>.git</c>) or the file-system root. <c>--config FILE</c> gives one
/// config for everything, <c>--no-config</c> none. Results are cached per directory, so a tree of thousands of files
/// costs one look-up per directory.
/// </summary>
public sealed class ProjectConfigResolver
{
    private readonly Dictionary<string, ProjectConfig?> _byDirectory = new(StringComparer.Ordinal);
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

    /// <summary>The config for files in <paramref name="directory"/> (absolute), or null. Throws <see cref="ProjectConfigException"/>.</summary>
    public ProjectConfig? For(string directory)
    {
        if (!_discover)
        {
            return _fixed;
        }

        var visited = new List<string>();
        ProjectConfig? found = null;
        for (var current = directory; current is not null; current = Path.GetDirectoryName(current))
        {
            if (_byDirectory.TryGetValue(current, out found))
            {
                break;
            }

            visited.Add(current);
            var candidate = Path.Combine(current, ProjectConfig.FileName);
            if (File.Exists(candidate))
            {
                found = ProjectConfigReader.Read(candidate);
                break;
            }

            if (Path.Exists(Path.Combine(current, ".git")))
            {
                break;
            }
        }

        foreach (var path in visited)
        {
            _byDirectory[path] = found;
        }

        return found;
    }
}
