using XenCfg.Analysis.Provisioning;
using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Planning;

/// <summary>A raw image file, created sparse: exclusively, mode 0600, its length set without writing a block.</summary>
public sealed class ImageResource : PlannedResource
{
    internal ImageResource(ResourceOrigin origin, string path, string realPath, long length)
        : base(origin)
    {
        Path = path;
        RealPath = realPath;
        Length = length;
    }

    public string Path { get; }

    /// <summary>The image's path with the symbolic links of its directories resolved: one image named two ways is one image.</summary>
    public string RealPath { get; }

    public long Length { get; }

    public override ResourceKind Kind => ResourceKind.Image;

    public override string Label => "image";

    public override string Target => Path;

    public override string Description => $"{Size(Length)} sparse file, mode 0600";

    public override IReadOnlyList<PlanGuard> Guards => [new DirectoryExistsGuard(Directory), new PathAbsentGuard(Path)];

    public override IReadOnlyList<PlanStep> Steps => [new CreateSparseFileStep(Path, Length)];

    /// <summary>The directory the image goes into.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? "/";

    internal override string Identity => $"{Kind}:{RealPath}";

    internal override bool SameIntent(PlannedResource other) => other is ImageResource image && image.Length == Length;

    internal override bool Untouched(HostTools host) => host.Files.Stat(Path) is null;

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        var status = files.Stat(Path);
        if (status is null)
        {
            if (files.Stat(Directory, followLinks: true) is not { Kind: FileKind.Directory })
            {
                Refuse($"the directory {Directory} does not exist; create it first");
            }

            return;
        }

        switch (status.Kind)
        {
            case FileKind.SymbolicLink:
                Refuse($"{Path} is a symbolic link; name the file itself in the config");
                break;
            case not FileKind.Regular:
                Refuse($"{Path} exists and is not a regular file ({Describe(status.Kind)})");
                break;
            case FileKind.Regular when status.Size != Length:
                Refuse($"{Path} exists with {status.Size} bytes ({Size(status.Size)}), the annotation says {Length} ({Size(Length)}): an image is never resized");
                break;
            default:
                KeepAsIs($"exists, {Size(status.Size)}");
                break;
        }
    }

    internal override string? Recheck(HostTools host)
    {
        if (host.Files.Stat(Path) is not null)
        {
            return $"{Path} appeared since the plan was made";
        }

        if (host.Files.Stat(Directory, followLinks: true) is not { Kind: FileKind.Directory })
        {
            return $"the directory {Directory} is gone";
        }

        var available = host.Files.AvailableBytes(Directory);
        return available < Length ? $"{Directory} has only {Size(available)} available, the image is {Size(Length)}" : null;
    }

    internal override string Verify(HostTools host)
    {
        var status = host.Files.Stat(Path) ?? throw new VerificationException($"{Path} does not exist");
        if (status.Kind != FileKind.Regular || status.Size != Length)
        {
            throw new VerificationException($"{Path} is not a regular file of {Length} bytes");
        }

        if (status.AllocatedBlocks != 0)
        {
            throw new VerificationException($"{Path} has {status.AllocatedBlocks} blocks allocated; a new sparse image has none");
        }

        if (status.Mode != 0b110_000_000)
        {
            throw new VerificationException($"{Path} has mode {Convert.ToString(status.Mode, 8)}, not 600");
        }

        return $"regular file, {Length} bytes, 0 blocks allocated, mode 0600";
    }

    internal static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.BlockDevice => "a block device",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Regular => "a regular file",
        _ => "a special file",
    };
}

/// <summary>An LVM logical volume: <c>lvcreate -L SIZE -n NAME VG</c>.</summary>
public sealed class VolumeResource : PlannedResource
{
    internal VolumeResource(ResourceOrigin origin, string volumeGroup, string volume, long length)
        : base(origin)
    {
        VolumeGroup = volumeGroup;
        Volume = volume;
        Length = length;
    }

    public string VolumeGroup { get; }

    public string Volume { get; }

    /// <summary>The size asked for (LVM rounds it up to whole extents).</summary>
    public long Length { get; }

