using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Workspace;

/// <summary>How a domain uses a piece of storage.</summary>
public enum StorageAccess
{
    Read,
    Write,

    /// <summary>xm's <c>w!</c>: write, with the sharing check switched off.</summary>
    ForcedWrite,
}

/// <summary>One use of storage by a domain: which storage, how, and where in which file.</summary>
public sealed record StorageUse(StorageKey Key, StorageAccess Access, string FilePath, TextSpan Span, string What);

/// <summary>A value that must be unique across the domains of a host (name, uuid, MAC, static IP, vifname).</summary>
public enum UniqueValueKind
{
    DomainName,
    Uuid,
    MacAddress,
    StaticIp,
    VifName,
}

/// <summary>One occurrence of a value that must be unique across domains.</summary>
public sealed record UniqueValue(UniqueValueKind Kind, string Value, string FilePath, TextSpan Span);

/// <summary>
/// What one file contributes to the cross-file checks, extracted once from its semantic model: the storage its
/// domain uses and the values that must be unique on a host.
/// </summary>
public sealed class FileFacts
{
    private FileFacts(string filePath, string? domainName, ImmutableArray<StorageUse> storage, ImmutableArray<UniqueValue> uniqueValues, ImmutableArray<(StorageKey Clone, StorageKey Origin)> snapshots)
    {
        FilePath = filePath;
        DomainName = domainName;
        Storage = storage;
        UniqueValues = uniqueValues;
        Snapshots = snapshots;
    }

    public string FilePath { get; }

    /// <summary>The domain's name, or null when it has none.</summary>
    public string? DomainName { get; }

    public ImmutableArray<StorageUse> Storage { get; }

    public ImmutableArray<UniqueValue> UniqueValues { get; }

    /// <summary>Copy-on-write relationships this file declares (a disk and the origin it is a snapshot of).</summary>
    public ImmutableArray<(StorageKey Clone, StorageKey Origin)> Snapshots { get; }

    public static FileFacts Empty(string filePath) => new(filePath, null, [], [], []);

    public static FileFacts From(SemanticModel model, IStorageResolver resolver)
    {
        var path = model.Tree.FilePath;
        if (model.Kind != ConfigKind.Domain)
        {
            return Empty(path);
        }

        var storage = ImmutableArray.CreateBuilder<StorageUse>();
        foreach (var disk in model.Disks)
        {
            if (StorageIdentity.ForDisk(disk.Target, disk.Script) is not { } key || disk.IsCdrom && disk.Target is null)
            {
                continue;
            }

            var access = disk.Access switch
            {
                DiskAccess.SharedWrite => StorageAccess.ForcedWrite,
                DiskAccess.ReadWrite => StorageAccess.Write,
                _ => StorageAccess.Read,
            };
            storage.Add(new StorageUse(resolver.Resolve(key), access, path, TargetSpan(disk), disk.Vdev is null ? "a disk" : $"disk {disk.Vdev}"));
        }

        if (NfsRoot(model) is { } nfs)
        {
            storage.Add(nfs);
        }

        var snapshots = resolver.SnapshotsOf(storage.Select(use => use.Key)).AddRange(DeclaredSnapshots(model, resolver));
        return new FileFacts(path, model.Domain.Name?.Text, storage.ToImmutable(), CollectUniqueValues(model), snapshots);
    }

    /// <summary>Snapshots declared by provisioning annotations (<c># xcfg: snapshot-of=VG/LV</c>).</summary>
    private static IEnumerable<(StorageKey Clone, StorageKey Origin)> DeclaredSnapshots(SemanticModel model, IStorageResolver resolver)
    {
        foreach (var intent in Provisioning.ProvisioningIntent.Read(model).Disks)
        {
            if (intent is { IsSnapshot: true, VolumeGroup: { } group } && StorageIdentity.ForDisk(intent.Disk.Target, intent.Disk.Script) is { } clone)
            {
                yield return (resolver.Resolve(clone), resolver.Resolve(new StorageKey(StorageKind.LogicalVolume, $"{group}/{intent.SnapshotOrigin}")));
            }
        }
    }

