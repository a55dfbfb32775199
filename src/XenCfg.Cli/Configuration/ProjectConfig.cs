using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.Cli.Inputs;
using XenCfg.Syntax;

namespace XenCfg.Cli.Configuration;

/// <summary>
/// A project's lint settings, read from an <c>.xcfg.toml</c> file (see <see cref="ProjectConfigReader"/> for the
/// format). Every member is optional; what a file leaves out, the defaults (or the command line) decide.
/// </summary>
/// <param name="FilePath">The absolute path of the file the settings come from.</param>
/// <param name="Dialect">The <c>dialect</c> key: how the files under this config are read.</param>
/// <param name="Rules">The <c>[rules]</c> table: severities by diagnostic ID (upper case).</param>
/// <param name="Include">The <c>include</c> patterns, relative to the config's directory; null when the key is absent.</param>
/// <param name="Exclude">The <c>exclude</c> patterns, relative to the config's directory.</param>
/// <param name="MaxWarnings">The <c>max-warnings</c> key.</param>
public sealed record ProjectConfig(
    string FilePath,
    Dialect? Dialect,
    ImmutableDictionary<string, RuleSeverity> Rules,
    ImmutableArray<Glob>? Include,
    ImmutableArray<Glob> Exclude,
    int? MaxWarnings)
{
    /// <summary>The name searched for in each directory from an input up to the repository or file-system root.</summary>
    public const string FileName = ".xcfg.toml";

    public string Directory => Path.GetDirectoryName(FilePath)!;
}

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
}
