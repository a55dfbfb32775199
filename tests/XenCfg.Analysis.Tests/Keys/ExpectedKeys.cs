namespace XenCfg.Analysis.Tests.Keys;

/// <summary>
/// The key names each toolstack reads, written down once from the sources so that the catalogue cannot lose or
/// gain a key unnoticed. With Xen's sources present (../shared/xen-sources), <see cref="KeyCatalogSourceTests"/>
/// re-derives them.
/// </summary>
internal static class ExpectedKeys
{
    /// <summary>
    /// Every name tools/xl/xl_parse.c (Xen c447b7308b) passes to an xlu_cfg_* reader in parse_config_data and its
    /// helpers, plus device_model_args_pv/_hvm, which a macro builds by pasting a suffix on device_model_args.
    /// </summary>
    public static readonly string[] Xl =
    [
        "acpi", "acpi_firmware", "acpi_laptop_slate", "acpi_s3", "acpi_s4", "altp2m", "altp2m_count", "altp2mhvm",
        "apic", "arm_sci", "bios", "bios_path_override", "boot", "bootloader", "bootloader_args", "bootloader_restrict",
        "bootloader_user", "builder", "cap", "channel", "cmdline", "cpu_weight", "cpuid", "cpus",
        "cpus_soft", "device_model", "device_model_args", "device_model_args_hvm", "device_model_args_pv",
        "device_model_override", "device_model_stubdomain_override", "device_model_stubdomain_seclabel",
        "device_model_user", "device_model_version", "device_tree", "disk", "display", "dm_restrict", "driver_domain",
        "dtdev", "e820_host", "extra", "extratime", "firmware", "firmware_override", "gfx_passthru", "gic_version",
        "hap", "hdtype", "hpet", "hvm_pirq", "init_seclabel", "iomem", "ioports", "irqs", "kernel",
        "keymap", "latency", "llc_colors", "localtime", "max_event_channels", "max_grant_frames", "max_grant_version",
        "max_maptrack_frames", "maxmem", "maxvcpus", "mca_caps", "memory", "mmio_hole", "ms_vm_genid", "msr_relaxed",
        "name", "nestedhvm", "nographic", "nomigrate", "nr_spis", "nx", "on_crash", "on_poweroff", "on_reboot",
        "on_soft_reset", "on_watchdog", "oos", "opengl", "p9", "pae", "passthrough", "pci",
        "pci_msitranslate", "pci_permissive", "pci_power_mgmt", "pci_seize", "period", "pool", "pvcalls", "pvshim",
        "pvshim_cmdline", "pvshim_extra", "pvshim_path", "ramdisk", "rdm", "rdm_mem_boundary", "root",
        "rtc_timeoffset", "sdl", "seclabel", "serial", "shadow_memory", "slice", "smbios", "smbios_firmware",
        "soundhw", "spice", "spice_clipboard_sharing", "spice_image_compression", "spice_streaming_video",
        "spiceagent_mouse", "spicedisable_ticketing", "spicehost", "spicepasswd", "spiceport", "spicetls_port",
        "spiceusbredirection", "spicevdagent", "stdvga", "stubdomain_cmdline", "stubdomain_kernel",
        "stubdomain_memory", "stubdomain_ramdisk", "sve", "tee", "timer_mode", "trap_unmapped_accesses", "tsc_mode",
        "type", "usb", "usbctrl", "usbdev", "usbdevice", "usbversion", "uuid", "vcpus", "vdispl", "vendor_device",
        "vfb", "vga", "videoram", "vif", "vif2", "viridian", "virtio", "vkb", "vkb_device", "vmtrace_buf_kb", "vnc",
        "vncdisplay", "vnclisten", "vncpasswd", "vncunused", "vncviewer", "vnuma", "vpmu", "vpt_align", "vsnd", "vtpm",
        "vuart", "xauthority", "xen_platform_pci", "xen_platform_pci_bar_uc", "xend_suspend_evtchn_compat",
        "xenstore_feature_mask", "xenstore_quota",
    ];

    /// <summary>
    /// Every name xm read: the gopts.var options of tools/python/xen/xm/create.py in Xen 4.4 (9e8672f1c3^), maxvcpus
    /// and xen_extended_power_mgmt (read from the script's variables without an option), vtpm and tpmif (until
    /// Xen 4.2), and the Xen 3.0.x options later dropped: cdrom, ipaddr, lapic, ne2000, ssidref, audio, usbport.
    /// </summary>
    public static readonly string[] Xm =
    [
        "access_control", "acpi", "apic", "audio", "blkif", "boot", "bootargs", "bootentry",
        "bootloader", "builder", "cdrom", "cpu", "cpu_cap", "cpu_weight", "cpuid", "cpuid_check",
        "cpus", "description", "device_model", "dhcp", "disk", "display", "extra", "fda",
        "fdb", "features", "gateway", "gfx_passthru", "guest_os_type", "hap", "hostname", "hpet",
        "interface", "ioports", "ip", "ipaddr", "irq", "isa", "kernel", "keymap",
        "lapic", "loader", "localtime", "machine_address_size", "maxmem", "maxvcpus", "memory", "memory_sharing",
        "monitor", "monitor_path", "name", "ne2000", "nestedhvm", "netif", "netmask", "nfs_root",
        "nfs_server", "nics", "nographic", "nomigrate", "on_crash", "on_poweroff", "on_reboot", "on_xend_start",
        "on_xend_stop", "oos", "opengl", "pae", "parallel", "pci", "pci_msitranslate", "pci_power_mgmt",
        "pool", "ramdisk", "restart", "root", "rtc_timeoffset", "s3_integrity", "sdl", "serial",
        "shadow_memory", "soundhw", "ssidref", "stdvga", "superpages", "suppress_spurious_page_faults", "target",
        "timer_mode", "tpmif", "tsc_mode", "usb", "usbdevice", "usbport", "uuid", "vcpu_avail", "vcpus",
        "vfb", "vhpt", "videoram", "vif", "vif2", "viridian", "vnc", "vncconsole",
        "vncdisplay", "vnclisten", "vncpasswd", "vncunused", "vncviewer", "vpt_align", "vscsi", "vtpm",
        "vusb", "xauthority", "xen_extended_power_mgmt", "xen_platform_pci",
    ];

    /// <summary>Keys xl still reads but that are deprecated, ignored or without effect: each needs a Replacement.</summary>
    public static readonly string[] DeprecatedUnderXl =
        ["builder", "device_model", "vif2", "vncviewer", "stdvga", "altp2mhvm", "slice", "latency"];

    /// <summary>Keys whose value xl checks against a fixed set (or the manual fixes it): each needs AllowedValues.</summary>
    public static readonly string[] Enumerated =
    [
        "type", "builder", "on_poweroff", "on_reboot", "on_watchdog", "on_crash", "on_soft_reset", "passthrough",
        "hdtype", "bios", "altp2m", "ms_vm_genid", "tsc_mode", "timer_mode", "viridian", "vga", "gfx_passthru",
        "spice_image_compression", "spice_streaming_video", "vendor_device", "device_model_version", "gic_version",
        "vuart", "sve", "tee", "mca_caps", "dhcp", "restart", "on_xend_start", "on_xend_stop",
    ];
}
