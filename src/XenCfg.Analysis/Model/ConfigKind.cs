using System.Collections.Frozen;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Model;

/// <summary>
/// Which kind of file this is. xl reads three kinds of file in the same syntax; only domain configs get the
/// domain rules (a missing name, disks, boot settings ...).
/// </summary>
public enum ConfigKind
{
    /// <summary>Sets nothing at all (empty, or only comments).</summary>
    Empty,

    /// <summary>A domain config (xl.cfg(5)).</summary>
    Domain,

    /// <summary>xl's own settings, /etc/xen/xl.conf (xl.conf(5)).</summary>
    XlToolstack,

    /// <summary>A CPU pool definition for `xl cpupool-create` (xlcpupool.cfg(5)).</summary>
    CpuPool,
}

internal static class ConfigKindDetector
{
    /// <summary>Keys only xl.conf has (docs/man/xl.conf.5.pod.in), leaving out those a domain config shares.</summary>
    private static readonly FrozenSet<string> ToolstackKeys = FrozenSet.ToFrozenSet(
    [
        "domid_policy", "autoballoon", "run_hotplug_scripts", "lockfile", "max_maptrack_frames", "max_grant_version",
        "vif.default.script", "vif.default.bridge", "vif.default.backend", "vif.default.gatewaydev",
        "remus.default.netbufscript", "colo.default.proxyscript", "output_format", "blkdev_start", "claim_mode",
        "vm.cpumask", "vm.hvm.cpumask", "vm.pv.cpumask", "bootloader_restrict", "bootloader_user", "vifscript", "defaultbridge",
    ], StringComparer.Ordinal);

    /// <summary>The keys of a CPU pool file (docs/man/xlcpupool.cfg.5.pod).</summary>
    private static readonly FrozenSet<string> CpuPoolKeys = FrozenSet.ToFrozenSet(["name", "sched", "nodes", "cpus"], StringComparer.Ordinal);

    public static ConfigKind Detect(SyntaxTree tree, ConfigSettings settings)
    {
        // The keys set, read from the tree's key index: no setting is made for this.
        var keys = settings.AssignedKeys;
        if (keys.Length == 0)
        {
            return ConfigKind.Empty;
        }

        if (Path.GetFileName(tree.FilePath) == "xl.conf" || keys.Any(ToolstackKeys.Contains) && keys.All(key => ToolstackKeys.Contains(key) || key.StartsWith("vif.", StringComparison.Ordinal)))
        {
            return ConfigKind.XlToolstack;
        }

        if (keys.All(CpuPoolKeys.Contains) && (keys.Contains("sched") || keys.Contains("nodes")))
        {
            return ConfigKind.CpuPool;
        }

        return ConfigKind.Domain;
    }
}
