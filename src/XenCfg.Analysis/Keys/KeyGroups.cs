using System.Collections.Immutable;

namespace XenCfg.Analysis.Keys;

/// <summary>
/// The headings keys are grouped under: the sections of Xen's xl.cfg(5) manual page, in its order, then "xm only"
/// for keys that only the legacy xm toolstack read.
/// </summary>
public static class KeyGroups
{
    public const string Mandatory = "Mandatory Configuration Items";
    public const string GuestType = "Selecting Guest Type";
    public const string CpuAllocation = "CPU Allocation";
    public const string CpuScheduling = "CPU Scheduling";
    public const string Memory = "Memory Allocation";
    public const string VirtualNuma = "Guest Virtual NUMA Configuration";
    public const string EventActions = "Event Actions";
    public const string DirectKernelBoot = "Direct Kernel Boot";
    public const string NonDirectKernelBoot = "Non-direct Kernel Boot";
    public const string Other = "Other Options";
    public const string Xenstore = "Xenstore related settings";
    public const string Devices = "Devices";
    public const string PvGuest = "Paravirtualised (PV) Guest Specific Options";
    public const string HvmBootDevice = "Boot Device";
    public const string HvmDiskController = "Emulated disk controller type";
    public const string Paging = "Paging";
    public const string HvmPlatform = "Processor and Platform Features";
    public const string HvmTime = "Guest Virtual Time Controls";
    public const string HvmMemoryLayout = "Memory layout";
    public const string HvmParavirtualisation = "Support for Paravirtualisation of HVM Guests";
    public const string HvmGraphics = "Emulated VGA Graphics Device";
    public const string HvmSpice = "Spice Graphics Support";
    public const string HvmMiscHardware = "Miscellaneous Emulated Hardware";
    public const string DeviceModel = "Device-Model Options";
    public const string Arm = "Architecture Specific options: ARM";
    public const string X86 = "Architecture Specific options: x86";
    public const string XmOnly = "xm only";

    /// <summary>Every group, in the order documentation and completion should show them.</summary>
    public static ImmutableArray<string> Ordered { get; } =
    [
        Mandatory, GuestType, CpuAllocation, CpuScheduling, Memory, VirtualNuma, EventActions, DirectKernelBoot,
        NonDirectKernelBoot, Other, Xenstore, Devices, PvGuest, HvmBootDevice, HvmDiskController, Paging, HvmPlatform,
        HvmTime, HvmMemoryLayout, HvmParavirtualisation, HvmGraphics, HvmSpice, HvmMiscHardware, DeviceModel, Arm,
        X86, XmOnly,
    ];
}
