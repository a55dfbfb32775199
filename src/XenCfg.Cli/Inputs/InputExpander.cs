using XenCfg.Cli.Configuration;

namespace XenCfg.Cli.Inputs;

/// <summary>A file to read: the path to show, its absolute path, and the config that applies to it.</summary>
/// <param name="IsStandardInput">True for `-`: the contents come from standard input, the path only names them.</param>
public sealed record InputFile(string DisplayPath, string FullPath, ProjectConfig? Config, bool IsStandardInput = false);

/// <summary>The files found for some command-line paths, and how many were left out by exclude patterns.</summary>
public sealed record InputExpansion(IReadOnlyList<InputFile> Files, int Excluded);

/// <summary>
/// Turns the paths on the command line into the files to read: files as given, directories searched recursively.
/// Inside a directory a file is taken when it matches the include patterns: <c>--include</c> (relative to the
/// directory argument), else the <c>include</c> of the config that applies to the file (relative to the config's
/// directory), else <see cref="DefaultPatterns"/>. Exclude patterns, <c>--exclude</c> and the config's
/// <c>exclude</c> together, leave a file out wherever it comes from, also when it is named on the command line (as
/// pre-commit does), so excluded files stay excluded in every way lint is run.
/// </summary>
public sealed class InputExpander
{
    /// <summary>
    /// File names searched for inside directories. Xen configs have no fixed extension; these are the common
    /// ones. Other files are linted when named explicitly.
    /// </summary>
    public static readonly string[] DefaultPatterns = ["*.cfg", "*.xl", "*.xm"];

    /// <summary>Names never searched inside directories: xl's own settings file and version-control or tool folders.</summary>
    private static readonly HashSet<string> SkippedNames = new(StringComparer.Ordinal)
    {
        "xl.conf", ".git", ".hg", ".svn", "node_modules", "bin", "obj",
    };

    private static readonly EnumerationOptions ListOneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden,
    };

    private readonly string _currentDirectory;
    private readonly IReadOnlyList<string>? _include;
    private readonly IReadOnlyList<string> _exclude;
    private readonly ProjectConfigResolver _configs;

    /// <param name="currentDirectory">Where relative paths start.</param>
    /// <param name="include">The <c>--include</c> patterns, or null when none were given.</param>
    /// <param name="exclude">The <c>--exclude</c> patterns.</param>
    /// <param name="configs">Where each file's config comes from.</param>
    public InputExpander(string currentDirectory, IReadOnlyList<string>? include, IReadOnlyList<string> exclude, ProjectConfigResolver configs)
    {
        _currentDirectory = currentDirectory;
        _include = include;
        _exclude = exclude;
        _configs = configs;
    }

    /// <summary>Files and directories expanded with the default patterns and no configs (what `xcfg fmt` uses).</summary>
    public static IEnumerable<(string DisplayPath, string FullPath)> Expand(IEnumerable<string> arguments, string currentDirectory) =>
        new InputExpander(currentDirectory, null, [], ProjectConfigResolver.Fixed(null))
            .Expand(arguments).Files.Select(file => (file.DisplayPath, file.FullPath));

    /// <summary>Checks pattern syntax once, before any search, so a bad pattern is a usage error.</summary>
    public static string? CheckPatterns(IEnumerable<string> patterns, string optionName)
    {
        foreach (var pattern in patterns)
        {
            if (!Glob.TryParse(pattern, "/", out _, out var error))
            {
                return $"{optionName}: {error}";
            }
        }

        return null;
    }

    /// <summary>Expands the arguments, in order, each file once. Throws <see cref="ProjectConfigException"/> for a bad config.</summary>
    public InputExpansion Expand(IEnumerable<string> arguments)
    {
        var files = new List<InputFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var excluded = 0;
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument, _currentDirectory);
            if (Directory.Exists(full))
            {
                var search = new DirectorySearch(this, argument, full);
                search.Run();
                excluded += search.Excluded;
                files.AddRange(search.Found.Where(file => seen.Add(file.FullPath)));
                continue;
            }

            var config = _configs.For(Path.GetDirectoryName(full)!);
            if (IsExcluded(full, isDirectory: false, config, Globs(_exclude, _currentDirectory)))
            {
                excluded++;
            }
            else if (seen.Add(full))
            {
                files.Add(new InputFile(argument, full, config));
            }
        }

        return new InputExpansion(files, excluded);
    }

    /// <summary>Whether a file named outside any directory search (standard input's --stdin-filename) is excluded.</summary>
    public bool IsExcludedFile(string fullPath, ProjectConfig? config) =>
        IsExcluded(fullPath, isDirectory: false, config, Globs(_exclude, _currentDirectory));

    private static bool IsExcluded(string fullPath, bool isDirectory, ProjectConfig? config, IReadOnlyList<Glob> commandLine) =>
        commandLine.Any(glob => glob.Excludes(fullPath, isDirectory)) || (config?.Exclude.Any(glob => glob.Excludes(fullPath, isDirectory)) ?? false);

    private static List<Glob> Globs(IEnumerable<string> patterns, string baseDirectory) =>
        [.. patterns.Select(pattern => Glob.Parse(pattern, baseDirectory))];

    private static bool HasDefaultExtension(string fileName) =>
        fileName.EndsWith(".cfg", StringComparison.Ordinal) || fileName.EndsWith(".xl", StringComparison.Ordinal) || fileName.EndsWith(".xm", StringComparison.Ordinal);

    /// <summary>One directory argument searched depth first, files in ordinal order of their paths.</summary>
    private sealed class DirectorySearch(InputExpander owner, string argument, string root)
    {
        private readonly List<Glob>? _include = owner._include is null ? null : Globs(owner._include, root);
        private readonly List<Glob> _exclude = Globs(owner._exclude, root);
        private readonly List<InputFile> _found = [];

        public int Excluded { get; private set; }

        public IEnumerable<InputFile> Found => _found.OrderBy(file => file.FullPath, StringComparer.Ordinal);

        public void Run()
        {
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var directory = pending.Pop();
                var config = owner._configs.For(directory);
                foreach (var sub in Directory.EnumerateDirectories(directory, "*", ListOneLevel))
                {
                    if (SkippedNames.Contains(Path.GetFileName(sub)))
                    {
                        continue;
                    }

                    if (IsExcluded(sub, isDirectory: true, owner._configs.For(sub), _exclude))
                    {
                        Excluded++;
                        continue;
                    }

                    pending.Push(sub);
                }

                foreach (var file in Directory.EnumerateFiles(directory, "*", ListOneLevel))
                {
                    var name = Path.GetFileName(file);
                    if (SkippedNames.Contains(name) || !IsIncluded(file, name, config))
                    {
                        continue;
                    }

                    if (IsExcluded(file, isDirectory: false, config, _exclude))
                    {
                        Excluded++;
                        continue;
                    }

                    _found.Add(new InputFile(DisplayPath(file), file, config));
                }
            }
        }

        /// <summary>The file's path under the argument as the user wrote it (`etc/xen/a.cfg`; `a.cfg` for `.`).</summary>
        private string DisplayPath(string file)
        {
            var relative = Path.GetRelativePath(root, file);
            return argument.TrimEnd('/') is "." or "" ? relative : Path.Join(argument, relative);
        }

        private bool IsIncluded(string file, string name, ProjectConfig? config)
        {
            if (_include is not null)
            {
                return _include.Any(glob => glob.Matches(file, isDirectory: false));
            }

            if (config?.Include is { } configured)
            {
                return configured.Any(glob => glob.Matches(file, isDirectory: false));
            }

            return HasDefaultExtension(name);
        }
    }
}
