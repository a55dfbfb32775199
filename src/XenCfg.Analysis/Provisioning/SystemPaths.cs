namespace XenCfg.Analysis.Provisioning;

/// <summary>
/// Host directories that are never an NFS root nor a populate source: an NFS root is exported read-write with
/// no_root_squash (the guest's root owns every file in it), and a populate source is copied whole into a guest's
/// disk. Two kinds: trees refused with everything below them (the host's configuration, secrets, kernel, programs and
/// the kernel's own interfaces), and directories refused only themselves (they hold everyone's data, but a
/// subdirectory of them is the usual place for an NFS root or a root file system tree). The list is documented in
/// docs/provisioning.md. Paths are compared as given: the provisioner passes them with every symbolic link resolved.
/// </summary>
public static class SystemPaths
{
    private static readonly (string Path, string What)[] Trees =
    [
        ("/etc", "the host's configuration (passwords in /etc/shadow, SSH host keys)"),
        ("/root", "the administrator's home"),
        ("/boot", "the host's kernels and boot loader"),
        ("/usr", "the host's programs"),
        ("/bin", "the host's programs"),
        ("/sbin", "the host's programs"),
        ("/proc", "the kernel's process interface"),
        ("/sys", "the kernel's device interface"),
        ("/dev", "the host's devices"),
        ("/run", "the host's runtime state"),
        ("/var/log", "the host's logs"),
        ("/var/spool", "the host's queued mail and jobs"),
        ("/var/mail", "the host's mailboxes"),
        ("/var/backups", "the host's backups (of /etc/shadow among others)"),
        ("/var/lib/nfs", "the NFS server's own state"),
        ("/var/lib/xcfg", "xcfg provision's journal"),
    ];

    private static readonly (string Path, string What)[] Exactly =
    [
        ("/", "the whole host"),
        ("/home", "every user's home"),
        ("/srv", "every service's data"),
        ("/var", "the host's variable data"),
        ("/var/lib", "every program's state"),
        ("/var/cache", "every program's cache"),
        ("/var/tmp", "every user's temporary files"),
        ("/tmp", "every user's temporary files"),
        ("/opt", "add-on programs"),
        ("/mnt", "the mount point of other file systems"),
        ("/media", "the mount point of removable media"),
    ];

    /// <summary>Every refused path, as documented: trees first (marked <c>/...</c>), then single directories.</summary>
    public static IEnumerable<string> Documented =>
        Trees.Select(entry => entry.Path + "/...").Concat(["/lib*/...", "/home/USER/.*/..."]).Concat(Exactly.Select(entry => entry.Path)).Concat(["/home/USER"]);

    /// <summary>Why <paramref name="path"/> (absolute, normal, links resolved) is a system directory, or null when it is not one.</summary>
    public static string? Check(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        foreach (var (tree, what) in Trees)
        {
            if (trimmed == tree || trimmed.StartsWith(tree + "/", StringComparison.Ordinal))
            {
                return trimmed == tree ? $"`{tree}` is {what}" : $"`{trimmed}` is inside `{tree}`, {what}";
            }
        }

        // /lib, /lib32, /lib64, /libx32 and whatever else a distribution calls lib*: the host's libraries.
        var top = trimmed.Length > 1 ? trimmed[1..].Split('/')[0] : string.Empty;
        if (top.StartsWith("lib", StringComparison.Ordinal))
        {
            return trimmed == "/" + top ? $"`/{top}` holds the host's libraries" : $"`{trimmed}` is inside `/{top}`, the host's libraries";
        }

        foreach (var (directory, what) in Exactly)
        {
            if (trimmed == directory)
            {
                return $"`{directory}` is {what}";
            }
        }

        // A user's home as a whole (/home/alice) holds their keys and mail, and so do its hidden directories (.ssh,
        // .gnupg, .config); any other directory inside it is theirs to give.
        var parts = trimmed.Split('/');
        return parts switch
        {
            ["", "home", { Length: > 0 } user] => $"`{trimmed}` is the home of `{user}`",
            ["", "home", { Length: > 0 } user, var hidden, ..] when hidden.StartsWith('.') => $"`{trimmed}` is in `/home/{user}/{hidden}`, where `{user}` keeps keys and credentials",
            _ => null,
        };
    }
}
