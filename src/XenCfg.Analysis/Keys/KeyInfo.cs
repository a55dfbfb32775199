using System.Collections.Immutable;

namespace XenCfg.Analysis.Keys;

/// <summary>
/// How xl reads a key's value (tools/xl/xl_parse.c). This decides the "single value but should be a list"
/// warning: xl ignores a key given the wrong shape.
/// </summary>
public enum KeyValueKind
{
    /// <summary>A single string (xlu_cfg_get_string / replace_string). Numbers are accepted too: xl keeps their text.</summary>
    String,

    /// <summary>A single integer (xlu_cfg_get_long / bounded_long): decimal, 0x hex or 0 octal, as C's strtol reads it.</summary>
    Integer,

    /// <summary>An integer read as a boolean (xlu_cfg_get_defbool): 0 is false, anything else true.</summary>
    Boolean,

    /// <summary>A list of strings (xlu_cfg_get_list / get_list_as_string_list).</summary>
    StringList,

    /// <summary>A list of device specification strings with their own syntax (disk, vif, pci, ...).</summary>
    SpecList,

    /// <summary>Either one string or a list of strings (xl tries the list first, e.g. cpus).</summary>
    StringOrList,

    /// <summary>A list of lists (e.g. vnuma).</summary>
    NestedList,
}

/// <summary>Which toolstack reads the key.</summary>
[Flags]
public enum Toolstack
{
    None = 0,
    Xl = 1,
    Xm = 2,
    Both = Xl | Xm,
}

/// <summary>The guest types a key has an effect on.</summary>
[Flags]
public enum GuestTypes
{
    None = 0,
    Pv = 1,
    Pvh = 2,
    Hvm = 4,
    All = Pv | Pvh | Hvm,
}

/// <summary>
/// What we know about one config key: enough for validation, hover, completion and `xcfg explain`.
/// Descriptions are our own words; the facts come from Xen's docs/man/xl.cfg.5.pod.in and tools/xl/xl_parse.c
/// (xl), and from tools/python/xen/xm/create.py before Xen 4.5 (xm).
/// </summary>
/// <param name="Name">The key as written in a config.</param>
/// <param name="Kind">How xl reads the value.</param>
/// <param name="ReadBy">Which toolstacks read the key.</param>
/// <param name="Group">A heading to group keys in documentation and completion (e.g. "Memory", "Devices").</param>
/// <param name="Summary">One paragraph: what the key does, its default, its unit.</param>
/// <param name="AllowedValues">For keys with a fixed set of string values, the values xl accepts; empty otherwise.</param>
/// <param name="Unit">For numbers: the unit ("MiB", "KiB", "seconds", ...), or null.</param>
/// <param name="AppliesTo">Guest types the key has an effect on.</param>
/// <param name="Replacement">For deprecated or xm-only keys: what to write instead under xl, in one sentence; else null.</param>
/// <param name="Minimum">Smallest value xl accepts for an integer key, when it bounds it; else null.</param>
/// <param name="Maximum">Largest value xl accepts for an integer key, when it bounds it; else null.</param>
/// <param name="AllowedValuesIgnoreCase">
/// Whether xl matches <paramref name="AllowedValues"/> ignoring case. libxl's enum parsers (bios, hdtype, tsc_mode,
/// ...) use strcasecmp, so <c>bios = "SeaBIOS"</c> is accepted; xl's own checks (type, vga, on_*) are exact.
/// </param>
public sealed record KeyInfo(
    string Name,
    KeyValueKind Kind,
    Toolstack ReadBy,
    string Group,
    string Summary,
    ImmutableArray<string> AllowedValues,
    string? Unit = null,
    GuestTypes AppliesTo = GuestTypes.All,
    string? Replacement = null,
    long? Minimum = null,
    long? Maximum = null,
    bool AllowedValuesIgnoreCase = false)
{
    public bool IsXmOnly => ReadBy == Toolstack.Xm;

    public bool IsList => Kind is KeyValueKind.StringList or KeyValueKind.SpecList or KeyValueKind.NestedList;
}
