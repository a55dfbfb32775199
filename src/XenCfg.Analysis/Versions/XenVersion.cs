using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace XenCfg.Analysis.Versions;

/// <summary>
/// The Xen release a config is written for (<c>--xen-version 4.17</c>, <c>xen-version = "4.17"</c> in
/// <c>.xcfg.toml</c>, the editor's <c>xcfg.xenVersion</c>): what xl accepts changed between releases, and a dom0
/// runs the release its distribution ships (Debian 12 and Ubuntu 24.04: 4.17; Debian 13: 4.20).
/// </summary>
/// <remarks>
/// Only major.minor matters: Xen changes what xl reads in feature releases, not in point releases. A rule that
/// changed between releases keys its behaviour on <see cref="IsAtLeast"/>; the releases whose sources the facts were
/// read from are <see cref="Known"/>.
/// </remarks>
public readonly record struct XenVersion(int Major, int Minor) : IComparable<XenVersion>
{
    /// <summary>Xen 4.17: Debian 12, Ubuntu 24.04; the real xl the tests compare with.</summary>
    public static readonly XenVersion Xen417 = new(4, 17);

    /// <summary>Xen 4.20: Debian 13.</summary>
    public static readonly XenVersion Xen420 = new(4, 20);

    /// <summary>Xen 4.22, the newest release (2026-07).</summary>
    public static readonly XenVersion Xen422 = new(4, 22);

    /// <summary>The releases the catalogues were checked against, oldest first.</summary>
    public static IReadOnlyList<XenVersion> Known { get; } = [Xen417, Xen420, Xen422];

    /// <summary>The default target: the newest release the catalogues know.</summary>
    public static XenVersion Newest => Xen422;

    /// <summary>The oldest release xcfg models. Older ones (xm's era) are read as this one under xl.</summary>
    public static XenVersion Oldest => Xen417;

    public bool IsAtLeast(XenVersion other) => CompareTo(other) >= 0;

    public bool IsBefore(XenVersion other) => CompareTo(other) < 0;

    public int CompareTo(XenVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(XenVersion left, XenVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(XenVersion left, XenVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(XenVersion left, XenVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(XenVersion left, XenVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>
    /// Reads <c>4.17</c> (or <c>4.17.7</c>: the point release is ignored). A release outside
    /// <see cref="Oldest"/>..<see cref="Newest"/> is an error with a message saying which are supported, so a user
    /// who types 4.18 learns that xcfg would read it as the nearest known release rather than guess silently.
    /// </summary>
    public static bool TryParse(string? text, out XenVersion version, [NotNullWhen(false)] out string? error)
    {
        version = default;
        var parts = (text ?? string.Empty).Trim().Split('.');
        if (parts.Length is < 2 or > 3
            || !parts.All(part => part.Length is > 0 and <= 4 && part.All(char.IsAsciiDigit))
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            error = $"`{text}` is not a Xen release: write major.minor, as {Supported}";
            return false;
        }

        version = new XenVersion(major, minor);
        if (version < Oldest || version > Newest)
        {
            error = $"Xen {version} is not one xcfg knows: the supported releases are {Oldest} to {Newest} ({Supported})";
            return false;
        }

        error = null;
        return true;
    }

    private static string Supported => string.Join(", ", Known.Select(known => known.ToString()));
}