    /// <summary>Where the target is written: inside the spec string when it can be located.</summary>
    internal static TextSpan TargetSpan(DiskEntry disk)
    {
        if (disk.Xm?.Target is { } xmTarget)
        {
            return disk.SourceSpan(xmTarget.Span);
        }

        return disk.Xl.SettingOf(XlDiskField.Target) is { } target ? disk.SourceSpan(target.ValueSpan) : disk.Syntax.Span;
    }

    /// <summary>The NFS root a guest mounts read-write: xm's nfs_server/nfs_root, or an nfsroot= argument.</summary>
    private static StorageUse? NfsRoot(SemanticModel model)
    {
        var boot = model.Boot;
        if (!boot.IsNfsRoot)
        {
            return null;
        }

        if (model.Dialect == Dialect.Xm && boot.NfsServer is { Text.Length: > 0 } server && boot.NfsRoot is { Text.Length: > 0 } root)
        {
            return new StorageUse(StorageIdentity.ForNfsRoot(server.Text, root.Text), StorageAccess.Write, model.Tree.FilePath, root.Syntax.Span, "its NFS root");
        }

        if (boot.FindArgument("nfsroot") is { Value: { } value } argument && boot.ArgumentsSetting is { } setting)
        {
            var parsed = KernelArgumentParser.ParseNfsRoot(value);
            if (parsed.Server is { } address)
            {
                var span = setting.SourceSpan(new TextSpan(argument.ValueSpan.Start, argument.ValueSpan.Length));
                return new StorageUse(StorageIdentity.ForNfsRoot(value[address.Span.Start..address.Span.End], parsed.Path.Value), StorageAccess.Write, model.Tree.FilePath, span, "its NFS root");
            }
        }

        return null;
    }

    private static ImmutableArray<UniqueValue> CollectUniqueValues(SemanticModel model)
    {
        var path = model.Tree.FilePath;
        var values = ImmutableArray.CreateBuilder<UniqueValue>();
        if (model.Domain.Name is { Text.Length: > 0 } name)
        {
            values.Add(new UniqueValue(UniqueValueKind.DomainName, name.Text, path, name.Syntax.Span));
        }

        if (model.GetScalar("uuid") is { Text.Length: > 0 } uuid)
        {
            values.Add(new UniqueValue(UniqueValueKind.Uuid, uuid.Text.ToLowerInvariant(), path, uuid.Syntax.Span));
        }

        foreach (var vif in model.Vifs)
        {
            if (vif.Spec.Mac is { } mac)
            {
                values.Add(new UniqueValue(UniqueValueKind.MacAddress, mac.Value.ToString(), path, vif.SourceSpan(mac.Span)));
            }

            foreach (var address in vif.Spec.IpAddresses)
            {
                values.Add(new UniqueValue(UniqueValueKind.StaticIp, address.Value, path, vif.SourceSpan(address.Span)));
            }

            if (vif.Spec.VifName is { } vifName)
            {
                values.Add(new UniqueValue(UniqueValueKind.VifName, vifName.Value, path, vif.SourceSpan(vifName.Span)));
            }
        }

        if (model.Dialect == Dialect.Xm && model.Boot.Ip is { Text.Length: > 0 } ip)
        {
            values.Add(new UniqueValue(UniqueValueKind.StaticIp, ip.Text, path, ip.Syntax.Span));
        }
        else if (model.Boot.FindArgument("ip") is { Value: { } value } argument && model.Boot.ArgumentsSetting is { } setting
            && KernelArgumentParser.ParseIp(value).Client is { } client)
        {
            values.Add(new UniqueValue(UniqueValueKind.StaticIp, client.Value.ToString(), path,
                setting.SourceSpan(new TextSpan(argument.ValueSpan.Start + client.Span.Start, client.Span.Length))));
        }

        return values.ToImmutable();
    }
}
