using System.IO.Enumeration;

namespace XenCfg.Configuration.Inputs;

/// <summary>A file to read: the path to show, its absolute path, and the config that applies to it.</summary>
/// <param name="DisplayPath">The path as the user wrote it (<c>etc/xen/a.cfg</c>), or as found under a directory argument.</param>
/// <param name="FullPath">The absolute path: the key of the file in the run.</param>
/// <param name="Config">The <c>.xcfg.toml</c> that applies, or null.</param>
/// <param name="IsStandardInput">True for `-`: the contents come from standard input, the path only names them.</param>
/// <param name="RealPath">The canonical path (links resolved): two paths to one file are one input.</param>
/// <param name="Autostart">The host starts the domain at boot: the file is in, or linked from, a <c>xen/auto/</c> folder.</param>
/// <param name="DomainConfigOnly">Found by the host-layout rule (<see cref="HostLayout"/>): read only if it is a domain config.</param>
public sealed record InputFile(
    string DisplayPath,
    string FullPath,
    ProjectConfig? Config,
    bool IsStandardInput = false,
    string? RealPath = null,
    bool Autostart = false,
    bool DomainConfigOnly = false)
{
    /// <summary>What identifies the file in a run: its canonical path when it exists.</summary>
    public string Identity => RealPath ?? FullPath;
}

/// <summary>The files found for some command-line paths, and how many were left out by exclude patterns.</summary>
public sealed record InputExpansion(IReadOnlyList<InputFile> Files, int Excluded);

