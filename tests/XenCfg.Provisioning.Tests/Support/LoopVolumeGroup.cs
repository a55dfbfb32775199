using System.Text.Json;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// A real LVM volume group for one test: a sparse file in a scratch directory attached to a loop device,
/// pvcreate, vgcreate with a name no one else uses. Volumes can only be made in LVM's metadata here (no
/// device-mapper in this kernel): every LVM call that would activate passes <c>--config global/activation=0</c>.
/// Dispose removes exactly what this object created — its volumes, its group, its physical volume, its loop
/// device, its file — each step in its own finally, so one failure does not leave the rest behind.
/// </summary>
internal sealed class LoopVolumeGroup : IDisposable
{
    public const string NoActivation = "global/activation=0";

    private readonly TempDirectory _directory;

    private LoopVolumeGroup(TempDirectory directory, string name, string image, string device)
    {
        _directory = directory;
        Name = name;
        Image = image;
        Device = device;
    }

    public string Name { get; }

    public string Image { get; }

    /// <summary>The loop device (/dev/loopN) holding the physical volume.</summary>
    public string Device { get; }

    /// <summary>Creates a group of <paramref name="megabytes"/> MiB (LVM keeps one 4 MiB extent for metadata).</summary>
    public static LoopVolumeGroup Create(int megabytes = 64)
    {
        HostRequirements.LoopDevices();
        HostRequirements.Tools("pvcreate", "vgcreate", "vgs", "lvs", "lvcreate");
        var directory = new TempDirectory("xcfg-lvm");
        var name = "xcfgtest" + Guid.NewGuid().ToString("N")[..12];
        var image = Path.Combine(directory.Path, "pv.img");
        string? device = null;
        try
        {
            Commands.Must("truncate", "-s", $"{megabytes}M", image);
            device = Commands.Must("losetup", "--find", "--show", image).Trim();
            Commands.Must("pvcreate", "-q", device);
            Commands.Must("vgcreate", "-q", name, device);
            return new LoopVolumeGroup(directory, name, image, device);
        }
        catch
        {
            Cleanup(name, device, directory, vgCreated: true);
            throw;
        }
    }

    /// <summary>The volumes of this group as lvs sees them: name and size in bytes.</summary>
    public IReadOnlyList<(string Name, long Size, string Origin)> Volumes()
    {
        var json = Commands.Must("lvs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", "lv_name,lv_size,origin", Name);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("report")[0].GetProperty("lv").EnumerateArray()
            .Select(row => (row.GetProperty("lv_name").GetString()!, long.Parse(row.GetProperty("lv_size").GetString()!, System.Globalization.CultureInfo.InvariantCulture), row.GetProperty("origin").GetString() ?? string.Empty))];
    }

    /// <summary>Makes a volume directly (metadata only), as if someone had made it before the provisioner runs.</summary>
    public void CreateVolume(string volume, string size) =>
        Commands.Must("lvcreate", "--config", NoActivation, "-q", "-an", "-Zn", "-Wn", "-L", size, "-n", volume, Name);

    public void Dispose() => Cleanup(Name, Device, _directory, vgCreated: true);

    private static void Cleanup(string name, string? device, TempDirectory directory, bool vgCreated)
    {
        try
        {
            if (vgCreated)
            {
                // Only this group's volumes, by its unique name; activation off, as when they were made.
                Commands.Run("lvremove", "--config", NoActivation, "-q", "-y", name);
                Commands.Run("vgremove", "--config", NoActivation, "-q", "-y", name);
            }
        }
        finally
        {
            try
            {
                if (device is not null)
                {
                    Commands.Run("pvremove", "-q", "-y", device);
                }
            }
            finally
            {
                try
                {
                    if (device is not null)
                    {
                        Commands.Run("losetup", "-d", device);
                    }
                }
                finally
                {
                    directory.Dispose();
                }
            }
        }
    }
}
