using System.Collections.Frozen;

namespace XenCfg.Analysis.Rules;

/// <summary>
/// What a rule's findings are about, which decides how much of it an edit runs again (see <see cref="RuleRunner"/>).
/// Every rule declares it (<see cref="ConfigRule.Scope"/>); a whole-file analysis (lint) runs every rule on everything
/// either way.
/// </summary>
public enum RuleScope
{
    /// <summary>
    /// Each assignment's findings depend on that assignment alone (and on the file's kind): after an edit only the
    /// assignments it replaced are checked again. Such a rule is an <see cref="AssignmentRule"/>.
    /// </summary>
    Assignment,

    /// <summary>
    /// Each key's findings depend on the assignments of that key alone (and on the file's kind): after an edit only the
    /// keys whose assignments it touched, in the ways the rule reads (<see cref="ConfigRule.Reads"/>), are checked again.
    /// Such a rule is a <see cref="KeyRule"/>.
    /// </summary>
    Key,

    /// <summary>
    /// The findings are about the whole file: after an edit the rule runs again when anything it reads
    /// (<see cref="ConfigRule.Reads"/> of <see cref="ConfigRule.Keys"/>) may have changed.
    /// </summary>
    File,
}

/// <summary>What a key or file rule reads of the assignments in its scope.</summary>
[Flags]
public enum RuleReads
{
    None = 0,

    /// <summary>The values assigned (and whether each is one xl holds).</summary>
    Values = 1,

    /// <summary>Where the assignments are and which operator each has ('=' or '+='), not what they assign.</summary>
    Placement = 2,

    /// <summary>Which keys are set at all, in the order they first appear (any key, not only <see cref="ConfigRule.Keys"/>).</summary>
    KeyOrder = 4,

    /// <summary>Line numbers (the rule's messages name them, so a line added above moves them).</summary>
    Lines = 8,

    /// <summary>Comments (annotations, suppressions).</summary>
    Comments = 16,

    Everything = Values | Placement | KeyOrder | Lines | Comments,
}

/// <summary>Sets of keys rules read, named once.</summary>
public static class RuleKeys
{
    /// <summary>What <see cref="Model.DomainInfo"/> reads.</summary>
    public static FrozenSet<string> Domain { get; } = Of("name", "type", "builder", "memory", "maxmem", "vcpus", "maxvcpus");

    /// <summary>What <see cref="Model.BootSettings"/> reads.</summary>
    public static FrozenSet<string> Boot { get; } = Of(
        "kernel", "ramdisk", "bootloader", "root", "extra", "cmdline", "ip", "netmask", "gateway", "hostname", "interface", "dhcp", "nfs_server", "nfs_root");

    /// <summary>What decides the guest's type (<see cref="Model.DomainInfo.Type"/>).</summary>
    public static FrozenSet<string> GuestType { get; } = Of("type", "builder");

    public static FrozenSet<string> Of(params IEnumerable<string>[] sets) => sets.SelectMany(set => set).ToFrozenSet(StringComparer.Ordinal);

    public static FrozenSet<string> Of(params string[] keys) => keys.ToFrozenSet(StringComparer.Ordinal);
}
