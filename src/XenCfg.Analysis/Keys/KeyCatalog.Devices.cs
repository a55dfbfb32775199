using static XenCfg.Analysis.Keys.GuestTypes;
using static XenCfg.Analysis.Keys.Toolstack;

namespace XenCfg.Analysis.Keys;

// The Devices section of xl.cfg(5). Device lists are read with xlu_cfg_get_list (a single string is ignored with
// "a single value but should be a list"); the strings have their own syntax, hence SpecList.
public static partial class KeyCatalog
{
    private static IEnumerable<KeyInfo> DeviceKeys() =>
    [
        new("disk", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "The guest's disks, one spec string per disk (xl-disk-configuration(5)): positional " +
            "`target,format,vdev,access` or `key=value` items, e.g. `'phy:/dev/vg/vm1,xvda,w'` or " +
            "`'/srv/vm1.img,raw,xvda,rw'`. Given as a single string instead of a list, xl ignores it and the guest has " +
            "no disks. xm took the access modes `r`, `w` and `w!`; xl takes `r`/`ro` and `w`/`rw`.",
            []),
        new("vif", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "The guest's network interfaces, one spec string per NIC made of comma-separated `key=value` items " +
            "(xl-network-configuration(5)): `mac`, `bridge`, `type`, `model`, `vifname`, `script`, `ip`, `rate`, " +
            "`backend`, `mtu`, ... The empty string `''` is a NIC with every default. Without `mac` a new random " +
            "address is made at each start.",
            []),
        // xl_parse.c:2613 reads it only to print a deprecation warning.
        new("vif2", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "xm's netchannel2 network interfaces. xl looks at the key only to warn that netchannel2 is deprecated and " +
            "unsupported; no interface is created.",
            [],
            Replacement: "Describe the interfaces with `vif` entries; netchannel2 no longer exists."),
        new("vtpm", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "Virtual TPMs, one spec string each: `backend=` names the vTPM domain (required; in a vTPM domain's own " +
            "config, the vTPM manager) and `uuid=` identifies the device (random at every boot if left out; give one " +
            "for vTPM domains). xm's form with `instance=` and `type=` belonged to the vTPM design dropped in Xen 4.3.",
            []),
        new("p9", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "9pfs file-system shares from a backend to the guest, one spec each: `tag=` (the name the guest mounts), " +
            "`path=` (directory on the backend), `security_model=none`, `backend=`, and `type=` (`qemu` by default, " +
            "or `xen_9pfsd`, which also takes `max-files`, `max-open-files`, `max-space` and `auto-delete`).",
            []),
        new("pvcalls", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "PV Calls connections, which hand the guest's socket calls to a backend domain as an alternative to a " +
            "virtual NIC; each entry is `backend=DOMAIN`.",
            []),
        new("vfb", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "Paravirtual framebuffers, each with a virtual keyboard, one spec of `key=value` items each: `vnc`, " +
            "`vnclisten`, `vncdisplay`, `vncunused`, `vncpasswd`, `sdl`, `display`, `xauthority`, `keymap`. This is not " +
            "the emulated HVM graphics card. A PV guest with no `vfb` gets one from the top-level `vnc` keys when " +
            "`vnc` is on.",
            []),
        new("channel", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "Virtual channels, byte streams for talking to agents in the guest, one spec each: `name=` (required; a " +
            "well-known name such as `org.example.agent.1`), `connection=pty` or `connection=socket` with `path=` for " +
            "the Unix socket, and optionally `backend=`. xl stops on a channel without a known connection type.",
            []),
        new("rdm", KeyValueKind.String, Xl, KeyGroups.Devices,
            "x86 HVM: how to treat Reserved Device Memory for device passthrough, as `strategy=host,policy=strict` or " +
            "`...,policy=relaxed`. `strategy=host` reserves every RDM region of the host in the guest; `policy` says " +
            "whether a conflict fails the creation (`strict`) or only warns (`relaxed`). A device's `rdm_policy` in " +
            "`pci` overrides it.",
            [],
            AppliesTo: Hvm),
        new("usbctrl", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "USB controllers, one spec each: `type=` (`auto`, the default, `pv`, `qusb` or `devicemodel`), `version=` " +
            "(1, 2 by default, or 3 for `devicemodel` only) and `ports=` (8 by default, at most 31; emulated USB 1.1 " +
            "and 2.0 controllers always have 2 and 6, USB 3.0 up to 15).",
            []),
        new("usbdev", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "Host USB devices attached at boot, one spec each: `type=hostdev`, `hostbus=` and `hostaddr=` (as lsusb " +
            "shows them), optionally `controller=` and `port=`; without a controller xl takes a free port or adds a " +
            "controller.",
            []),
        new("pci", KeyValueKind.SpecList, Both, KeyGroups.Devices,
            "Host PCI devices passed through to the guest, one spec each starting with the device address, e.g. " +
            "`'0000:03:00.0,permissive=1'` (xl-pci-configuration(5)). A PV guest with devices gets `e820_host` turned " +
            "on. xm's specs were `BUS:DEV.FUNC` with `msitranslate` and `power_mgmt` options.",
            []),
        // The four pci_* keys are read with xlu_cfg_get_long (xl_parse.c:1692-1702) and stored in boolean fields.
        new("pci_permissive", KeyValueKind.Boolean, Xl, KeyGroups.Devices,
            "Default `permissive` setting for every passed-through PCI device, which lets the guest write " +
            "configuration registers that pciback would otherwise block. Default 0.",
            []),
        new("pci_msitranslate", KeyValueKind.Boolean, Both, KeyGroups.Devices,
            "Default `msitranslate` setting for every passed-through PCI device (translation between MSI and INTx " +
            "interrupts). Default 0 under xl; xm's default was 1.",
            []),
        new("pci_seize", KeyValueKind.Boolean, Xl, KeyGroups.Devices,
            "Default `seize` setting for every passed-through PCI device: let xl take the device away from its host " +
            "driver and give it to pciback. Default 0.",
            []),
        new("pci_power_mgmt", KeyValueKind.Boolean, Both, KeyGroups.Devices,
            "HVM: default `power_mgmt` setting for every passed-through PCI device, which lets the guest put the " +
            "device in power states D0 to D3hot. Default 0.",
            [],
            AppliesTo: Hvm),
        // xl_parse.c:2961 tries xlu_cfg_get_long first (any number: off when 0, on otherwise), then the kind names
        // through libxl_gfx_passthru_kind_from_string (case-insensitive).
        new("gfx_passthru", KeyValueKind.String, Both, KeyGroups.Devices,
            "HVM: make a passed-through graphics card the guest's primary display: QEMU's emulated adapter goes away " +
            "and the card's own video BIOS runs in the guest. `0` is off, `1` or `default` on with the card type " +
            "detected, `igd` forces Intel integrated graphics. The card itself is still listed in `pci`, for one guest " +
            "at a time.",
            ["0", "1", "default", "igd"],
            AppliesTo: Hvm, AllowedValuesIgnoreCase: true),
        new("rdm_mem_boundary", KeyValueKind.Integer, Xl, KeyGroups.Devices,
            "HVM: boundary in MiB used when Reserved Device Memory overlaps guest RAM: above it the RAM is moved " +
            "below the reserved region, below it the `rdm` policy decides. Default 2048.",
            [],
            Unit: "MiB", AppliesTo: Hvm),
        new("dtdev", KeyValueKind.StringList, Xl, KeyGroups.Devices,
            "Arm: absolute paths of host device-tree nodes whose devices are passed through to the guest.",
            []),
        new("ioports", KeyValueKind.StringList, Both, KeyGroups.Devices,
            "Legacy x86 I/O ports the guest may access, each a hexadecimal port or an inclusive range such as " +
            "`2f8-2ff`. Only for trusted guests.",
            []),
        new("iomem", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "Host memory pages an auto-translated guest may map, each `START,COUNT[@GFN]` in hexadecimal page " +
            "numbers; without `@GFN` the pages appear at the same address in the guest. The IOMMU is not told, so not " +
            "for devices behind an IOMMU. Only for trusted guests.",
            []),
        new("irqs", KeyValueKind.StringList, Xl, KeyGroups.Devices,
            "Physical interrupt numbers the guest may use, e.g. `[ 7, 11 ]`. Only for trusted guests. On Arm, IRQ 32 " +
            "belongs to the vuart console when it is on. xm called this `irq`.",
            []),
        new("max_event_channels", KeyValueKind.Integer, Xl, KeyGroups.Devices,
            "Most event channels (PV interrupts) the guest may use; each costs hypervisor memory. Default 1023. " +
            "Guests with the FIFO event-channel ABI can use up to 131071; others are limited to 4095, or 1023 on " +
            "32-bit x86.",
            []),
        new("vdispl", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "PV display devices, one spec each: `backend=`, `be-alloc=` (the backend allocates the buffers) and " +
            "`connectors=` as `ID:WIDTHxHEIGHT;ID:WIDTHxHEIGHT...`.",
            []),
        new("dm_restrict", KeyValueKind.Boolean, Xl, KeyGroups.Devices,
            "Drop QEMU's privileges once it has started, limiting what a flaw in QEMU could do. Needs a dedicated " +
            "user per domain (see `device_model_user`) and recent QEMU and Linux; a technology preview.",
            []),
        new("device_model_user", KeyValueKind.String, Xl, KeyGroups.Devices,
            "User QEMU runs as when `dm_restrict` is on; every domain needs a user of its own.",
            []),
        new("vsnd", KeyValueKind.NestedList, Xl, KeyGroups.Devices,
            "PV sound cards: one inner list per card, whose strings start with `CARD`, `PCM` or `STREAM` followed by " +
            "`key=value` parameters such as `short-name`, `long-name`, `name`, `unique-id`, `type=p|c`, `sample-rates`, " +
            "`sample-formats`, `channels-min`, `channels-max`, `buffer-size`, `backend`. Each level may narrow the " +
            "ranges of the level above.",
            []),
        new("vkb", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "PV input devices, one spec each: `backend=`, `backend-type=qemu|linux`, `unique-id=`, the switches " +
            "`feature-disable-keyboard`, `feature-disable-pointer`, `feature-abs-pointer`, `feature-raw-pointer`, " +
            "`feature-multi-touch`, and the sizes `width`, `height`, `multi-touch-width`, `multi-touch-height`, " +
            "`multi-touch-num-contacts`.",
            []),
        new("virtio", KeyValueKind.SpecList, Xl, KeyGroups.Devices,
            "Virtio devices, one spec each: `type=` (the device-tree compatible string, `virtio,device` or " +
            "`virtio,device` plus the device ID in lower-case hex, e.g. `virtio,device22` for I2C; the one value that " +
            "may contain a comma), `transport=mmio`, `backend=` and `grant_usage=` (by default grants are used when " +
            "the backend is not dom0).",
            []),
        new("tee", KeyValueKind.String, Xl, KeyGroups.Devices,
            "Arm: access to a Trusted Execution Environment: `none` (the default), `optee` (OP-TEE, mediated by Xen; " +
            "needs a virtualization-aware OP-TEE) or `ffa` (FF-A messaging with secure partitions). Both are " +
            "technology previews.",
            ["none", "optee", "ffa"],
            AllowedValuesIgnoreCase: true),
    ];
}
