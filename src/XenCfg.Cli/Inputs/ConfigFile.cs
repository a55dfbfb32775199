using XenCfg.Syntax;

namespace XenCfg.Cli.Inputs;

/// <summary>A config read from disk (or stdin): the path to show, and its tree.</summary>
public sealed record ConfigFile(string DisplayPath, string FullPath, SyntaxTree Tree);

/// <summary>A path that could not be read, with a one-line reason.</summary>
public sealed record InputError(string DisplayPath, string Reason);

/// <summary>Reads config files, turning every way a read can fail into a one-line reason.</summary>
public static class ConfigFileReader
{
    /// <summary>Bytes checked for NUL when deciding that a file is binary (the same heuristic as git).</summary>
    private const int BinaryProbeLength = 8000;

    public static (ConfigFile? File, InputError? Error) Read(string displayPath, string fullPath, ParseOptions options)
    {
        byte[] bytes;
        try
        {
            if (Directory.Exists(fullPath))
            {
                return (null, new InputError(displayPath, "is a directory; give files, or a directory to lint recursively"));
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (FileNotFoundException)
        {
            return (null, new InputError(displayPath, "no such file"));
        }
        catch (DirectoryNotFoundException)
        {
            return (null, new InputError(displayPath, "no such file or directory"));
        }
        catch (UnauthorizedAccessException)
        {
            return (null, new InputError(displayPath, "permission denied"));
        }
        catch (IOException exception)
        {
            return (null, new InputError(displayPath, "cannot be read: " + exception.Message));
        }

        return FromBytes(displayPath, fullPath, bytes, options);
    }

    public static (ConfigFile? File, InputError? Error) FromBytes(string displayPath, string fullPath, byte[] bytes, ParseOptions options)
    {
        if (bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeLength)).Contains((byte)0))
        {
            return (null, new InputError(displayPath, "is a binary file (it contains NUL bytes), not a Xen config"));
        }

        return (new ConfigFile(displayPath, fullPath, SyntaxTree.ParseBytes(bytes, options, fullPath)), null);
    }
}
