using Xunit.Sdk;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// Tests that run host tools for real need root and the tools installed. On a developer's machine without them they
/// are skipped with the reason shown; in CI (XCFG_REQUIRE_HOST_TESTS=1, set by .ci/run) a missing capability is a
/// failure, so a broken CI image cannot turn the storage tests into silent skips.
/// </summary>
internal static class HostRequirements
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["mkfs.ext4"] = "e2fsprogs",
        ["mkfs.ext3"] = "e2fsprogs",
        ["mkfs.ext2"] = "e2fsprogs",
        ["dumpe2fs"] = "e2fsprogs",
        ["debugfs"] = "e2fsprogs",
        ["e2fsck"] = "e2fsprogs",
        ["mkswap"] = "util-linux",
        ["blkid"] = "util-linux",
        ["losetup"] = "util-linux",
        ["unshare"] = "util-linux",
        ["mount"] = "mount",
        ["truncate"] = "coreutils",
        ["cmp"] = "diffutils",
        ["bash"] = "bash",
        ["vgs"] = "lvm2",
        ["lvs"] = "lvm2",
        ["lvcreate"] = "lvm2",
        ["pvcreate"] = "lvm2",
        ["vgcreate"] = "lvm2",
        ["exportfs"] = "nfs-kernel-server",
    };

    public static bool Required => Environment.GetEnvironmentVariable("XCFG_REQUIRE_HOST_TESTS") == "1";

    /// <summary>Root, for loop devices, LVM and mount namespaces.</summary>
    public static void Root() => Need(Environment.IsPrivilegedProcess, "needs root (loop devices, LVM, mount namespaces); CI runs as root");

    /// <summary>The named programs, on PATH or in /sbin and /usr/sbin.</summary>
    public static void Tools(params string[] tools)
    {
        foreach (var tool in tools)
        {
            Need(Find(tool) is not null, $"needs {tool} (Debian package {Packages.GetValueOrDefault(tool, tool)})");
        }
    }

    /// <summary>A loop device can be set up (root and /dev/loop-control).</summary>
    public static void LoopDevices()
    {
        Root();
        Tools("losetup");
        Need(File.Exists("/dev/loop-control"), "needs loop devices (/dev/loop-control)");
    }

    public static string? Find(string tool)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/sbin", "/sbin"]);
        return path.Select(directory => Path.Combine(directory, tool)).FirstOrDefault(File.Exists);
    }

    private static void Need(bool available, string reason)
    {
        if (available)
        {
            return;
        }

        if (Required)
        {
            throw new XunitException($"XCFG_REQUIRE_HOST_TESTS=1 but the host lacks a capability this test needs: {reason}");
        }

        Skip.If(true, reason);
    }
}
