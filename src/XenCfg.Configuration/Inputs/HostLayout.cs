using System.Collections.Concurrent;
using System.Collections.Frozen;
using XenCfg.Syntax;

namespace XenCfg.Configuration.Inputs;

/// <summary>
/// A dom0's <c>/etc/xen</c> as it is, wherever it lies (a host's own, or a copy in a repository): a folder named
/// <c>xen</c> holds domain configs, often without an extension (<c>/etc/xen/web1</c>), beside files that are not
/// domain configs (xl's <c>xl.conf</c>, <c>cpupool</c>, xend's <c>*.sxp</c>, <c>scripts/</c>); its <c>auto/</c>
/// holds the domains the host starts at boot (xendomains), usually as links to the configs beside it.
/// </summary>
/// <remarks>
/// The rule for a file without an extension, directly in a folder named <c>xen</c> or in its <c>auto/</c>: it is
/// read when its name has no <c>.</c>, is not one of <see cref="NeverDomainConfigs"/> nor an editor's backup
/// (<c>name~</c>, <c>#name#</c>), it is a regular file of at most the size limit without NUL bytes, and it reads as a
/// domain config: it sets <c>name</c> and at least one of <see cref="GuestKeys"/>, as every config <c>xl create</c>
/// can start does. Anything else there is left alone without a word, as it is on a real host. Names with a dot
/// (<c>xl.conf.dpkg-old</c>, <c>web.cfg.bak</c>, <c>web.swp</c>, <c>xend-config.sxp</c>) are never taken by this
/// rule; <c>*.cfg</c>, <c>*.xl</c> and <c>*.xm</c> are found there as everywhere.
/// </remarks>
public static class HostLayout
{
    /// <summary>Names in a host's <c>xen</c> folder that are never domain configs, although some set <c>name</c>.</summary>
    public static readonly FrozenSet<string> NeverDomainConfigs = FrozenSet.ToFrozenSet(["cpupool", "scripts", "auto", "README"], StringComparer.Ordinal);

    /// <summary>Keys of which a domain config sets at least one (beside <c>name</c>): what xl needs to build a guest.</summary>
    public static readonly FrozenSet<string> GuestKeys = FrozenSet.ToFrozenSet(["type", "builder", "kernel", "bootloader", "memory", "vcpus", "disk", "vif"], StringComparer.Ordinal);

    /// <summary>True for a folder named <c>xen</c>.</summary>
    public static bool IsXenDirectory(string directory) => Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)) == "xen";

    /// <summary>True for the <c>auto</c> folder of a folder named <c>xen</c>: the domains the host starts at boot.</summary>
    public static bool IsAutostartDirectory(string directory)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(directory);
        return Path.GetFileName(trimmed) == "auto" && Path.GetDirectoryName(trimmed) is { } parent && IsXenDirectory(parent);
    }

    /// <summary>True for a name that may be a domain config without an extension in a host's folders (its text decides).</summary>
    public static bool MayBeDomainConfig(string directory, string name) =>
        (IsXenDirectory(directory) || IsAutostartDirectory(directory))
        && !name.Contains('.', StringComparison.Ordinal)
        && !name.EndsWith('~')
        && !(name.StartsWith('#') && name.EndsWith('#'))
        && !name.StartsWith("xend-", StringComparison.Ordinal)
        && !name.StartsWith("xl.conf", StringComparison.Ordinal)
        && !NeverDomainConfigs.Contains(name);

    /// <summary>True when the file sets <c>name</c> and one of <see cref="GuestKeys"/>, whatever else is wrong with it.</summary>
    public static bool IsDomainConfig(SyntaxTree tree)
    {
        bool name = false, guest = false;
        foreach (var assignment in tree.Root.Assignments)
        {
            var key = assignment.KeyName;
            name |= key == "name";
            guest |= GuestKeys.Contains(key);
            if (name && guest)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Which files a host starts at boot: those in a <c>xen/auto/</c> folder, and those a link in the <c>auto/</c>
/// folder beside them points to. Known from the file system, however a run reached the file, so linting
/// <c>/etc/xen/web</c> alone, the whole folder, or a copy of it in git says the same. Each <c>auto/</c> folder is
/// listed once. Thread-safe.
/// </summary>
public sealed class AutostartIndex
{
    private readonly ConcurrentDictionary<string, FrozenSet<string>> _linkedFrom = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the file at <paramref name="fullPath"/> is started at boot. <paramref name="realPath"/> is its
    /// canonical path when the caller knows it; else it is resolved, only for a file in a host's <c>xen</c> folder.
    /// </summary>
    public bool IsAutostarted(string fullPath, string? realPath = null)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is null)
        {
            return false;
        }

        if (HostLayout.IsAutostartDirectory(directory))
        {
            return true;
        }

        return HostLayout.IsXenDirectory(directory)
            && (realPath ?? RegularFile.RealPath(fullPath)) is { } real
            && _linkedFrom.GetOrAdd(Path.Combine(directory, "auto"), List).Contains(real);
    }

    /// <summary>The canonical paths of the regular files an <c>auto/</c> folder holds or links to.</summary>
    private static FrozenSet<string> List(string autoDirectory)
    {
        if (!Directory.Exists(autoDirectory))
        {
            return FrozenSet<string>.Empty;
        }

        try
        {
            return Directory.EnumerateFiles(autoDirectory)
                .Select(RegularFile.RealPath)
                .OfType<string>()
                .ToFrozenSet(StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return FrozenSet<string>.Empty;
        }
    }
}