    /// <summary>The extents it takes, once the volume group is known.</summary>
    public long? Extents { get; private set; }

    /// <summary>The size LVM will give it (whole extents), once the volume group is known.</summary>
    public long? RoundedLength { get; private set; }

    public override ResourceKind Kind => ResourceKind.Volume;

    public override string Label => "volume";

    public override string Target => $"{VolumeGroup}/{Volume}";

    public string DevicePath => $"/dev/{VolumeGroup}/{Volume}";

    public override string Description => RoundedLength is { } rounded && rounded != Length
        ? $"{Size(Length)}, rounded up to {Size(rounded)} ({Extents} extents)"
        : Extents is { } extents ? $"{Size(Length)} ({extents} extents)" : Size(Length);

    public override IReadOnlyList<PlanGuard> Guards => [new VolumeAbsentGuard(VolumeGroup, Volume)];

    /// <summary>
    /// <c>--yes -W y -Z y</c>: wipe any old signature and zero the start of the new volume without asking (lvcreate
    /// would otherwise prompt, and with no terminal give up).
    /// </summary>
    public override IReadOnlyList<PlanStep> Steps =>
        [new RunStep(["lvcreate", "--yes", "-W", "y", "-Z", "y", "-L", Size(Length), "-n", Volume, VolumeGroup])];

    internal override bool SameIntent(PlannedResource other) => other is VolumeResource volume && volume.Length == Length;

    internal override void Probe(PlanContext context)
    {
        var group = context.VolumeGroups.FirstOrDefault(candidate => candidate.Name == VolumeGroup);
        if (group is null)
        {
            Refuse($"the volume group {VolumeGroup} does not exist (vgs)");
            return;
        }

        Extents = group.ExtentsFor(Length);
        if (TooLarge(group, Length) is { } tooLarge)
        {
            Refuse(tooLarge);
            return;
        }

        RoundedLength = group.BytesOf(Extents.Value);
        var existing = context.LogicalVolumes.FirstOrDefault(volume => volume.VolumeGroup == VolumeGroup && volume.Name == Volume);
        if (existing is null)
        {
            return;
        }

        if (existing.Origin is { } origin)
        {
            Refuse($"{Target} exists as a snapshot of {VolumeGroup}/{origin}; the annotation asks for a plain volume");
        }
        else if (existing.Size != RoundedLength)
        {
            Refuse($"{Target} exists with {Size(existing.Size)}, the annotation asks for {Size(Length)} ({Size(RoundedLength!.Value)} in whole extents): a volume is never resized");
        }
        else
        {
            KeepAsIs($"exists, {Size(existing.Size)}");
        }
    }

    internal override string? Recheck(HostTools host)
    {
        if (host.LogicalVolumes().Any(volume => volume.VolumeGroup == VolumeGroup && volume.Name == Volume))
        {
            return $"{Target} appeared since the plan was made";
        }

        return RoomInGroup(host, VolumeGroup, Length);
    }

    internal static string? RoomInGroup(HostTools host, string volumeGroup, long length)
    {
        var group = host.VolumeGroups().FirstOrDefault(candidate => candidate.Name == volumeGroup);
        if (group is null)
        {
            return $"the volume group {volumeGroup} is gone";
        }

        var extents = group.ExtentsFor(length);
        return group.FreeExtents < extents ? $"the volume group {volumeGroup} has {group.FreeExtents} free extents now, {extents} are needed" : null;
    }

    /// <summary>Why LVM cannot make a volume of <paramref name="length"/> bytes in this group (more extents than it counts), or null.</summary>
    internal static string? TooLarge(VolumeGroupInfo group, long length)
    {
        var extents = group.ExtentsFor(length);
        if (extents <= VolumeGroupInfo.MaxVolumeExtents)
        {
            return null;
        }

        var limit = group.BytesOf(VolumeGroupInfo.MaxVolumeExtents) is { } bytes ? $" ({Size(bytes)} with extents of {Size(group.ExtentSize)})" : string.Empty;
        return $"{Size(length)} is {extents} extents of {Size(group.ExtentSize)}: LVM makes a volume of at most {VolumeGroupInfo.MaxVolumeExtents} extents{limit}";
    }

