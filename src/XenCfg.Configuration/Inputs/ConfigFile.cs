using XenCfg.Syntax;

namespace XenCfg.Configuration.Inputs;

/// <summary>A config read from disk (or stdin): the path to show, and its tree.</summary>
public sealed record ConfigFile(string DisplayPath, string FullPath, SyntaxTree Tree);

/// <summary>A path that could not be read, with a one-line reason.</summary>
public sealed record InputError(string DisplayPath, string Reason);

/// <summary>
/// What reading an input gave: a file, an error, or neither, when a file found by the host-layout rule turned out
/// not to be a domain config (<see cref="HostLayout"/>) and is left alone.
/// </summary>
public readonly record struct ReadResult(ConfigFile? File, InputError? Error)
{
    public bool IsSkipped => File is null && Error is null;
}

/// <summary>
/// Reads config files, turning every way a read can fail into a one-line reason: only regular files of at most the
/// size limit are read (<see cref="RegularFile"/>), and a binary file is refused.
/// </summary>
public static class ConfigFileReader
{
    /// <summary>Bytes checked for NUL when deciding that a file is binary (the same heuristic as git).</summary>
    private const int BinaryProbeLength = 8000;

    /// <summary>Reads a file named by the user or matched by a pattern.</summary>
    public static ReadResult Read(string displayPath, string fullPath, ParseOptions options, long maxFileSize) =>
        Read(displayPath, fullPath, options, maxFileSize, domainConfigOnly: false);

    /// <summary>Reads an input as found: one found by the host-layout rule is skipped, silently, unless it is a domain config.</summary>
    public static ReadResult Read(InputFile input, ParseOptions options, long maxFileSize) =>
        Read(input.DisplayPath, input.FullPath, options, maxFileSize, input.DomainConfigOnly);

    public static ReadResult FromBytes(string displayPath, string fullPath, byte[] bytes, ParseOptions options)
    {
        if (IsBinary(bytes))
        {
            return new(null, new InputError(displayPath, "is a binary file (it contains NUL bytes), not a Xen config"));
        }

        return new(new ConfigFile(displayPath, fullPath, SyntaxTree.ParseBytes(bytes, options, fullPath)), null);
    }

    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes[..Math.Min(bytes.Length, BinaryProbeLength)].Contains((byte)0);

    private static ReadResult Read(string displayPath, string fullPath, ParseOptions options, long maxFileSize, bool domainConfigOnly)
    {
        var bytes = RegularFile.Read(fullPath, maxFileSize, out var reason);
        if (bytes is null)
        {
            return domainConfigOnly ? default : new(null, new InputError(displayPath, reason!));
        }

        if (domainConfigOnly && IsBinary(bytes))
        {
            return default;
        }

        var read = FromBytes(displayPath, fullPath, bytes, options);
        return domainConfigOnly && read.File is { } file && !HostLayout.IsDomainConfig(file.Tree) ? default : read;
    }
}
