namespace XenCfg.Cli.Inputs;

/// <summary>
/// Turns the paths on the command line into the files to read: files as given, directories searched recursively
/// for config files.
/// </summary>
public static class InputExpander
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

    public static IEnumerable<(string DisplayPath, string FullPath)> Expand(IEnumerable<string> arguments, string currentDirectory)
    {
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(argument, currentDirectory);
            if (Directory.Exists(full))
            {
                foreach (var file in FindConfigs(full))
                {
                    yield return (Path.Join(argument, Path.GetRelativePath(full, file)), file);
                }
            }
            else
            {
                yield return (argument, full);
            }
        }
    }

    private static IEnumerable<string> FindConfigs(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        var pending = new Stack<string>();
        pending.Push(directory);
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(current, "*", options))
            {
                if (!SkippedNames.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var pattern in DefaultPatterns)
            {
                found.AddRange(Directory.EnumerateFiles(current, pattern, options).Where(file => !SkippedNames.Contains(Path.GetFileName(file))));
            }
        }

        return found.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }
}