    internal static bool VolumeAbsent(HostTools host, string volumeGroup, string volume) =>
        !host.LogicalVolumes().Any(candidate => candidate.VolumeGroup == volumeGroup && candidate.Name == volume);

    internal override string Verify(HostTools host)
    {
        var volume = host.LogicalVolumes().FirstOrDefault(candidate => candidate.VolumeGroup == VolumeGroup && candidate.Name == Volume)
            ?? throw new VerificationException($"lvs does not show {Target}");
        if (RoundedLength is { } rounded && volume.Size != rounded)
        {
            throw new VerificationException($"lvs shows {Target} with {volume.Size} bytes, not {rounded}");
        }

        return $"lvs shows {Target}, {volume.Size} bytes";
    }

    internal override bool Untouched(HostTools host) => VolumeAbsent(host, VolumeGroup, Volume);
}

/// <summary>A copy-on-write snapshot of another volume: <c>lvcreate -s -L SIZE -n NAME VG/ORIGIN</c>.</summary>
public sealed class SnapshotResource : PlannedResource
{
    internal SnapshotResource(ResourceOrigin origin, string volumeGroup, string volume, string originVolume, long length)
        : base(origin)
    {
        VolumeGroup = volumeGroup;
        Volume = volume;
        OriginVolume = originVolume;
        Length = length;
    }

    public string VolumeGroup { get; }

    public string Volume { get; }

    /// <summary>The volume it is a snapshot of (in the same volume group).</summary>
    public string OriginVolume { get; }

    /// <summary>The copy-on-write space: how far the snapshot may diverge from its origin.</summary>
    public long Length { get; }

    public long? Extents { get; private set; }

    public override ResourceKind Kind => ResourceKind.Snapshot;

    public override string Label => "snapshot";

    public override string Target => $"{VolumeGroup}/{Volume}";

    public override string Description => $"copy-on-write of {VolumeGroup}/{OriginVolume}, {Size(Length)}" + (Extents is { } extents ? $" ({extents} extents)" : string.Empty);

    public override IReadOnlyList<PlanGuard> Guards => [new VolumeExistsGuard(VolumeGroup, OriginVolume), new VolumeAbsentGuard(VolumeGroup, Volume)];

    public override IReadOnlyList<PlanStep> Steps =>
        [new RunStep(["lvcreate", "-s", "-L", Size(Length), "-n", Volume, $"{VolumeGroup}/{OriginVolume}"])];

    internal override bool SameIntent(PlannedResource other) =>
        other is SnapshotResource snapshot && snapshot.Length == Length && snapshot.OriginVolume == OriginVolume;

    internal override void Probe(PlanContext context)
    {
        var group = context.VolumeGroups.FirstOrDefault(candidate => candidate.Name == VolumeGroup);
        if (group is null)
        {
            Refuse($"the volume group {VolumeGroup} does not exist (vgs)");
            return;
        }

        Extents = group.ExtentsFor(Length);
        if (VolumeResource.TooLarge(group, Length) is { } tooLarge)
        {
            Refuse(tooLarge);
            return;
        }

        var volumes = context.LogicalVolumes;
        var existing = volumes.FirstOrDefault(volume => volume.VolumeGroup == VolumeGroup && volume.Name == Volume);
        if (existing is not null)
        {
            if (existing.Origin != OriginVolume)
            {
                Refuse(existing.Origin is null
                    ? $"{Target} exists and is not a snapshot of {VolumeGroup}/{OriginVolume}"
                    : $"{Target} exists as a snapshot of {VolumeGroup}/{existing.Origin}, not of {VolumeGroup}/{OriginVolume}");
            }
            else if (existing.Size != group.BytesOf(Extents.Value))
            {
                Refuse($"{Target} exists with {Size(existing.Size)} of copy-on-write space, the annotation asks for {Size(Length)}: never resized");
            }
            else
            {
                KeepAsIs($"exists, snapshot of {VolumeGroup}/{OriginVolume}");
            }

            return;
        }

        var origin = volumes.FirstOrDefault(volume => volume.VolumeGroup == VolumeGroup && volume.Name == OriginVolume);
        var plannedOrigin = context.Resources.OfType<VolumeResource>().FirstOrDefault(volume => volume.VolumeGroup == VolumeGroup && volume.Volume == OriginVolume);
        if (origin?.Origin is { } originsOrigin)
        {
            Refuse($"the origin {VolumeGroup}/{OriginVolume} is itself a snapshot (of {originsOrigin}); LVM cannot snapshot it");
        }
        else if (origin is null && plannedOrigin is null)
        {
            Refuse($"the origin {VolumeGroup}/{OriginVolume} does not exist, and no config of this run creates it");
        }
        else if (origin is null && plannedOrigin!.Action == PlanAction.Refused)
        {
            Refuse($"its origin {VolumeGroup}/{OriginVolume} is refused");
        }
    }

