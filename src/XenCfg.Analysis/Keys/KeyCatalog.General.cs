using static XenCfg.Analysis.Keys.GuestTypes;
using static XenCfg.Analysis.Keys.Toolstack;

namespace XenCfg.Analysis.Keys;

// Keys of the general sections of xl.cfg(5): name, guest type, CPUs, memory, vNUMA, event actions, kernel boot,
// other options and Xenstore. Kinds follow tools/xl/xl_parse.c (function parse_config_data); line numbers refer to
// Xen commit c447b7308b.
public static partial class KeyCatalog
{
    /// <summary>The actions xl accepts for on_poweroff and friends (xl_parse.c action_on_shutdown_names, exact match).</summary>
    private static readonly string[] ShutdownActions =
        ["destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart", "soft-reset"];

    private static IEnumerable<KeyInfo> GeneralKeys() =>
    [
        new("name", KeyValueKind.String, Both, KeyGroups.Mandatory,
            "The domain's name, which must be unique among the domains on the host. xl refuses a config without it; " +
            "xm instead fell back to the config file's name.",
            []),

        // xl_parse.c:1410 compares with strncmp(buf, "hvm", strlen(buf)), so any prefix of a type name (even "h")
        // selects it; we list the full names.
        new("type", KeyValueKind.String, Xl, KeyGroups.GuestType,
            "The kind of guest: `pv` (paravirtualised; the x86 default), `pvh` (hardware-assisted but without QEMU or " +
            "emulated firmware; the Arm default) or `hvm` (a fully emulated PC). xl stops on any other value. " +
            "It supersedes `builder`.",
            ["pv", "pvh", "hvm"]),
        new("builder", KeyValueKind.String, Both, KeyGroups.GuestType,
            "Deprecated since Xen 4.10: the older way to choose the guest kind, `generic` for PV or `hvm`. " +
            "xl stops when it contradicts `type`. xm's PV value was `linux` (its default), which xl rejects as an " +
            "invalid domain type.",
            ["generic", "hvm"],
            Replacement: "Write `type = \"pv\"` instead of `builder = \"generic\"` (or xm's `\"linux\"`), and `type = \"hvm\"` instead of `builder = \"hvm\"`."),

        new("pool", KeyValueKind.String, Both, KeyGroups.CpuAllocation,
            "Name of the CPU pool (see `xl cpupool-list`) whose physical CPUs run this guest. Without it the guest " +
            "joins the default pool, Pool-0.",
            []),
        // xl_parse.c:1566: values below 1 silently become 1.
        new("vcpus", KeyValueKind.Integer, Both, KeyGroups.CpuAllocation,
            "How many virtual CPUs are online when the guest boots. Default 1; xl turns 0 or a negative count into 1. " +
            "It may not exceed `maxvcpus`.",
            []),
        new("maxvcpus", KeyValueKind.Integer, Both, KeyGroups.CpuAllocation,
            "The most vCPUs the guest can ever have online; those beyond `vcpus` are created offline for later " +
            "hot-plugging. Defaults to `vcpus`, and xl stops if it is smaller. xm read it too, although its option " +
            "list never named it.",
            []),
        // xl_parse.c:1612: xlu_cfg_get_list first (quietly), then xlu_cfg_get_string.
        new("cpus", KeyValueKind.StringOrList, Both, KeyGroups.CpuAllocation,
            "Hard affinity: the host CPUs the guest's vCPUs may run on. One string applies to every vCPU and combines " +
            "CPU numbers and ranges (`0-3,5`), exclusions (`^1`), `all` and NUMA nodes (`node:1`, `nodes:0-1`); " +
            "a list gives one such string per vCPU, in vCPU order. Without it the vCPUs may run anywhere.",
            []),
        new("cpus_soft", KeyValueKind.StringOrList, Xl, KeyGroups.CpuAllocation,
            "Soft affinity: host CPUs the vCPUs should prefer rather than be confined to, written like `cpus`. " +
            "If neither key is set, xl places the guest on as few NUMA nodes as it can and prefers their CPUs.",
            []),

        // The manual gives the legal range 1..65535; xl reads it with plain xlu_cfg_get_long (xl_parse.c:1512) and
        // leaves the check to the scheduler, so no Minimum/Maximum here.
        new("cpu_weight", KeyValueKind.Integer, Both, KeyGroups.CpuScheduling,
            "Relative share of CPU time when CPUs are contended, for the credit and credit2 schedulers: a guest with " +
            "twice the weight gets twice the time. Default 256; the schedulers take 1 to 65535.",
            []),
        new("cap", KeyValueKind.Integer, Xl, KeyGroups.CpuScheduling,
            "Hard limit on CPU use, in percent of one physical CPU (100 is one CPU, 250 two and a half), applied even " +
            "when the host is idle; credit and credit2 only. Default 0, no limit. xm spelled it `cpu_cap`.",
            [],
            Unit: "percent"),
        // period, slice, latency and extratime are read by xl (xl_parse.c:1516-1523) but not in the manual page.
        new("period", KeyValueKind.Integer, Xl, KeyGroups.CpuScheduling,
            "Not in the manual page, but read by xl: the scheduling period given to the domain's scheduler. The RTDS " +
            "scheduler replenishes each vCPU's budget once per period, counted in microseconds; the budget itself " +
            "has no config key (use `xl sched-rtds`).",
            [],
            Unit: "microseconds"),
        new("slice", KeyValueKind.Integer, Xl, KeyGroups.CpuScheduling,
            "Not in the manual page: a parameter of the SEDF scheduler, which Xen no longer has. xl still reads it, " +
            "to no effect.",
            [],
            Replacement: "Remove it: it has had no effect since the SEDF scheduler was removed."),
        new("latency", KeyValueKind.Integer, Xl, KeyGroups.CpuScheduling,
            "Not in the manual page: a parameter of the removed SEDF scheduler. xl still reads it, to no effect.",
            [],
            Replacement: "Remove it: it has had no effect since the SEDF scheduler was removed."),
        // Read with xlu_cfg_get_long (xl_parse.c:1522); libxl only tests it for non-zero, so it is a flag.
        new("extratime", KeyValueKind.Boolean, Xl, KeyGroups.CpuScheduling,
            "Not in the manual page, but read by xl: for the RTDS scheduler, lets the vCPUs run beyond their budget " +
            "when the host has spare time.",
            []),

        new("memory", KeyValueKind.Integer, Both, KeyGroups.Memory,
            "RAM in MiB the guest starts with. When `maxmem` is larger, the guest boots ballooned down to this " +
            "amount. Without either key libxl gives 32 MiB (xm gave 128).",
            [],
            Unit: "MiB"),
        new("maxmem", KeyValueKind.Integer, Both, KeyGroups.Memory,
            "The most RAM in MiB the guest can ever be given; defaults to `memory` and should not be below it. " +
            "A larger value starts the guest pre-ballooned, which an HVM guest only survives with a balloon driver, " +
            "and the guest spends some memory tracking the pages it does not have.",
            [],
            Unit: "MiB"),

        new("vnuma", KeyValueKind.NestedList, Xl, KeyGroups.VirtualNuma,
            "Virtual NUMA topology: one inner list per virtual node, holding the strings `pnode=N` (host node), " +
            "`size=MiB`, `vcpus=RANGES` and `vdistances=D0,D1,...` (one distance per node, itself included). " +
            "The sizes must add up to the maximum memory. Not yet for PV guests; such guests cannot be saved or migrated.",
            [],
            AppliesTo: Pvh | Hvm),

        new("on_poweroff", KeyValueKind.String, Both, KeyGroups.EventActions,
            "What to do when the guest shuts itself down: `destroy` (the default), `restart`, `rename-restart` " +
            "(keep the old domain under another name and start a new one), `preserve` (keep it for inspection), " +
            "`coredump-destroy`, `coredump-restart` or `soft-reset`. xl refuses an unknown action.",
            [.. ShutdownActions]),
        new("on_reboot", KeyValueKind.String, Both, KeyGroups.EventActions,
            "What to do when the guest shuts down asking for a reboot; default `restart`. Takes the same actions as " +
            "`on_poweroff`.",
            [.. ShutdownActions]),
        new("on_watchdog", KeyValueKind.String, Xl, KeyGroups.EventActions,
            "What to do when the guest is stopped by a Xen watchdog timeout; default `destroy`. Takes the same " +
            "actions as `on_poweroff`.",
            [.. ShutdownActions]),
        new("on_crash", KeyValueKind.String, Both, KeyGroups.EventActions,
            "What to do when the guest crashes; default `destroy`. Takes the same actions as `on_poweroff`; " +
            "`coredump-destroy` keeps a core dump for debugging.",
            [.. ShutdownActions]),
        new("on_soft_reset", KeyValueKind.String, Xl, KeyGroups.EventActions,
            "What to do when the guest performs a soft reset, as when it kexecs a new kernel; default `soft-reset`, " +
            "which resets the Xen interfaces of a Xen-aware HVM guest and lets it run on. Takes the same actions as " +
            "`on_poweroff`.",
            [.. ShutdownActions]),

        new("kernel", KeyValueKind.String, Both, KeyGroups.DirectKernelBoot,
            "Path, on the host, to a kernel image to boot the guest directly. A PV guest needs `kernel`, `firmware` " +
            "or `bootloader`. HVM guests can boot this way with QEMU upstream and SeaBIOS; a `kernel` that names " +
            "hvmloader (an xm habit) is ignored with a warning.",
            []),
        new("ramdisk", KeyValueKind.String, Both, KeyGroups.DirectKernelBoot,
            "Path, on the host, to the initial ramdisk (initrd) loaded together with `kernel`.",
            []),
        new("cmdline", KeyValueKind.String, Xl, KeyGroups.DirectKernelBoot,
            "The complete kernel command line, passed as written. When it is set xl ignores `root` and `extra`, " +
            "with a warning; it is the preferred key under xl.",
            []),
        new("root", KeyValueKind.String, Both, KeyGroups.DirectKernelBoot,
            "The guest kernel's root device: xl starts the command line with `root=` and this value, then adds " +
            "`extra`. Ignored when `cmdline` is set. Examples: `/dev/xvda1`, `/dev/xvda1 ro`, `/dev/nfs`.",
            []),
        new("extra", KeyValueKind.String, Both, KeyGroups.DirectKernelBoot,
            "More kernel command-line arguments, placed after the `root=` part. Ignored when `cmdline` is set. Under " +
            "xl the NFS-root and address settings that xm built from its own keys go here (`nfsroot=...`, `ip=...`).",
            []),

        // HVM: bios names (case-insensitive), uefi, bios, or any path; PV/PVH: a prefix of pvgrub32/pvgrub64
        // (xl_parse.c:2125-2160). Open set, so no AllowedValues.
        new("firmware", KeyValueKind.String, Xl, KeyGroups.NonDirectKernelBoot,
            "Firmware to boot with. PV and PVH guests: `pvgrub32` or `pvgrub64`, a PV GRUB image from Xen's firmware " +
            "directory that boots the guest's own kernel; not together with `kernel`. HVM guests: `bios` (the device " +
            "model's default), `uefi`, `seabios`, `rombios`, `ovmf`, or the path of a firmware file.",
            []),
        new("pvshim", KeyValueKind.Boolean, Xl, KeyGroups.NonDirectKernelBoot,
            "Run a PV guest inside a PVH container through the PV shim, so hardware paging keeps its address space " +
            "apart (a Meltdown mitigation). Used with `type = \"pvh\"`; default off.",
            [],
            AppliesTo: Pvh),
        new("pvshim_path", KeyValueKind.String, Xl, KeyGroups.NonDirectKernelBoot,
            "Path to a PV shim binary other than the one Xen installs. Only used with `pvshim`.",
            [],
            AppliesTo: Pvh),
        new("pvshim_cmdline", KeyValueKind.String, Xl, KeyGroups.NonDirectKernelBoot,
            "Command line of the PV shim itself; default `pv-shim console=xen,pv`. Only used with `pvshim`.",
            [],
            AppliesTo: Pvh),
        new("pvshim_extra", KeyValueKind.String, Xl, KeyGroups.NonDirectKernelBoot,
            "Arguments added after the PV shim's command line; empty by default. Only used with `pvshim`.",
            [],
            AppliesTo: Pvh),

        new("uuid", KeyValueKind.String, Both, KeyGroups.Other,
            "The domain's UUID, e.g. from uuidgen. Without it a new random UUID is made each time the guest starts. " +
            "xl stops on a value it cannot parse.",
            []),
        new("seclabel", KeyValueKind.String, Xl, KeyGroups.Other,
            "XSM (FLASK) security label of the domain. With `init_seclabel` it is the label the domain switches to " +
            "once it has been built. xm's counterpart was `access_control`.",
            []),
        new("init_seclabel", KeyValueKind.String, Xl, KeyGroups.Other,
            "XSM label the domain has only while it is being built, before it switches to `seclabel`. With a suitable " +
            "policy this can keep the guest's memory out of the toolstack domain's reach.",
            []),
        new("max_grant_frames", KeyValueKind.Integer, Xl, KeyGroups.Other,
            "Limit on the grant-table frames of the domain, which bounds how much of its memory it can share with " +
            "other domains (PV devices rely on this). The default comes from xl.conf. xl accepts 0 to 2147483647.",
            [],
            Minimum: 0, Maximum: int.MaxValue),
        new("max_maptrack_frames", KeyValueKind.Integer, Xl, KeyGroups.Other,
            "Limit on the maptrack frames of the domain, which bounds how many pages granted by other domains it can " +
            "map. The default comes from xl.conf. xl accepts 0 to 2147483647.",
            [],
            Minimum: 0, Maximum: int.MaxValue),
        new("max_grant_version", KeyValueKind.Integer, Xl, KeyGroups.Other,
            "Highest grant-table interface version the domain may use. The default comes from xl.conf. xl accepts " +
            "0 to 2147483647.",
            [],
            Minimum: 0, Maximum: int.MaxValue),
        new("nomigrate", KeyValueKind.Boolean, Both, KeyGroups.Other,
            "Forbid migrating the domain. In return the guest may be shown features that would not survive a " +
            "migration, such as the invariant TSC flag in CPUID when the TSC is not emulated. Default 0.",
            []),
        new("driver_domain", KeyValueKind.Boolean, Xl, KeyGroups.Other,
            "Mark the domain as a driver domain, one that runs device backends for other guests, and turn on what " +
            "that needs. Default 0. Under xm the closest keys were `blkif` and `netif`.",
            []),
        new("device_tree", KeyValueKind.String, Xl, KeyGroups.Other,
            "Arm: path to a compiled partial device tree; its `/passthrough` node and its `/aliases` are copied into " +
            "the guest's device tree. Only use a trusted file, since it is not validated, and avoid phandle 65000, " +
            "which the toolstack uses.",
            []),
        new("passthrough", KeyValueKind.String, Xl, KeyGroups.Other,
            "IOMMU set-up for passed-through devices: `disabled`, `enabled` (chooses `share_pt` or `sync_pt` itself), " +
            "`sync_pt` (IOMMU tables kept in step with the guest's P2M; not on Arm), `share_pt` (the IOMMU walks the " +
            "P2M directly; HVM and PVH, where the hardware allows) or `default` (enabled only if the config passes " +
            "devices through).",
            ["default", "disabled", "enabled", "sync_pt", "share_pt"],
            AllowedValuesIgnoreCase: true),
        new("xend_suspend_evtchn_compat", KeyValueKind.Boolean, Xl, KeyGroups.Other,
            "Bring back xend's handling of the suspend event channel: no xenstore path for it, and the guest may write " +
            "its whole `device` subtree. Helps old PV drivers (such as early Red Hat Windows drivers) that the path " +
            "confuses. Default 0.",
            []),
        new("vmtrace_buf_kb", KeyValueKind.Integer, Xl, KeyGroups.Other,
            "Size in KiB of the processor-trace buffer allocated per vCPU; 0, the default, turns tracing off. What is " +
            "valid depends on the CPU: Intel Processor Trace wants a power of two from 4 KiB to 16 MiB.",
            [],
            Unit: "KiB"),
        new("vpmu", KeyValueKind.Boolean, Xl, KeyGroups.Other,
            "Arm only for now: let the guest use the PMU registers directly by not trapping them. They are not " +
            "virtualised (no interrupts, not saved on context switch) and reveal system-wide performance data, so " +
            "only for trusted domains. Experimental; default 0.",
            []),

        new("xenstore_feature_mask", KeyValueKind.Integer, Xl, KeyGroups.Xenstore,
            "Bit mask of the Xenstore features the guest can see: 0x1 reconnection, 0x2 an error value when Xenstore " +
            "drops the connection, 0x4 watches limited in depth, 0x8 the all-domains permission. Clear bits to allow " +
            "migration to a host with an older Xenstore. Default 0xffffffff, everything.",
            []),
        new("xenstore_quota", KeyValueKind.SpecList, Xl, KeyGroups.Xenstore,
            "Per-domain Xenstore quotas replacing Xenstore's defaults, as `name=value` strings with non-negative " +
            "integer values; `xl xenstore-quota-get -g` lists the names. Not every Xenstore implementation offers it.",
            []),
    ];
}
