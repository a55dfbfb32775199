using static XenCfg.Analysis.Keys.GuestTypes;
using static XenCfg.Analysis.Keys.Toolstack;

namespace XenCfg.Analysis.Keys;

// The guest-type sections of xl.cfg(5): PV, HVM (boot device to emulated hardware) and the shared paging keys.
// xl reads most HVM keys only inside "case LIBXL_DOMAIN_TYPE_HVM" or "if (c_info->type == LIBXL_DOMAIN_TYPE_HVM)"
// (xl_parse.c:1896-2168 and 2911-3042); elsewhere they are silently ignored, which AppliesTo records.
public static partial class KeyCatalog
{
    private static readonly string[] TimerModes =
        ["delay_for_missed_ticks", "no_delay_for_missed_ticks", "no_missed_ticks_pending", "one_missed_tick_pending"];

    private static IEnumerable<KeyInfo> PvKeys() =>
    [
        new("bootloader", KeyValueKind.String, Both, KeyGroups.PvGuest,
            "Program run in the toolstack domain to find the kernel and ramdisk inside the guest's disk, usually " +
            "`pygrub`. A PV guest needs `bootloader`, `kernel` or `firmware`. xl stops when `pygrub` is named but Xen " +
            "was built without it.",
            [],
            AppliesTo: Pv | Pvh),
        // xl_parse.c:1836: xlu_cfg_get_list_as_string_list first; on EINVAL the string form, split at blanks.
        new("bootloader_args", KeyValueKind.StringOrList, Xl, KeyGroups.PvGuest,
            "Extra arguments for the bootloader, one list element per argument. A plain string is still accepted and " +
            "split at whitespace, with a deprecation warning. xm's `bootargs` was a string.",
            [],
            AppliesTo: Pv | Pvh),
        new("bootloader_restrict", KeyValueKind.Boolean, Xl, KeyGroups.PvGuest,
            "Run the bootloader as an unprivileged user, so that a hostile guest image cannot exploit it with full " +
            "rights; it then runs non-interactively and that user must be able to read the disk. The default comes " +
            "from xl.conf.",
            [],
            AppliesTo: Pv | Pvh),
        new("bootloader_user", KeyValueKind.String, Xl, KeyGroups.PvGuest,
            "User a restricted bootloader runs as; by default one of the users set up for restricting QEMU. Give each " +
            "domain its own.",
            [],
            AppliesTo: Pv | Pvh),
        // xl_parse.c:1688 reads it only for PV guests.
        new("e820_host", KeyValueKind.Boolean, Xl, KeyGroups.PvGuest,
            "PV: give the guest a memory map laid out like the host's, PCI holes included, so that a Linux (pvops) " +
            "kernel can leave room for passed-through devices; the amount of RAM does not change. On when `pci` lists " +
            "devices, off otherwise; set it when devices will be hot-plugged later.",
            [],
            AppliesTo: Pv),
    ];