    internal override string? Recheck(HostTools host)
    {
        var volumes = host.LogicalVolumes();
        if (volumes.Any(volume => volume.VolumeGroup == VolumeGroup && volume.Name == Volume))
        {
            return $"{Target} appeared since the plan was made";
        }

        if (!volumes.Any(volume => volume.VolumeGroup == VolumeGroup && volume.Name == OriginVolume))
        {
            return $"the origin {VolumeGroup}/{OriginVolume} does not exist";
        }

        return VolumeResource.RoomInGroup(host, VolumeGroup, Length);
    }

    internal override string Verify(HostTools host)
    {
        var volume = host.LogicalVolumes().FirstOrDefault(candidate => candidate.VolumeGroup == VolumeGroup && candidate.Name == Volume)
            ?? throw new VerificationException($"lvs does not show {Target}");
        return volume.Origin == OriginVolume
            ? $"lvs shows {Target} as a snapshot of {VolumeGroup}/{OriginVolume}"
            : throw new VerificationException($"lvs shows {Target} with origin `{volume.Origin}`, not {OriginVolume}");
    }

    internal override bool Untouched(HostTools host) => VolumeResource.VolumeAbsent(host, VolumeGroup, Volume);
}

/// <summary>
/// A file system made on a new (or provably blank) image or volume: mkfs of the declared type with pinned options,
/// optionally populated from a directory (<c>mkfs.ext4 -d</c>, no mounting). Never made on anything that holds a
/// signature or data.
/// </summary>
public sealed class FilesystemResource : PlannedResource
{
    internal FilesystemResource(ResourceOrigin origin, PlannedResource target, string devicePath, string realPath, long length, FilesystemType type, string? label, string? uuid, string? populate)
        : base(origin)
    {
        DependsOn = target;
        DevicePath = devicePath;
        RealPath = realPath;
        Length = length;
        Type = type;
        FsLabel = label;
        Uuid = uuid;
        Populate = populate;
    }

    public string DevicePath { get; }

    /// <summary>The image or device path with its directories' symbolic links resolved.</summary>
    public string RealPath { get; }

    /// <summary>The bytes that must be blank before formatting an existing target.</summary>
    public long Length { get; private set; }

    public FilesystemType Type { get; }

    public string? FsLabel { get; }

    public string? Uuid { get; }

    public string? Populate { get; }

    /// <summary>True when this run creates the image or volume the file system goes on.</summary>
    public bool OnNewTarget => DependsOn?.Action == PlanAction.Create;

    public string TypeName => Type.ToString().ToLowerInvariant();

    public override ResourceKind Kind => ResourceKind.Filesystem;

    public override string Label => TypeName;

    public override string Target => DevicePath;

    public override string Description
    {
        get
        {
            var parts = new List<string> { TypeName };
            if (FsLabel is not null)
            {
                parts.Add($"label {FsLabel}");
            }

            if (Uuid is not null)
            {
                parts.Add($"uuid {Uuid}");
            }

            if (Populate is not null)
            {
                parts.Add($"populated from {Populate}");
            }

            return string.Join(", ", parts);
        }
    }

