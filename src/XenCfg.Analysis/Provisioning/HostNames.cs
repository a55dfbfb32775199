namespace XenCfg.Analysis.Provisioning;

/// <summary>
/// Names LVM accepts for volume groups and logical volumes (lvm(8), VALID NAMES): the characters a-z A-Z 0-9 + _ . -,
/// not starting with a hyphen, not <c>.</c> or <c>..</c>; a volume may not be called <c>snapshot</c> or
/// <c>pvmove</c> nor contain the suffixes LVM uses for its hidden volumes. At most 127 characters.
/// </summary>
public static class LvmNames
{
    private const int MaxLength = 127;

    private static readonly string[] ReservedVolumeParts =
    [
        "_cdata", "_cmeta", "_corig", "_iorig", "_mimage", "_mlog", "_pmspare", "_rimage", "_rmeta", "_tdata", "_tmeta", "_vdata", "_vorigin", "_wcorig",
    ];

    /// <summary>Why LVM would refuse <paramref name="name"/> as a volume group name, or null when it is valid.</summary>
    public static string? CheckVolumeGroup(string name) => CheckCommon(name, "volume group");

    /// <summary>Why LVM would refuse <paramref name="name"/> as a logical volume name, or null when it is valid.</summary>
    public static string? CheckVolume(string name)
    {
        if (CheckCommon(name, "logical volume") is { } problem)
        {
            return problem;
        }

        if (name is "snapshot" or "pvmove")
        {
            return $"`{name}` is reserved by LVM as a logical volume name";
        }

        return ReservedVolumeParts.FirstOrDefault(part => name.Contains(part, StringComparison.Ordinal)) is { } reserved
            ? $"the logical volume name `{name}` contains `{reserved}`, which LVM reserves for its internal volumes"
            : null;
    }

    private static string? CheckCommon(string name, string what)
    {
        if (name.Length == 0)
        {
            return $"the {what} name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"the {what} name is {name.Length} characters long; LVM allows at most {MaxLength}";
        }

        if (name is "." or "..")
        {
            return $"`{name}` is not a valid {what} name";
        }

        if (name[0] == '-')
        {
            return $"the {what} name `{AnnotationParser.Printable(name)}` starts with `-`, which LVM refuses (it would read as an option)";
        }

        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '_' or '.' or '-'));
        return bad != default
            ? $"the {what} name `{AnnotationParser.Printable(name)}` contains `{AnnotationParser.Printable(bad.ToString())}`; LVM allows only a-z A-Z 0-9 + _ . -"
            : null;
    }
}

/// <summary>
/// The paths `xcfg provision` is willing to create or read: absolute, already normal (no <c>.</c>, <c>..</c> or
/// empty components, no trailing slash), without control characters, and never <c>/</c> itself. A path that is
/// only equivalent after normalising is refused rather than normalised, so what runs is exactly what was written.
/// </summary>
public static class SafePaths
{
    /// <summary>Why <paramref name="path"/> is refused, or null when it is safe.</summary>
    public static string? Check(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        var control = path.FirstOrDefault(char.IsControl);
        if (control != default)
        {
            return $"the path `{AnnotationParser.Printable(path)}` contains the control character U+{(int)control:X4}";
        }

        if (path[0] != '/')
        {
            return $"the path `{path}` is relative; write an absolute path (what a relative path means depends on the directory a tool runs in)";
        }

        if (path == "/")
        {
            return "the path is `/`, the whole host";
        }

        var parts = path[1..].Split('/');
        if (parts.Any(part => part is ".." or "."))
        {
            return $"the path `{path}` has a `.` or `..` component; write the path it leads to";
        }

        if (parts.Any(part => part.Length == 0))
        {
            return $"the path `{path}` has an empty component (`//` or a trailing `/`); write it without";
        }

        return null;
    }
}

/// <summary>
/// Domain names `xcfg provision` can name a file after (<c>xcfg-NAME.exports</c>): letters, digits, <c>_</c>, <c>.</c>
/// and <c>-</c>, not starting with <c>.</c> or <c>-</c>, checked character by character to the end (a pattern with
/// <c>$</c> would let a trailing newline through).
/// </summary>
public static class DomainFileNames
{
    /// <summary>The longest name whose exports file name fits in 255 bytes.</summary>
    public const int MaxLength = 255 - 5 - 8;

    /// <summary>Why <paramref name="name"/> cannot name the exports file, or null when it can.</summary>
    public static string? Check(string name)
    {
        const string Why = "xl accepts it (libxl checks only that a name is unique), but xcfg provision names the NFS root's exports file after the domain (xcfg-NAME.exports) and takes letters, digits, `_`, `.` and `-` only";
        if (name.Length == 0)
        {
            return "the domain name is empty; the exports file is named after the domain";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                var what = char.IsControl(c) ? $"the control character U+{(int)c:X4}" : c == ' ' ? "a blank" : $"`{c}`";
                return $"the domain name `{AnnotationParser.Printable(name)}` contains {what}: {Why}";
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"the domain name `{name}` starts with `{name[0]}`: {Why}";
        }

        return name.Length > MaxLength ? $"the domain name is {name.Length} characters long; the exports file name holds at most {MaxLength}" : null;
    }
}
