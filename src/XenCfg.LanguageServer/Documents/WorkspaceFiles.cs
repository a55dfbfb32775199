using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Text;

namespace XenCfg.LanguageServer.Documents;

/// <summary>
/// Which files of the workspace folders are configs, and reading them: the same patterns and skipped names as
/// `xcfg lint` uses for directories (*.cfg, *.xl, *.xm; never xl.conf, version-control, node_modules, bin, obj or
/// hidden folders).
/// </summary>
internal static class WorkspaceFiles
{
    public static readonly ImmutableArray<string> Extensions = [".cfg", ".xl", ".xm"];

    public static readonly ImmutableArray<string> GlobPatterns = ["**/*.cfg", "**/*.xl", "**/*.xm"];

    /// <summary>Files larger than this are not read from disk: no config is that big.</summary>
    public const long MaxFileSize = 8 * 1024 * 1024;

    private const int BinaryProbeLength = 8000;

    private static readonly ImmutableHashSet<string> SkippedNames =
        ImmutableHashSet.Create(StringComparer.Ordinal, "xl.conf", ".git", ".hg", ".svn", "node_modules", "bin", "obj");

    public static bool HasConfigName(string path)
    {
        var name = Path.GetFileName(path);
        return !SkippedNames.Contains(name) && Extensions.Any(extension => name.EndsWith(extension, StringComparison.Ordinal));
    }

    /// <summary>True for a path with a config's name inside one of the folders, and not under a skipped folder.</summary>
    public static bool IsWorkspaceConfig(string path, ImmutableArray<string> folders)
    {
        if (!HasConfigName(path))
        {
            return false;
        }

        foreach (var folder in folders)
        {
            var relative = Path.GetRelativePath(folder, path);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                continue;
            }

            var segments = relative.Split(Path.DirectorySeparatorChar);
            if (segments[..^1].All(segment => !SkippedNames.Contains(segment) && !segment.StartsWith('.')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every config file under the folders, in a stable order.</summary>
    public static IEnumerable<string> Find(IEnumerable<string> folders, CancellationToken cancellationToken)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.ReparsePoint };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders.Where(Directory.Exists))
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var current = pending.Pop();
                IEnumerable<string> directories, files;
                try
                {
                    directories = Directory.EnumerateDirectories(current, "*", options).Where(sub => !SkippedNames.Contains(Path.GetFileName(sub))).ToList();
                    files = Directory.EnumerateFiles(current, "*", options).Where(HasConfigName).Order(StringComparer.Ordinal).ToList();
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var file in files)
                {
                    if (seen.Add(file))
                    {
                        yield return file;
                    }
                }

                foreach (var sub in directories.OrderDescending(StringComparer.Ordinal))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    /// <summary>The text of a config file, or null when it cannot be read, is too big, or is binary.</summary>
    public static SourceText? TryRead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxFileSize)
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeLength)).Contains((byte)0))
            {
                return null;
            }

            return ConfigFileEncoding.DecodeText(bytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