    public override IReadOnlyList<PlanGuard> Guards =>
        OnNewTarget ? [] : DependsOn is ImageResource ? [new AllZeroGuard(DevicePath, Length), new NotLoopAttachedGuard(DevicePath)] : [new AllZeroGuard(DevicePath, Length)];

    public override IReadOnlyList<PlanStep> Steps
    {
        get
        {
            if (Type == FilesystemType.Swap)
            {
                return [new RunStep(["mkswap", .. Option("-L", FsLabel), .. Option("-U", Uuid), "--", DevicePath])];
            }

            // A pinned block size and root owner make the result the same on every host; -F because the target
            // is a file (our own checks, not mkfs's prompt, decide that it may be formatted).
            return [new RunStep([$"mkfs.{TypeName}", "-F", "-q", "-b", "4096", "-E", "root_owner=0:0", .. Option("-L", FsLabel), .. Option("-U", Uuid), .. Option("-d", Populate), "--", DevicePath])];
        }
    }

    internal override string Identity => $"{Kind}:{RealPath}";

    internal override bool SameIntent(PlannedResource other) =>
        other is FilesystemResource fs && fs.Type == Type && fs.FsLabel == FsLabel && fs.Uuid == Uuid && fs.Populate == Populate;

    internal override bool Untouched(HostTools host) => host.Probe(DevicePath) is null && host.Files.IsAllZero(DevicePath, Length);

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        if (Populate is not null && files.Stat(Populate, followLinks: true) is not { Kind: FileKind.Directory })
        {
            Refuse($"populate={Populate} is not a directory on this host");
            return;
        }

        if (Populate is not null && DirectoryResource.SystemDirectoryBehindLinks(context, Populate, files.RealPath(Populate)) is { } system)
        {
            Refuse($"populate={Populate}: {system}");
            return;
        }

        switch (DependsOn!.Action)
        {
            case PlanAction.Refused:
                Refuse($"its {DependsOn.Label} {DependsOn.Target} is refused");
                return;
            case PlanAction.Create:
                return;
        }

        if (DependsOn is VolumeResource volume)
        {
            if (files.Stat(DevicePath, followLinks: true) is not { Kind: FileKind.BlockDevice })
            {
                Refuse($"{volume.Target} exists but is not active ({DevicePath} is missing), so its contents cannot be checked; activate it (lvchange -ay {volume.Target}) and run again");
                return;
            }

            Length = volume.RoundedLength ?? volume.Length;
        }

        if (context.Host.Probe(DevicePath) is { } signature)
        {
            CompareSignature(signature);
            return;
        }

