using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Provisioning.Planning;

/// <summary>What the plan does with a resource: <c>+</c> create, <c>=</c> leave (it exists and matches), <c>!</c> refuse.</summary>
public enum PlanAction
{
    Create,
    Unchanged,
    Refused,
}

/// <summary>The kinds of resource, in the order a run creates them.</summary>
public enum ResourceKind
{
    /// <summary>A config the provisioner cannot read (its refusal stands for all it asks).</summary>
    Config,
    Image,
    Volume,
    Filesystem,
    Snapshot,
    Directory,
    Export,
    ExportActivation,
}

/// <summary>One change a step makes. Steps are data, so the same plan is run, written as a script, or printed as JSON.</summary>
public abstract record PlanStep;

/// <summary>Runs a program with this argument vector (no shell).</summary>
public sealed record RunStep(IReadOnlyList<string> Argv) : PlanStep;

/// <summary>Creates a sparse file exclusively, mode 0600, and sets its length: no block is written.</summary>
public sealed record CreateSparseFileStep(string Path, long Length) : PlanStep;

/// <summary>Creates one directory (mode 0755); fails when it exists.</summary>
public sealed record CreateDirectoryStep(string Path) : PlanStep;

/// <summary>Creates a file with this content exclusively (mode 0644).</summary>
public sealed record WriteFileStep(string Path, string Content) : PlanStep;

/// <summary>
/// A condition checked just before a resource is created (by the executor, and by the generated script's guards):
/// if it does not hold, the run stops instead of overwriting anything.
/// </summary>
public abstract record PlanGuard(string Message);

/// <summary>Nothing exists at the path (not even a dangling symbolic link).</summary>
public sealed record PathAbsentGuard(string Path) : PlanGuard($"{Path} exists");

/// <summary>The path is a directory.</summary>
public sealed record DirectoryExistsGuard(string Path) : PlanGuard($"{Path} is not a directory");

/// <summary>The first Length bytes are all zero (so there is neither a signature nor data).</summary>
public sealed record AllZeroGuard(string Path, long Length) : PlanGuard($"{Path} is not blank");

/// <summary>The file is not attached to a loop device.</summary>
public sealed record NotLoopAttachedGuard(string Path) : PlanGuard($"{Path} is attached to a loop device");

/// <summary>The logical volume does not exist.</summary>
public sealed record VolumeAbsentGuard(string VolumeGroup, string Volume) : PlanGuard($"logical volume {VolumeGroup}/{Volume} exists");

/// <summary>The logical volume exists.</summary>
public sealed record VolumeExistsGuard(string VolumeGroup, string Volume) : PlanGuard($"logical volume {VolumeGroup}/{Volume} does not exist");

/// <summary>Where a resource comes from: the config file, the domain, and the annotated syntax.</summary>
/// <param name="ConfigPath">The config file.</param>
/// <param name="Domain">The domain's name, when it has one.</param>
/// <param name="What">What in the config: a disk's vdev, or "NFS root".</param>
/// <param name="Span">The annotated element (a disk entry or the NFS root setting).</param>
/// <param name="Line">The 1-based line of <paramref name="Span"/>.</param>
public sealed record ResourceOrigin(string ConfigPath, string? Domain, string What, TextSpan Span, int Line);

/// <summary>The whole plan of a run: every resource in the order it would be created, and notes for the reader.</summary>
public sealed class ProvisioningPlan
{
    internal ProvisioningPlan(IReadOnlyList<string> configs, IReadOnlyList<PlannedResource> resources, IReadOnlyList<string> notes)
    {
        Configs = configs;
        Resources = resources;
        Notes = notes;
    }

    /// <summary>The config files of the run, in the order given.</summary>
    public IReadOnlyList<string> Configs { get; }

    public IReadOnlyList<PlannedResource> Resources { get; }

    /// <summary>Things worth knowing that change nothing (disks without an annotation, populate on an existing file system).</summary>
    public IReadOnlyList<string> Notes { get; }

    public int ToCreate => Resources.Count(resource => resource.Action == PlanAction.Create);

    public int Unchanged => Resources.Count(resource => resource.Action == PlanAction.Unchanged);

    public int Refused => Resources.Count(resource => resource.Action == PlanAction.Refused);

    /// <summary>Terraform's summary line: "Plan: 3 to create, 1 unchanged, 0 refused."</summary>
    public string Summary => $"Plan: {ToCreate} to create, {Unchanged} unchanged, {Refused} refused.";
}