    private static IEnumerable<KeyInfo> HvmKeys() =>
    [
        // libxl passes the string to QEMU unchecked and defaults to "cda"; QEMU takes drive letters a-p and n, so
        // the set is not closed (the corpus has "cda") and no AllowedValues are given.
        new("boot", KeyValueKind.String, Both, KeyGroups.HvmBootDevice,
            "Boot order of the emulated firmware, as a string of device letters tried in turn: `c` hard disk, `d` " +
            "CD-ROM, `n` network (PXE); e.g. `dc` tries the CD-ROM first. By default the hard disk comes first, then " +
            "the CD-ROM. xm also knew `a` and `b`, the floppy drives.",
            [],
            AppliesTo: Hvm),
        new("hdtype", KeyValueKind.String, Xl, KeyGroups.HvmDiskController,
            "Emulated disk controller: `ide` (the default, fine for old systems) or `ahci` (an ICH9 controller in AHCI " +
            "mode; boots faster, but old guests such as Windows XP may lack a driver).",
            ["ide", "ahci"],
            AppliesTo: Hvm, AllowedValuesIgnoreCase: true),

        new("hap", KeyValueKind.Boolean, Both, KeyGroups.Paging,
            "Hardware-assisted paging (Intel EPT, AMD NPT/RVI). Used by default where the hardware has it; when off, " +
            "Xen keeps shadow page tables for the guest instead.",
            [],
            AppliesTo: Pvh | Hvm),
        new("oos", KeyValueKind.Boolean, Both, KeyGroups.Paging,
            "Out-of-sync shadow page tables: in shadow mode Xen may defer applying the guest's page-table writes. On " +
            "by default; turn it off only to work around guest or Xen bugs.",
            [],
            AppliesTo: Pvh | Hvm),
        new("shadow_memory", KeyValueKind.Integer, Both, KeyGroups.Paging,
            "MiB set aside for shadow page tables or for HAP state (on Arm, for the P2M pool). The default, about " +
            "1 MiB per vCPU plus 8 KiB per MiB of RAM (plus 512 KiB on Arm), rarely needs changing; shadow-mode guests " +
            "running many similar processes may gain from more.",
            [],
            Unit: "MiB", AppliesTo: Pvh | Hvm),

        new("bios", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Firmware for the HVM guest: `seabios` (the default with QEMU upstream), `ovmf` (UEFI) or `rombios`. " +
            "xl stops on another name. The `firmware` key is the newer way to say the same.",
            ["rombios", "seabios", "ovmf"],
            AppliesTo: Hvm, AllowedValuesIgnoreCase: true),
        new("bios_path_override", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Path to a firmware blob to load instead of the one Xen ships; it must be the kind `bios` names, and xl " +
            "warns when `bios` is not set. Needs `device_model_version = \"qemu-xen\"`.",
            [],
            AppliesTo: Hvm),
        // Read by xl (xl_parse.c:1907) but not in the manual page.
        new("firmware_override", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Not in the manual page, but read by xl for HVM guests: path to a firmware loader to use instead of the " +
            "default hvmloader. `firmware = \"PATH\"` sets the same thing; xl suggests this key when `kernel` names " +
            "hvmloader.",
            [],
            AppliesTo: Hvm),
        new("pae", KeyValueKind.Boolean, Both, KeyGroups.HvmPlatform,
            "x86: show the guest Physical Address Extension, which 64-bit guests need and 32-bit guests need for " +
            "more than 4 GiB of RAM or for NX. On by default; best left on.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:1817 reads acpi for every guest type (b_info->acpi).
        new("acpi", KeyValueKind.Boolean, Both, KeyGroups.HvmPlatform,
            "Give the guest ACPI tables from its virtual firmware, which most modern systems require. On by default " +
            "on x86 and off on Arm; turn it off only for a guest that cannot cope with ACPI.",
            []),
        new("acpi_s3", KeyValueKind.Boolean, Xl, KeyGroups.HvmPlatform,
            "Offer the S3 sleep state (suspend to RAM) in the guest's ACPI tables. On by default.",
            [],
            AppliesTo: Hvm),
        new("acpi_s4", KeyValueKind.Boolean, Xl, KeyGroups.HvmPlatform,
            "Offer the S4 sleep state (suspend to disk, hibernation) in the guest's ACPI tables. On by default.",
            [],
            AppliesTo: Hvm),
        new("acpi_laptop_slate", KeyValueKind.Boolean, Xl, KeyGroups.HvmPlatform,
            "Add a laptop/slate mode switch device, as used by Windows, to the guest's ACPI tables. Off by default.",
            [],
            AppliesTo: Hvm),
        new("apic", KeyValueKind.Boolean, Both, KeyGroups.HvmPlatform,
            "x86: let the firmware publish the MP and PCI interrupt routing tables. Only matters for a guest with a " +
            "single vCPU; on by default, and only very old systems need it off, since ACPI has taken over this job.",
            [],
            AppliesTo: Hvm),
        new("nx", KeyValueKind.Boolean, Xl, KeyGroups.HvmPlatform,
            "x86: show or hide the No-eXecute page protection feature; it depends on `pae`. On by default.",
            [],
            AppliesTo: Hvm),
        new("hpet", KeyValueKind.Boolean, Both, KeyGroups.HvmPlatform,
            "x86: give the guest an emulated High Precision Event Timer. On by default under xl (xm had it off); " +
            "turning it off helps some guests.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:2174: xlu_cfg_get_long first (0..3 checked by hand), then the mode names through
        // libxl_altp2m_mode_from_string (case-insensitive). The numbers are listed so they are not taken for errors.
        new("altp2m", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "x86 alternate p2m, several views of guest physical memory used for introspection and for isolation " +
            "inside a guest: `disabled` (default), `mixed` (guest and outside tools), `external` (privileged outside " +
            "tools only) or `limited` (the guest may only use VMFUNC and #VE). The numbers 0 to 3 also work. Not " +
            "together with `nestedhvm`.",
            ["disabled", "mixed", "external", "limited", "0", "1", "2", "3"],
            AppliesTo: Pvh | Hvm, AllowedValuesIgnoreCase: true),
        new("altp2mhvm", KeyValueKind.Boolean, Xl, KeyGroups.HvmPlatform,
            "Deprecated: 1 turns alternate p2m on for an HVM guest in the mode that `altp2m = \"mixed\"` selects. " +
            "xl warns when it is used.",
            [],
            AppliesTo: Hvm,
            Replacement: "Write `altp2m = \"mixed\"` instead of `altp2mhvm = 1`."),
        // xl_parse.c:2190 rejects values that do not fit in 16 bits (l != (uint16_t)l).
        new("altp2m_count", KeyValueKind.Integer, Xl, KeyGroups.HvmPlatform,
            "Most alternate-p2m views the guest may have; 10 by default when altp2m is on, ignored when it is off. " +
            "Each view needs memory, so `shadow_memory` may have to grow.",
            [],
            AppliesTo: Pvh | Hvm, Minimum: 0, Maximum: ushort.MaxValue),
        new("nestedhvm", KeyValueKind.Boolean, Both, KeyGroups.HvmPlatform,
            "Expose the processor's virtualisation extensions to the guest so that it can run a hypervisor of its " +
            "own (or use features built on them, such as Windows XP mode). Off by default; cannot be combined with " +
            "altp2m.",
            [],
            AppliesTo: Pvh | Hvm),
        // xl_parse.c:2730: the list (xend) form first, then on EINVAL the string (libxl) form.
        new("cpuid", KeyValueKind.StringOrList, Both, KeyGroups.HvmPlatform,
            "x86: change what the CPUID instruction reports. libxl form: one string `host,NAME=V,...` where NAME is a " +
            "cpufeatureset.h feature in lower case with hyphens (`lahf-lm`) and V is `1`, `0`, `x` (safe value), `k` " +
            "(host value) or `s` (same as `k`); a few names such as `family` take numbers. xend form (as xm wrote it): " +
            "a list of `LEAF[,SUBLEAF]:REG=32 characters` strings.",
            []),
        new("acpi_firmware", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Path to a file of additional ACPI tables (binary AML, one after another) added to the guest's tables. " +
            "Existing tables such as the DSDT or FADT cannot be replaced this way.",
            [],
            AppliesTo: Hvm),
        new("smbios_firmware", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Path to a file of SMBIOS structures for the guest, each preceded by its length as a 32-bit integer. " +
            "Structures of types 0, 1, 2, 3, 11, 22 and 39 replace the built-in ones; vendor types 128 to 255 are added.",
            [],
            AppliesTo: Hvm),
        new("smbios", KeyValueKind.SpecList, Xl, KeyGroups.HvmPlatform,
            "Individual SMBIOS strings as `KEY=VALUE` items, with keys such as `bios_vendor`, `bios_version`, " +
            "`system_manufacturer`, `system_serial_number`, `baseboard_asset_tag`, `enclosure_asset_tag`, " +
            "`battery_device_name` and `oem` (up to 99 times). xl stops on an unknown key or an empty value.",
            [],
            AppliesTo: Hvm),
        new("ms_vm_genid", KeyValueKind.String, Xl, KeyGroups.HvmPlatform,
            "Microsoft VM Generation ID: `generate` makes a new random ID whenever the domain is created or restored " +
            "(Windows Server 2012 and later domain controllers rely on it); `none` provides none. xl stops on other " +
            "values.",
            ["generate", "none"],
            AppliesTo: Hvm),

        // xl_parse.c:1774 tries xlu_cfg_get_long first: 0..3 pass with a deprecation warning; then the names through
        // libxl_tsc_mode_from_string (case-insensitive). native_paravirt (3) still parses, but libxl fails the
        // creation with "has been removed", so neither it nor 3 is listed.
        new("tsc_mode", KeyValueKind.String, Both, KeyGroups.HvmTime,
            "x86: how the guest's time-stamp counter behaves: `default` (native while it stays monotonic, emulated " +
            "otherwise, keeping its frequency across migration where the hardware can scale it), `always_emulate` " +
            "(emulated at a fixed 1 GHz) or `native` (always native, no guarantees). xm's numbers 0 to 2 still work " +
            "with a deprecation warning; `native_paravirt` was removed and makes creation fail.",
            ["default", "always_emulate", "native", "0", "1", "2"],
            AllowedValuesIgnoreCase: true),
        new("localtime", KeyValueKind.Boolean, Both, KeyGroups.HvmTime,
            "Set the guest's real-time clock to the host's local time instead of UTC. Off by default.",
            []),
        new("rtc_timeoffset", KeyValueKind.Integer, Both, KeyGroups.HvmTime,
            "Offset in seconds added to the guest's real-time clock; 0 by default. With `localtime` the host's UTC " +
            "offset is added as well.",
            [],
            Unit: "seconds"),
        new("vpt_align", KeyValueKind.Boolean, Both, KeyGroups.HvmTime,
            "Line up the guest's periodic virtual platform timers so that their interrupts arrive together, which " +
            "saves power with guests using a high tick rate. On by default.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:1856 as tsc_mode: integers 0..3 (deprecated) first, then names (case-insensitive); an error for PV.
        new("timer_mode", KeyValueKind.String, Both, KeyGroups.HvmTime,
            "How virtual timer ticks the guest missed are handled: `delay_for_missed_ticks`, " +
            "`no_delay_for_missed_ticks` (the default; guest time keeps up with wall-clock time), " +
            "`no_missed_ticks_pending` or `one_missed_tick_pending`. xm's numbers 0 to 3 still work with a warning. " +
            "xl stops if a PV guest sets it.",
            [.. TimerModes, "0", "1", "2", "3"],
            AppliesTo: Pvh | Hvm, AllowedValuesIgnoreCase: true),

        // xl_parse.c:1981 checks the size in bytes against HVM_BELOW_4G_MMIO_LENGTH (256 MiB) and
        // HVM_BELOW_4G_MMIO_START (0xF0000000 = 3840 MiB) by hand.
        new("mmio_hole", KeyValueKind.Integer, Xl, KeyGroups.HvmMemoryLayout,
            "Size in MiB of the MMIO hole below 4 GiB, for QEMU upstream. xl refuses less than 256 or more than " +
            "3840; 3072 is known to work as a large value.",
            [],
            Unit: "MiB", AppliesTo: Hvm, Minimum: 256, Maximum: 3840),

        new("xen_platform_pci", KeyValueKind.Boolean, Both, KeyGroups.HvmParavirtualisation,
            "Provide the Xen platform PCI device, through which PV drivers in an HVM guest (in Linux, or the Windows " +
            "PV drivers) reach Xen for faster disks and network. On by default and recommended; switching it off " +
            "needs QEMU 1.6 or later.",
            [],
            AppliesTo: Hvm),
        new("xen_platform_pci_bar_uc", KeyValueKind.Boolean, Xl, KeyGroups.HvmParavirtualisation,
            "x86: give the Xen platform PCI device's memory BAR the uncacheable (UC) type in the guest's MTRRs. On by " +
            "default.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:1931: a list of groups first; on EINVAL xlu_cfg_get_defbool, where 1 means "defaults".
        // Each group may carry a "!" prefix, which the AllowedValues do not spell out; "all" and "defaults" are
        // compared exactly, the group names case-insensitively. "synic" is accepted although undocumented.
        new("viridian", KeyValueKind.StringOrList, Both, KeyGroups.HvmParavirtualisation,
            "Hyper-V (viridian) enlightenments for Windows guests: a list of groups, each possibly negated with `!` " +
            "(`base`, needed by all others, `freq`, `time_ref_count`, `reference_tsc`, `hcall_remote_tlb_flush`, " +
            "`apic_assist`, `crash_ctl`, `stimer`, `hcall_ipi`, `ex_processor_masks`, `no_vp_limit`, `cpu_hotplug`, " +
            "or `defaults` and `all`), or a number: 1 means `defaults`, 0 none. Off by default.",
            ["base", "freq", "time_ref_count", "reference_tsc", "hcall_remote_tlb_flush", "apic_assist", "crash_ctl",
             "synic", "stimer", "hcall_ipi", "ex_processor_masks", "no_vp_limit", "cpu_hotplug", "defaults", "all"],
            AppliesTo: Hvm),
        new("hvm_pirq", KeyValueKind.Boolean, Xl, KeyGroups.HvmParavirtualisation,
            "Allow the guest to receive the interrupts of emulated and passed-through devices through event " +
            "channels. Off by default.",
            [],
            AppliesTo: Hvm),

        new("videoram", KeyValueKind.Integer, Both, KeyGroups.HvmGraphics,
            "Video memory of the emulated graphics card in MiB, which limits resolution and colour depth. Default " +
            "and minimum: 8 for `cirrus`, 16 for `stdvga`, 128 for `qxl` (less is an error).",
            [],
            Unit: "MiB", AppliesTo: Hvm),
        // Read with xlu_cfg_get_long (xl_parse.c:2925), only when vga is absent; non-zero means stdvga.
        new("stdvga", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Deprecated: 1 emulates a standard VGA card with VESA extensions, which offers more video memory and " +
            "higher resolutions than the default Cirrus Logic card. Only read when `vga` is not set.",
            [],
            AppliesTo: Hvm,
            Replacement: "Write `vga = \"stdvga\"` instead of `stdvga = 1`, and `vga = \"cirrus\"` instead of `stdvga = 0`."),
        new("vga", KeyValueKind.String, Xl, KeyGroups.HvmGraphics,
            "Emulated graphics card: `cirrus` (the default), `stdvga`, `qxl` (a paravirtual card meant for SPICE, " +
            "needing a QXL driver in the guest) or `none`. xl stops on other values.",
            ["cirrus", "stdvga", "qxl", "none"],
            AppliesTo: Hvm),
        // Top-level vnc is read with xlu_cfg_get_defbool (xl_parse.c:265) and, for PV guests, xlu_cfg_get_long
        // (xl_parse.c:2887): both only test for non-zero.
        new("vnc", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Offer the guest's display over VNC. On by default for HVM guests. For a PV guest without `vfb`, turning " +
            "it on makes xl add a framebuffer set up from the top-level `vnc*`, `sdl` and `keymap` keys.",
            [],
            AppliesTo: Pv | Hvm),
        new("vnclisten", KeyValueKind.String, Both, KeyGroups.HvmGraphics,
            "Address the VNC server listens on, optionally followed by `:DISPLAY`; 127.0.0.1 by default for HVM " +
            "guests. When it carries a display number, leave out `vncdisplay` (xl stops on an HVM guest with both).",
            [],
            AppliesTo: Pv | Hvm),
        new("vncdisplay", KeyValueKind.Integer, Both, KeyGroups.HvmGraphics,
            "VNC display number; the server listens on TCP port 5900 plus this number.",
            [],
            AppliesTo: Pv | Hvm),
        new("vncunused", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Have the VNC server take the first free port instead of a fixed display; `xl vncviewer` finds it. On by " +
            "default for HVM guests.",
            [],
            AppliesTo: Pv | Hvm),
        new("vncpasswd", KeyValueKind.String, Both, KeyGroups.HvmGraphics,
            "Password of the VNC server; an empty string turns authentication off so anyone may connect. It sits in " +
            "the config file in clear text.",
            [],
            AppliesTo: Pv | Hvm),
        new("keymap", KeyValueKind.String, Both, KeyGroups.HvmGraphics,
            "Keyboard layout QEMU uses for the VNC or SDL display, such as `de`, `fr-ch` or `en-gb`, which matters " +
            "when the client cannot send raw key codes; the layouts depend on the QEMU version. Default `en-us`.",
            [],
            AppliesTo: Pv | Hvm),
        new("sdl", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Show the guest's display in an SDL window on the host's X server. Off by default. For a PV guest it only " +
            "takes effect together with `vnc` (or inside a `vfb` spec).",
            [],
            AppliesTo: Pv | Hvm),
        // Read with the SDL keys (xl_parse.c:277) but not in the manual page.
        new("opengl", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Not in the xl manual page, but read by xl with the other SDL keys: draw the SDL window with OpenGL. Off " +
            "by default.",
            [],
            AppliesTo: Pv | Hvm),
        new("display", KeyValueKind.String, Both, KeyGroups.HvmGraphics,
            "X display for the SDL window, such as `:0`.",
            [],
            AppliesTo: Pv | Hvm),
        new("xauthority", KeyValueKind.String, Both, KeyGroups.HvmGraphics,
            "Path of the X authority file used to connect to the X server for the SDL window.",
            [],
            AppliesTo: Pv | Hvm),
        new("nographic", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "Give the HVM guest no graphics device at all; serial output then goes to stdio unless `serial` says " +
            "otherwise. Off by default.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:1799 reads it only to say it is ignored.
        new("vncviewer", KeyValueKind.Boolean, Both, KeyGroups.HvmGraphics,
            "xm: start a VNC viewer for the guest when it is created. xl reads it only to warn that it ignores it.",
            [],
            AppliesTo: Pv | Hvm,
            Replacement: "Remove it and start the viewer with `xl create -V` or `xl vncviewer DOMAIN`."),

        new("spice", KeyValueKind.Boolean, Xl, KeyGroups.HvmSpice,
            "Offer the guest's display over the SPICE protocol; the other SPICE keys only matter when this is on. " +
            "Off by default.",
            [],
            AppliesTo: Hvm),
        new("spicehost", KeyValueKind.String, Xl, KeyGroups.HvmSpice,
            "Address the SPICE server listens on; every interface when unset.",
            [],
            AppliesTo: Hvm),
        new("spiceport", KeyValueKind.Integer, Xl, KeyGroups.HvmSpice,
            "TCP port of the SPICE server. With SPICE on, `spiceport` or `spicetls_port` must be given.",
            [],
            AppliesTo: Hvm),
        new("spicetls_port", KeyValueKind.Integer, Xl, KeyGroups.HvmSpice,
            "TLS port of the SPICE server. Settings that a TLS connection would need beyond the port are not " +
            "supported.",
            [],
            AppliesTo: Hvm),
        new("spicedisable_ticketing", KeyValueKind.Boolean, Xl, KeyGroups.HvmSpice,
            "Let SPICE clients connect without a password. Off by default, in which case `spicepasswd` must be set.",
            [],
            AppliesTo: Hvm),
        new("spicepasswd", KeyValueKind.String, Xl, KeyGroups.HvmSpice,
            "Password SPICE clients have to give to connect.",
            [],
            AppliesTo: Hvm),
        new("spiceagent_mouse", KeyValueKind.Boolean, Xl, KeyGroups.HvmSpice,
            "Use the SPICE agent for the client mouse mode. On by default.",
            [],
            AppliesTo: Hvm),
        new("spicevdagent", KeyValueKind.Boolean, Xl, KeyGroups.HvmSpice,
            "Open the channel for the SPICE vdagent, which gives client mouse mode, automatic resolution changes and " +
            "copy and paste; the agent must be installed in the guest. Off by default.",
            [],
            AppliesTo: Hvm),
        new("spice_clipboard_sharing", KeyValueKind.Boolean, Xl, KeyGroups.HvmSpice,
            "Share the clipboard between SPICE client and guest; needs `spicevdagent`. Off by default.",
            [],
            AppliesTo: Hvm),
        new("spiceusbredirection", KeyValueKind.Integer, Xl, KeyGroups.HvmSpice,
            "Number of SPICE USB redirection channels, for passing up to 4 USB devices from the client to the guest; " +
            "a USB 2.0 controller is added when none is configured. 0, none, by default.",
            [],
            AppliesTo: Hvm),
        // Passed to QEMU unchecked by xl; the values are those the manual lists.
        new("spice_image_compression", KeyValueKind.String, Xl, KeyGroups.HvmSpice,
            "Image compression SPICE uses; QEMU's own default when unset. xl hands the value to QEMU without checking it.",
            ["auto_glz", "auto_lz", "quic", "glz", "lz", "off"],
            AppliesTo: Hvm),
        new("spice_streaming_video", KeyValueKind.String, Xl, KeyGroups.HvmSpice,
            "Video streaming setting for SPICE; QEMU's own default when unset. xl hands the value to QEMU without " +
            "checking it.",
            ["filter", "all", "off"],
            AppliesTo: Hvm),

        // xl_parse.c:2973: list first; on EINVAL the single-string form (xm's).
        new("serial", KeyValueKind.StringOrList, Both, KeyGroups.HvmMiscHardware,
            "Where the emulated serial ports lead, in QEMU's `-serial` notation (`pty`, `vc`, `stdio`, `null`, " +
            "`none`, `file:PATH`, `tcp:HOST:PORT`, `/dev/ttyS0`, ...): a list sets one port per element, a single " +
            "string (the xm form) the first port. Default `vc`, or `stdio` with `nographic`.",
            [],
            AppliesTo: Hvm),
        // Passed to QEMU unchecked; the corpus has comma-separated combinations ("sb16,es1370"), so no AllowedValues.
        new("soundhw", KeyValueKind.String, Both, KeyGroups.HvmMiscHardware,
            "Emulated sound card for the guest, such as `hda`, `ac97`, `es1370`, `sb16`, `adlib`, `cs4231a` or " +
            "`gus`, whichever the QEMU in use provides. No sound card by default.",
            [],
            AppliesTo: Hvm),
        new("vkb_device", KeyValueKind.Boolean, Xl, KeyGroups.HvmMiscHardware,
            "Give the HVM guest a PV keyboard (vkbd). On by default; only consulted when `vkb` is not set.",
            [],
            AppliesTo: Hvm),
        new("usb", KeyValueKind.Boolean, Both, KeyGroups.HvmMiscHardware,
            "Add an emulated USB bus, which `usbdevice` needs. Not together with `usbversion`. Off by default.",
            [],
            AppliesTo: Hvm),
        new("usbversion", KeyValueKind.Integer, Xl, KeyGroups.HvmMiscHardware,
            "Add an emulated USB controller of this version: 1 (USB 1.1), 2 (USB 2.0) or 3 (USB 3.0); QEMU upstream " +
            "only, and not together with `usb` or `usbdevice`. Default 0, no controller.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:2995: list first; on EINVAL the single-string form (xm's).
        new("usbdevice", KeyValueKind.StringOrList, Both, KeyGroups.HvmMiscHardware,
            "Devices on the emulated USB bus (which needs `usb = 1`): `tablet` gives an absolute pointer that " +
            "behaves well over VNC; `host:VENDOR:PRODUCT` or `host:BUS.ADDR` (no leading zeros) passes a host device " +
            "through. A list is the normal form; a single string (as xm took it) still works.",
            [],
            AppliesTo: Hvm),
        new("vendor_device", KeyValueKind.String, Xl, KeyGroups.HvmMiscHardware,
            "Which variant of QEMU's xen-pvdevice to add: `none` (the default) or `xenserver`, which lets XenServer PV " +
            "drivers install in the guest. QEMU upstream only.",
            ["none", "xenserver"],
            AppliesTo: Hvm, AllowedValuesIgnoreCase: true),
    ];
}