        if (InUse(context.Host, DevicePath) is { } use)
        {
            Refuse($"{DevicePath} has no file system and {use}");
        }
        else if (!files.IsAllZero(DevicePath, Length))
        {
            Refuse($"{DevicePath} holds data but no signature blkid knows (random data, an encrypted volume, a partition table it cannot read?): never overwritten");
        }
        else
        {
            Reason = "blank (all zeros), formatted in place";
        }
    }

    private void CompareSignature(Signature signature)
    {
        if (signature.Type != TypeName)
        {
            Refuse($"{DevicePath} holds {signature.Type ?? "a signature"}{(signature.Label is { } label ? $" labelled {label}" : string.Empty)}, the annotation says {TypeName}: never reformatted");
        }
        else if (FsLabel is not null && signature.Label != FsLabel)
        {
            Refuse($"{DevicePath} holds {TypeName} labelled `{signature.Label}`, the annotation says `{FsLabel}`: never relabelled");
        }
        else if (Uuid is not null && !string.Equals(signature.Uuid, Uuid, StringComparison.OrdinalIgnoreCase))
        {
            Refuse($"{DevicePath} holds {TypeName} with uuid {signature.Uuid}, the annotation says {Uuid}");
        }
        else
        {
            KeepAsIs($"holds {TypeName}" + (signature.Label is { Length: > 0 } label ? $" labelled {label}" : string.Empty));
        }
    }

    internal override string? Recheck(HostTools host)
    {
        var files = host.Files;
        if (files.Stat(DevicePath, followLinks: true) is not { } status || status.Kind is not (FileKind.Regular or FileKind.BlockDevice))
        {
            return $"{DevicePath} does not exist";
        }

        if (status.Kind == FileKind.Regular && status.Size != Length)
        {
            return $"{DevicePath} is {status.Size} bytes now, not {Length}";
        }

        if (host.Probe(DevicePath) is { } signature)
        {
            return $"{DevicePath} holds {signature.Type ?? "a signature"} now";
        }

        if (InUse(host, DevicePath) is { } use)
        {
            return $"{DevicePath} {use}";
        }

        // A volume this run just created was wiped at its start by lvcreate; reading all of it adds nothing.
        if ((!OnNewTarget || DependsOn is ImageResource) && !files.IsAllZero(DevicePath, Length))
        {
            return $"{DevicePath} holds data now";
        }

        return null;
    }

    internal override string Verify(HostTools host)
    {
        var signature = host.Probe(DevicePath) ?? throw new VerificationException($"blkid finds no file system on {DevicePath}");
        if (signature.Type != TypeName)
        {
            throw new VerificationException($"blkid finds {signature.Type} on {DevicePath}, not {TypeName}");
        }

        if (FsLabel is not null && signature.Label != FsLabel)
        {
            throw new VerificationException($"blkid finds label `{signature.Label}`, not `{FsLabel}`");
        }

        if (Uuid is not null && !string.Equals(signature.Uuid, Uuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new VerificationException($"blkid finds uuid {signature.Uuid}, not {Uuid}");
        }

        var checks = new List<string> { $"blkid: {TypeName}" };
        if (Type == FilesystemType.Swap)
        {
            return string.Join("; ", checks);
        }

        host.Require(["dumpe2fs", "-h", "--", DevicePath], $"read the superblock of {DevicePath}");
        checks.Add("dumpe2fs reads the superblock");
        var check = host.Runner.Run(["e2fsck", "-f", "-n", "--", DevicePath]);
        if (!check.Succeeded)
        {
            throw new VerificationException($"e2fsck -fn finds problems on {DevicePath}: {check.Reason}");
        }

        checks.Add("e2fsck -fn clean");
        if (Populate is not null)
        {
            var expected = host.Files.ListDirectory(Populate);
            var found = host.ExtRootEntries(DevicePath).ToHashSet(StringComparer.Ordinal);
            var missing = expected.Where(name => !found.Contains(name)).ToList();
            if (missing.Count > 0)
            {
                throw new VerificationException($"the new file system lacks {string.Join(", ", missing.Take(5))} from {Populate}");
            }

            checks.Add($"debugfs finds the {Entries(expected.Count)} of {Populate} in /");
        }

        return string.Join("; ", checks);
    }

    /// <summary>Why the target is in use (attached to a loop device, mounted, swap, held open), or null.</summary>
    internal static string? InUse(HostTools host, string path)
    {
        var status = host.Files.Stat(path, followLinks: true);
        if (status is null)
        {
            return null;
        }

        if (status.Kind == FileKind.Regular && host.LoopDevices().FirstOrDefault(loop => loop.BackInode == status.Inode && loop.BackDevice == status.Device) is { } loop)
        {
            return $"is attached to {loop.Name}";
        }

        if (status.Kind == FileKind.BlockDevice)
        {
            if (host.Mounts().FirstOrDefault(mount => mount.Device == status.DeviceNumber) is { } mount)
            {
                return $"is mounted at {mount.MountPoint}";
            }

            if (host.Files.IsDeviceBusy(path))
            {
                return "is busy (held open exclusively: mounted, swap, or used by another device)";
            }
        }

        var resolved = host.Files.ResolveLinks(path);
        if (host.SwapAreas().Any(area => area == path || area == resolved))
        {
            return "is in use as swap";
        }

        return host.Files.ProcessesHolding(path) is [var first, ..] holders
            ? $"is open by process {first}{(holders.Count > 1 ? $" and {holders.Count - 1} more" : string.Empty)}"
            : null;
    }

    internal static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";

    private static string[] Option(string flag, string? value) => value is null ? [] : [flag, value];
}
