using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;

namespace XenCfg.Configuration;

/// <summary>
/// A project's settings, read from an <c>.xcfg.toml</c> file (see <see cref="ProjectConfigReader"/> for the
/// format). Every member is optional; what a file leaves out, the other layers decide (see <see cref="ProjectOptions"/>).
/// </summary>
/// <param name="FilePath">The absolute path of the file the settings come from.</param>
/// <param name="Dialect">The <c>dialect</c> key: how the files under this config are read.</param>
/// <param name="XenVersion">The <c>xen-version</c> key: the Xen release whose xl reads the files.</param>
/// <param name="Rules">The <c>[rules]</c> table: severities by diagnostic ID (upper case).</param>
/// <param name="Include">The <c>include</c> patterns, relative to the config's directory; null when the key is absent.</param>
/// <param name="Exclude">The <c>exclude</c> patterns, relative to the config's directory.</param>
/// <param name="MaxWarnings">The <c>max-warnings</c> key.</param>
/// <param name="MaxFileSize">The <c>max-file-size</c> key, in bytes.</param>
/// <param name="Hosts">The <c>[hosts]</c> table, in file order: which files belong to which dom0.</param>
public sealed record ProjectConfig(
    string FilePath,
    Dialect? Dialect,
    XenVersion? XenVersion,
    ImmutableDictionary<string, RuleSeverity> Rules,
    ImmutableArray<Glob>? Include,
    ImmutableArray<Glob> Exclude,
    int? MaxWarnings,
    long? MaxFileSize,
    ImmutableArray<HostScope> Hosts)
{
    /// <summary>The name searched for in each directory from an input up to the repository or file-system root.</summary>
    public const string FileName = ".xcfg.toml";

    public string Directory => Path.GetDirectoryName(FilePath)!;

    /// <summary>What this file sets, as one layer of the settings (see <see cref="ProjectOptions"/>).</summary>
    public SettingsLayer Layer => new()
    {
        Dialect = Dialect,
        XenVersion = XenVersion,
        Rules = Rules,
        MaxWarnings = MaxWarnings,
        MaxFileSize = MaxFileSize,
    };

    /// <summary>
    /// The host <paramref name="fullPath"/> belongs to: the one whose patterns cover it (the file, or a folder above
    /// it), or null for the default host (no host's patterns cover it, or there is no <c>[hosts]</c>). A file
    /// covered by two hosts is an error naming both: a domain config runs on one dom0.
    /// </summary>
    public string? HostFor(string fullPath)
    {
        (HostScope Host, Glob Pattern)? found = null;
        foreach (var host in Hosts)
        {
            if (host.Patterns.FirstOrDefault(pattern => pattern.Covers(fullPath, isDirectory: false)) is not { } pattern)
            {
                continue;
            }

            if (found is { } first)
            {
                var relative = Path.GetRelativePath(Directory, fullPath).Replace('\\', '/');
                throw new ProjectConfigException(
                    FilePath,
                    host.Line,
                    host.Column,
                    $"`{relative}` belongs to two hosts, `{first.Host.Name}` (by `{first.Pattern}`) and `{host.Name}` (by `{pattern}`): a domain config runs on one dom0, so make the patterns of [hosts] exclusive");
            }

            found = (host, pattern);
        }

        return found?.Host.Name;
    }
}

/// <summary>One entry of <c>[hosts]</c>: a dom0's name, the patterns of its files, and where the entry is written.</summary>
public sealed record HostScope(string Name, ImmutableArray<Glob> Patterns, int Line, int Column);

/// <summary>A config file that cannot be used: where, and what is wrong. The command exits 2 with this message.</summary>
public sealed class ProjectConfigException(string filePath, int line, int column, string reason)
    : Exception($"{filePath}({line},{column}): {reason}")
{
    public string FilePath { get; } = filePath;

    /// <summary>1-based line, or 0 when the problem is the whole file (it cannot be read).</summary>
    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Reason { get; } = reason;

    /// <summary>The message with the path shown as the user should see it.</summary>
    public string Describe(string displayPath) =>
        Line > 0 ? $"{displayPath}({Line},{Column}): {Reason}" : $"{displayPath}: {Reason}";

    /// <summary>The message with the path relative to <paramref name="currentDirectory"/> when the file is below it.</summary>
    public string DescribeFrom(string currentDirectory)
    {
        var shown = Path.GetRelativePath(currentDirectory, FilePath);
        return Describe(shown.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(shown) ? FilePath : shown);
    }
}