/// <summary>
/// Turns the paths on the command line (or an editor's workspace folders) into the files to read: files as given,
/// directories searched recursively. Inside a directory a file is taken when it matches the include patterns:
/// <c>--include</c> (relative to the directory argument), else the <c>include</c> of the config that applies to the
/// file (relative to the config's directory), else <see cref="DefaultPatterns"/>; and, in a host's <c>xen</c> folder
/// and its <c>auto/</c>, a file without an extension that is a domain config (<see cref="HostLayout"/>). Exclude
/// patterns, <c>--exclude</c> and the config's <c>exclude</c> together, leave a file out wherever it comes from, also
/// when it is named on the command line (as pre-commit does), so excluded files stay excluded in every way lint is run.
/// </summary>
/// <remarks>
/// A host as it is: a link to a file already in the run is that file, not a second input (an <c>auto/</c> link
/// makes its target autostarted, and the file keeps the name of its own folder); a link to a directory is followed
/// once, so link cycles end and each real directory is searched once; anything that is not a regular file is found
/// by its name like a file and refused when read (<see cref="RegularFile"/>), never opened for reading.
/// </remarks>
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
    private readonly bool _tolerateBadConfigs;
    private readonly AutostartIndex _autostart;

    /// <param name="currentDirectory">Where relative paths start.</param>
    /// <param name="include">The <c>--include</c> patterns, or null when none were given.</param>
    /// <param name="exclude">The <c>--exclude</c> patterns.</param>
    /// <param name="configs">Where each file's config comes from.</param>
    /// <param name="tolerateBadConfigs">
    /// Search under a config that cannot be used as if there were none, instead of throwing (the language server
    /// reports the bad config in the files instead).
    /// </param>
    /// <param name="autostart">Which files are started at boot; shared by a server across its scans.</param>
    public InputExpander(
        string currentDirectory,
        IReadOnlyList<string>? include,
        IReadOnlyList<string> exclude,
        ProjectConfigResolver configs,
        bool tolerateBadConfigs = false,
        AutostartIndex? autostart = null)
    {
        _currentDirectory = currentDirectory;
        _include = include;
        _exclude = exclude;
        _configs = configs;
        _tolerateBadConfigs = tolerateBadConfigs;
        _autostart = autostart ?? new AutostartIndex();
    }

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

    /// <summary>
    /// Expands the arguments, in order, each real file once. Throws <see cref="ProjectConfigException"/> for a bad
    /// config (unless bad configs are tolerated).
    /// </summary>
    public InputExpansion Expand(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var found = new List<InputFile>();
        var searchedDirectories = new HashSet<string>(StringComparer.Ordinal);
        var excluded = 0;
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument, _currentDirectory);
            if (Directory.Exists(full))
            {
                var search = new DirectorySearch(this, argument, full, searchedDirectories, cancellationToken);
                search.Run();
                excluded += search.Excluded;
                found.AddRange(search.Found);
                continue;
            }

            var config = ConfigFor(Path.GetDirectoryName(full)!);
            if (IsExcluded(full, isDirectory: false, config, Globs(_exclude, _currentDirectory)))
            {
                excluded++;
            }
            else
            {
                found.Add(Found(argument, full, RegularFile.RealPath(full), config, domainConfigOnly: false));
            }
        }

        return new InputExpansion(OneEach(found), excluded);
    }

    /// <summary>Whether a file named outside any directory search (standard input's --stdin-filename) is excluded.</summary>
    public bool IsExcludedFile(string fullPath, ProjectConfig? config) =>
        IsExcluded(fullPath, isDirectory: false, config, Globs(_exclude, _currentDirectory));

    /// <summary>
    /// The input a search of <paramref name="roots"/> would find at <paramref name="fullPath"/>, or null: how the
    /// language server decides about a file created or changed on disk without searching again. A link to a file
    /// inside the roots is not an input of its own (the file is).
    /// </summary>
    public InputFile? Find(string fullPath, IReadOnlyList<string> roots)
    {
        foreach (var root in roots)
        {
            var relative = Path.GetRelativePath(root, fullPath);
            if (relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                continue;
            }

            var segments = relative.Split(Path.DirectorySeparatorChar);
            if (segments.Any(segment => segment.StartsWith('.') || SkippedNames.Contains(segment)))
            {
                continue;
            }

            var excludes = Globs(_exclude, root);
            var directory = root;
            var blocked = false;
            foreach (var segment in segments[..^1])
            {
                directory = Path.Combine(directory, segment);
                if (IsExcluded(directory, isDirectory: true, ConfigFor(directory), excludes))
                {
                    blocked = true;
                    break;
                }
            }

            var parent = Path.GetDirectoryName(fullPath)!;
            var config = ConfigFor(parent);
            if (blocked || Directory.Exists(fullPath) || IsExcluded(fullPath, isDirectory: false, config, excludes))
            {
                continue;
            }

            var byPattern = IsIncluded(fullPath, config, _include is null ? null : Globs(_include, root));
            if (!byPattern && !HostLayout.MayBeDomainConfig(parent, segments[^1]))
            {
                continue;
            }

            var real = RegularFile.RealPath(fullPath);
            if (real is not null && real != fullPath && Find(real, roots) is not null)
            {
                return null;
            }

            return Found(fullPath, fullPath, real, config, domainConfigOnly: !byPattern);
        }

        return null;
    }

    private InputFile Found(string display, string fullPath, string? realPath, ProjectConfig? config, bool domainConfigOnly) =>
        new(display, fullPath, config, RealPath: realPath, Autostart: _autostart.IsAutostarted(fullPath, realPath), DomainConfigOnly: domainConfigOnly);

    /// <summary>
    /// One input per real file. Of several paths to it, the one in the file's own folder names it and gives its place
    /// in the order (not the <c>auto/</c> link); it is autostarted when any of them is.
    /// </summary>
    private static List<InputFile> OneEach(List<InputFile> found)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < found.Count; i++)
        {
            if (!groups.TryGetValue(found[i].Identity, out var group))
            {
                groups[found[i].Identity] = group = [];
            }

            group.Add(i);
        }

        return [.. groups.Values
            .Select(group =>
            {
                if (group.Count == 1)
                {
                    return (Index: group[0], File: found[group[0]]);
                }

                var chosen = group.FirstOrDefault(i => !HostLayout.IsAutostartDirectory(Path.GetDirectoryName(found[i].FullPath)!), group[0]);
                return (Index: chosen, File: found[chosen] with
                {
                    Autostart = group.Any(i => found[i].Autostart),
                    DomainConfigOnly = group.All(i => found[i].DomainConfigOnly),
                });
            })
            .OrderBy(pair => pair.Index)
            .Select(pair => pair.File)];
    }

    private ProjectConfig? ConfigFor(string directory) =>
        _tolerateBadConfigs ? _configs.TryFor(directory, out _) : _configs.For(directory);

    private static bool IsExcluded(string fullPath, bool isDirectory, ProjectConfig? config, IReadOnlyList<Glob> commandLine) =>
        commandLine.Any(glob => glob.Covers(fullPath, isDirectory)) || (config?.Exclude.Any(glob => glob.Covers(fullPath, isDirectory)) ?? false);

    /// <summary>Whether the include patterns (the command line's, else the config's, else the defaults) take the file.</summary>
    private static bool IsIncluded(string fullPath, ProjectConfig? config, List<Glob>? commandLine)
    {
        if (commandLine is not null)
        {
            return commandLine.Any(glob => glob.Matches(fullPath, isDirectory: false));
        }

        if (config?.Include is { } configured)
        {
            return configured.Any(glob => glob.Matches(fullPath, isDirectory: false));
        }

        var name = Path.GetFileName(fullPath);
        return !SkippedNames.Contains(name) && HasDefaultExtension(name);
    }

    private static List<Glob> Globs(IEnumerable<string> patterns, string baseDirectory) =>
        [.. patterns.Select(pattern => Glob.Parse(pattern, baseDirectory))];

    private static bool HasDefaultExtension(string fileName) =>
        fileName.EndsWith(".cfg", StringComparison.Ordinal) || fileName.EndsWith(".xl", StringComparison.Ordinal) || fileName.EndsWith(".xm", StringComparison.Ordinal);

    /// <summary>An entry of a directory listing, typed from the listing itself (no stat per file).</summary>
    private readonly record struct Entry(string FullPath, string Name, bool IsDirectory, bool IsLink);

    /// <summary>One directory argument searched depth first, files in ordinal order of their paths.</summary>
    private sealed class DirectorySearch(InputExpander owner, string argument, string root, HashSet<string> searched, CancellationToken cancellationToken)
    {
        private readonly List<Glob>? _include = owner._include is null ? null : Globs(owner._include, root);
        private readonly List<Glob> _exclude = Globs(owner._exclude, root);
        private readonly List<InputFile> _found = [];

        public int Excluded { get; private set; }

        public IEnumerable<InputFile> Found => _found.OrderBy(file => file.FullPath, StringComparer.Ordinal);

        /// <summary>
        /// Searches the folders themselves first, then the links to folders: a folder reached both ways is searched
        /// (and named) as itself, and a link to a folder already searched is not followed.
        /// </summary>
        public void Run()
        {
            var pending = new Stack<string>();
            var links = new Queue<string>();
            pending.Push(root);
            while (pending.Count > 0 || links.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var directory = pending.Count > 0 ? pending.Pop() : links.Dequeue();

                // A directory reached twice (through a link, or as a second argument inside the first) is searched
                // once: so the search ends on any cycle of links.
                if (RegularFile.RealPath(directory) is not { } realDirectory || !searched.Add(realDirectory))
                {
                    continue;
                }

                var config = owner.ConfigFor(directory);
                foreach (var entry in List(directory))
                {
                    if (SkippedNames.Contains(entry.Name))
                    {
                        continue;
                    }

                    if (entry.IsDirectory)
                    {
                        if (IsExcluded(entry.FullPath, isDirectory: true, owner.ConfigFor(entry.FullPath), _exclude))
                        {
                            Excluded++;
                        }
                        else if (entry.IsLink)
                        {
                            links.Enqueue(entry.FullPath);
                        }
                        else
                        {
                            pending.Push(entry.FullPath);
                        }

                        continue;
                    }

                    var byPattern = IsIncluded(entry.FullPath, config, _include);
                    if (!byPattern && !HostLayout.MayBeDomainConfig(directory, entry.Name))
                    {
                        continue;
                    }

                    if (IsExcluded(entry.FullPath, isDirectory: false, config, _exclude))
                    {
                        Excluded++;
                        continue;
                    }

                    // A file that is not a link is where its folder really is: one realpath per folder, not per file.
                    var real = entry.IsLink ? RegularFile.RealPath(entry.FullPath) : Path.Join(realDirectory, entry.Name);
                    _found.Add(owner.Found(DisplayPath(entry.FullPath), entry.FullPath, real, config, domainConfigOnly: !byPattern));
                }
            }
        }

        private static List<Entry> List(string directory)
        {
            try
            {
                return
                [
                    .. new FileSystemEnumerable<Entry>(
                        directory,
                        (ref FileSystemEntry entry) => new Entry(entry.ToFullPath(), entry.FileName.ToString(), entry.IsDirectory, (entry.Attributes & FileAttributes.ReparsePoint) != 0),
                        ListOneLevel),
                ];
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return [];
            }
        }

        /// <summary>The file's path under the argument as the user wrote it (`etc/xen/a.cfg`; `a.cfg` for `.`).</summary>
        private string DisplayPath(string file)
        {
            var relative = Path.GetRelativePath(root, file);
            return argument.TrimEnd('/') is "." or "" ? relative : Path.Join(argument, relative);
        }
    }
}
