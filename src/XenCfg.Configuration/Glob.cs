using System.Text;
using System.Text.RegularExpressions;

namespace XenCfg.Configuration;

/// <summary>
/// A gitignore-style pattern, matched against paths relative to a base directory (the directory given on the command
/// line, or the directory of the config file that holds the pattern), with <c>/</c> separators:
/// <list type="bullet">
/// <item><c>*</c> matches within one path segment, <c>?</c> one character of it, <c>[a-z]</c> / <c>[!a-z]</c> a class;
/// <c>**</c> matches across segments (<c>**/x</c>, <c>a/**/b</c>, <c>a/**</c>); <c>\</c> escapes the next character.</item>
/// <item>A pattern without a <c>/</c> (other than a trailing one) matches at any depth: <c>*.bak.cfg</c> is
/// <c>**/*.bak.cfg</c>. A leading <c>/</c> anchors a pattern to the base directory.</item>
/// <item>A trailing <c>/</c> matches only directories, that is everything under them.</item>
/// </list>
/// Matching is case-sensitive, as file names on Linux are.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, string baseDirectory, Regex regex, bool directoryOnly)
    {
        Pattern = pattern;
        BaseDirectory = baseDirectory;
        _regex = regex;
        DirectoryOnly = directoryOnly;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>The absolute directory the pattern is relative to.</summary>
    public string BaseDirectory { get; }

    /// <summary>True for a pattern with a trailing <c>/</c>: it names directories, and matches what is under them.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>Parses a pattern, or returns the reason it is not one.</summary>
    public static Glob Parse(string pattern, string baseDirectory) =>
        TryParse(pattern, baseDirectory, out var glob, out var error) ? glob! : throw new ArgumentException(error, nameof(pattern));

    public static bool TryParse(string pattern, string baseDirectory, out Glob? glob, out string? error)
    {
        glob = null;
        var body = pattern.Trim();
        if (body.Length == 0)
        {
            error = "a pattern cannot be empty";
            return false;
        }

        var directoryOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var anchored = body.StartsWith('/');
        body = body.TrimStart('/');
        if (body.Length == 0)
        {
            error = $"`{pattern}` matches nothing: give a name or a glob";
            return false;
        }

        if (!anchored && !body.Contains('/', StringComparison.Ordinal))
        {
            body = "**/" + body;
        }

        if (!TryTranslate(body, out var regex, out error))
        {
            error = $"`{pattern}`: {error}";
            return false;
        }

        glob = new Glob(pattern, Path.GetFullPath(baseDirectory), new Regex(regex, RegexOptions.CultureInvariant), directoryOnly);
        return true;
    }

    /// <summary>
    /// True when the pattern matches <paramref name="fullPath"/> itself (a file, or a directory when
    /// <paramref name="isDirectory"/>) relative to <see cref="BaseDirectory"/>. Paths outside the base never match.
    /// </summary>
    public bool Matches(string fullPath, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        return RelativePath(fullPath) is { } relative && _regex.IsMatch(relative);
    }

    /// <summary>
    /// True when the pattern matches the path or any directory above it (up to the base), gitignore's rule for
    /// excludes: excluding a directory excludes what is in it, and a host's folder holds its files.
    /// </summary>
    public bool Covers(string fullPath, bool isDirectory)
    {
        if (RelativePath(fullPath) is not { } relative)
        {
            return false;
        }

        if ((isDirectory || !DirectoryOnly) && _regex.IsMatch(relative))
        {
            return true;
        }

        for (var slash = relative.LastIndexOf('/'); slash > 0; slash = relative.LastIndexOf('/', slash - 1))
        {
            if (_regex.IsMatch(relative[..slash]))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Pattern;

    private string? RelativePath(string fullPath)
    {
        var relative = Path.GetRelativePath(BaseDirectory, fullPath);
        if (relative == "." || relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return null;
        }

        return relative.Replace('\\', '/');
    }

    private static bool TryTranslate(string glob, out string regex, out string? error)
    {
        var builder = new StringBuilder("^");
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var atSegmentStart = i == 0 || glob[i - 1] == '/';
                var atSegmentEnd = i + 2 == glob.Length || glob[i + 2] == '/';
                if (!atSegmentStart || !atSegmentEnd)
                {
                    error = "`**` must be a whole path segment (`**/x`, `a/**/b`, `a/**`)";
                    regex = string.Empty;
                    return false;
                }

                if (i + 2 == glob.Length)
                {
                    builder.Append(".*");
                    i += 2;
                }
                else
                {
                    // "**/" matches no directory or any number of them.
                    builder.Append("(?:.*/)?");
                    i += 3;
                }

                continue;
            }

            switch (c)
            {
                case '*':
                    builder.Append("[^/]*");
                    break;
                case '?':
                    builder.Append("[^/]");
                    break;
                case '[':
                    var close = glob.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        error = "`[` opens a character class that is never closed";
                        regex = string.Empty;
                        return false;
                    }

                    var members = glob[(i + 1)..close];
                    var negated = members.StartsWith('!') || members.StartsWith('^');
                    if (negated)
                    {
                        members = members[1..];
                    }

                    builder.Append('[').Append(negated ? "^/" : string.Empty).Append(members.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < glob.Length:
                    i++;
                    builder.Append(Regex.Escape(glob[i].ToString()));
                    break;
                default:
                    builder.Append(Regex.Escape(c.ToString()));
                    break;
            }

            i++;
        }

        regex = builder.Append('$').ToString();
        error = null;
        return true;
    }
}
