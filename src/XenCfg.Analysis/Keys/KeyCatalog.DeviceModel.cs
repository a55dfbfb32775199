using static XenCfg.Analysis.Keys.GuestTypes;
using static XenCfg.Analysis.Keys.Toolstack;

namespace XenCfg.Analysis.Keys;

// The Device-Model Options and Architecture Specific options sections of xl.cfg(5).
public static partial class KeyCatalog
{
    private static readonly string[] SveVectorLengths =
    [
        "disabled", "hw", "128", "256", "384", "512", "640", "768", "896", "1024", "1152", "1280", "1408", "1536",
        "1664", "1792", "1920", "2048",
    ];

    private static IEnumerable<KeyInfo> DeviceModelKeys() =>
    [
        // xl_parse.c:2832 compares with strcmp against "qemu-xen" only.
        new("device_model_version", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "Which device model to run: `qemu-xen`, upstream QEMU, is the only value xl still accepts (the old " +
            "`qemu-xen-traditional` is gone, and xl stops on it). Best left unset for new guests.",
            ["qemu-xen"]),
        new("device_model_override", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "Path of a QEMU binary to run in the toolstack domain instead of the default one; it must match " +
            "`device_model_version`, and xl warns when that is unset.",
            []),
        // xl_parse.c:2812 reads it only to print that it is ignored.
        new("device_model", KeyValueKind.String, Both, KeyGroups.DeviceModel,
            "xm: path of the device model program (qemu-dm), often `/usr/lib/xen/bin/qemu-dm`. xl ignores it and " +
            "says so.",
            [],
            Replacement: "Remove it; to run another QEMU binary write `device_model_override = \"PATH\"`, and for a stub-domain device model `device_model_stubdomain_override = 1`."),
        new("stubdomain_kernel", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "Kernel image of the device-model stub domain, matching the device model version (for `qemu-xen` a " +
            "Linux-based stub domain).",
            []),
        new("stubdomain_cmdline", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "Kernel command line of the device-model stub domain.",
            []),
        new("stubdomain_ramdisk", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "Ramdisk image for the kernel given in `stubdomain_kernel`; Linux-based stub domains use one.",
            []),
        new("stubdomain_memory", KeyValueKind.Integer, Xl, KeyGroups.DeviceModel,
            "RAM of the device-model stub domain in MiB; 128 by default.",
            [],
            Unit: "MiB"),
        new("device_model_stubdomain_override", KeyValueKind.Boolean, Xl, KeyGroups.DeviceModel,
            "Force the device model into a stub domain (1) or into the toolstack domain (0) rather than letting xl " +
            "decide from the other settings.",
            []),
        new("device_model_stubdomain_seclabel", KeyValueKind.String, Xl, KeyGroups.DeviceModel,
            "XSM security label of the device-model stub domain.",
            []),
        new("device_model_args", KeyValueKind.StringList, Xl, KeyGroups.DeviceModel,
            "Extra command-line arguments for the device model, one list element per argument, for every guest type.",
            []),
        new("device_model_args_pv", KeyValueKind.StringList, Xl, KeyGroups.DeviceModel,
            "Extra device-model arguments, one list element per argument, used only for PV guests.",
            [],
            AppliesTo: Pv),
        new("device_model_args_hvm", KeyValueKind.StringList, Xl, KeyGroups.DeviceModel,
            "Extra device-model arguments, one list element per argument, used only for HVM guests.",
            [],
            AppliesTo: Hvm),
    ];

    private static IEnumerable<KeyInfo> ArchitectureKeys() =>
    [
        new("gic_version", KeyValueKind.String, Xl, KeyGroups.Arm,
            "Arm: version of the emulated interrupt controller: `v2`, `v3` (without GICv2 compatibility) or " +
            "`default` (the host's own version). The hardware must be able to provide it.",
            ["default", "v2", "v3"],
            AllowedValuesIgnoreCase: true),
        new("vuart", KeyValueKind.String, Xl, KeyGroups.Arm,
            "Arm: add an emulated UART as a console; `sbsa_uart` is the only model. It uses IRQ 32.",
            ["sbsa_uart"],
            AllowedValuesIgnoreCase: true),
        new("sve", KeyValueKind.String, Xl, KeyGroups.Arm,
            "AArch64: let the guest use SVE with this maximum vector length in bits (a multiple of 128 up to 2048), " +
            "or `hw` for the platform's maximum; `disabled`, the default, turns SVE off. A length the hardware cannot " +
            "do is an error.",
            [.. SveVectorLengths],
            AllowedValuesIgnoreCase: true),
        new("llc_colors", KeyValueKind.StringList, Xl, KeyGroups.Arm,
            "Arm: last-level-cache colours for the guest's memory, each a colour number or an inclusive range such " +
            "as `0-4`. xl stops on a malformed or reversed range.",
            []),
        // The manual writes nr_spis="NR_SPIS"; xl reads it with xlu_cfg_get_long (xl_parse.c:3071), which accepts a
        // quoted number as well, since xl keeps every scalar as text.
        new("nr_spis", KeyValueKind.Integer, Xl, KeyGroups.Arm,
            "Arm: how many shared peripheral interrupts (SPIs) to give the domain, enough for the highest interrupt " +
            "it is assigned; at most 960, or 5088 with extended SPIs (GICv3.1 and later). Computed by the toolstack " +
            "when unset.",
            []),
        new("trap_unmapped_accesses", KeyValueKind.Boolean, Xl, KeyGroups.Arm,
            "Arm: make guest accesses to unmapped addresses trap; when off, such reads return all ones and writes are " +
            "dropped. On by default on Arm, where alone it is implemented.",
            []),
        new("arm_sci", KeyValueKind.String, Xl, KeyGroups.Arm,
            "Arm: System Control and Management Interface access, as `type=none` (the default) or `type=scmi_smc`, " +
            "which forwards the guest's SCMI SMC calls to firmware such as Trusted Firmware-A; use it with Xen's " +
            "scmi-smc-passthrough option.",
            []),
        new("mca_caps", KeyValueKind.StringList, Xl, KeyGroups.X86,
            "x86 HVM: machine-check capabilities beyond the default ones; `lmce` (Intel local machine-check " +
            "exceptions) is the only one, and xl stops on anything else.",
            ["lmce"],
            AppliesTo: Hvm),
        new("msr_relaxed", KeyValueKind.Boolean, Xl, KeyGroups.X86,
            "x86: go back to the lenient pre-4.15 treatment of MSRs Xen does not handle, for guests that break under " +
            "the strict default. Off by default; an interim option that xl warns will go away, so report any need " +
            "for it.",
            []),
    ];
}
