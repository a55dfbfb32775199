using System.Globalization;
using System.Text;

namespace XenCfg.Benchmarks;

/// <summary>
/// Writes a tree of realistic domain configs, as a dom0's /etc/xen might hold across a fleet: PV guests (pygrub or a
/// kernel in dom0), HVM guests with an install ISO shared read-only, PVH guests and NFS-root guests; one to four disks
/// each (LVM volumes in both spec styles, file and qcow2 images) and one to three vifs with fixed MACs, some with
/// static IPs or vifnames. A few planted mistakes give the linter something to say: about 1 in 100 guests writes
/// another guest's data volume, 1 in 200 copies another's MAC, 1 in 500 repeats a domain name, 1 in 50 has a typo
/// in a key. Deterministic for a given seed, so figures are comparable between runs.
/// </summary>
public sealed class ConfigTreeGenerator(int seed = 20261125)
{
    /// <summary>Guests per directory (one directory per host).</summary>
    public const int GuestsPerHost = 100;

    private readonly Random _random = new(seed);

    /// <summary>Writes <paramref name="count"/> configs under <paramref name="root"/> and returns their paths.</summary>
    public IReadOnlyList<string> Write(string root, int count)
    {
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var host = i / GuestsPerHost;
            var directory = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"host{host:D3}"));
            Directory.CreateDirectory(directory);
            var extension = i % 10 == 9 ? ".xl" : ".cfg";
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"guest{i:D5}{extension}"));
            File.WriteAllText(path, Config(i));
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>The text of guest <paramref name="index"/>'s config.</summary>
    public string Config(int index)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"guest{index:D5}");
        if (index > 0 && _random.Next(500) == 0)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"guest{index - 1:D5}");
        }

        var kind = _random.Next(100) switch
        {
            < 55 => GuestKind.Pv,
            < 85 => GuestKind.Hvm,
            < 95 => GuestKind.Pvh,
            _ => GuestKind.NfsRoot,
        };
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"# {Describe(kind)} {name}, generated for the lint benchmark.\n");
        Setting(builder, "name", Quote(name));
        if (kind != GuestKind.Pv && kind != GuestKind.NfsRoot)
        {
            Setting(builder, "type", Quote(kind == GuestKind.Hvm ? "hvm" : "pvh"));
        }

        var memory = 256 << _random.Next(5);
        Setting(builder, _random.Next(50) == 0 ? "memroy" : "memory", memory.ToString(CultureInfo.InvariantCulture));
        if (_random.Next(3) == 0)
        {
            Setting(builder, "maxmem", (memory * 2).ToString(CultureInfo.InvariantCulture));
        }

        Setting(builder, "vcpus", (1 << _random.Next(4)).ToString(CultureInfo.InvariantCulture));
        switch (kind)
        {
            case GuestKind.Pv when _random.Next(2) == 0:
                Setting(builder, "bootloader", Quote("pygrub"));
                break;
            case GuestKind.Pv or GuestKind.Pvh:
                Setting(builder, "kernel", Quote("/boot/vmlinuz-6.1.0-xen"));
                Setting(builder, "ramdisk", Quote("/boot/initrd.img-6.1.0-xen"));
                Setting(builder, "root", Quote("/dev/xvda1 ro"));
                Setting(builder, "extra", Quote("console=hvc0 quiet"));
                break;
            case GuestKind.NfsRoot:
                Setting(builder, "kernel", Quote("/boot/vmlinuz-6.1.0-xen"));
                Setting(builder, "root", Quote("/dev/nfs"));
                Setting(builder, "extra", Quote(string.Create(CultureInfo.InvariantCulture,
                    $"nfsroot=192.0.2.1:/export/{name} ip=dhcp console=hvc0")));
                break;
        }

        if (kind == GuestKind.Hvm)
        {
            Setting(builder, "boot", Quote("cd"));
            Setting(builder, "vnc", "1");
            Setting(builder, "vnclisten", Quote("127.0.0.1"));
            Setting(builder, "serial", Quote("pty"));
        }

        if (kind != GuestKind.NfsRoot)
        {
            List(builder, "disk", Disks(index, name, kind));
        }

        List(builder, "vif", Vifs(index));
        Setting(builder, "on_crash", Quote(_random.Next(2) == 0 ? "restart" : "coredump-destroy"));
        return builder.ToString();
    }

    private List<string> Disks(int index, string name, GuestKind kind)
    {
        var volumeGroup = string.Create(CultureInfo.InvariantCulture, $"vg{index % 4}");
        var disks = new List<string>
        {
            _random.Next(2) == 0
                ? $"phy:/dev/{volumeGroup}/{name}-root,xvda,w"
                : $"format=raw, vdev=xvda, access=rw, target=/dev/{volumeGroup}/{name}-root",
        };
        var extra = _random.Next(4);
        for (var i = 0; i < extra; i++)
        {
            // HVM guests keep hdc (xvdc) for the install CD.
            var vdev = "xvd" + (char)(kind == GuestKind.Hvm && i > 0 ? 'c' + i : 'b' + i);
            disks.Add(_random.Next(3) switch
            {
                0 => $"phy:/dev/mapper/{volumeGroup}-{name.Replace("-", "--", StringComparison.Ordinal)}--data{i},{vdev},w",
                1 => $"file:/srv/xen/images/{name}-{i}.img,{vdev},w",
                _ => $"format=qcow2, vdev={vdev}, access=rw, target=/srv/xen/images/{name}-{i}.qcow2",
            });
        }

        // A planted conflict: this guest also writes the first data volume of the guest before it.
        if (index > 0 && _random.Next(100) == 0)
        {
            var other = string.Create(CultureInfo.InvariantCulture, $"guest{index - 1:D5}");
            disks.Add($"phy:/dev/vg{(index - 1) % 4}/{other}-root,xvdz,w");
        }

        if (kind == GuestKind.Hvm)
        {
            disks.Add("/srv/iso/debian-12.iso,raw,hdc,ro,devtype=cdrom");
        }

        return disks;
    }

    private List<string> Vifs(int index)
    {
        var count = 1 + _random.Next(3);
        var vifs = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var owner = index > 0 && i == 0 && _random.Next(200) == 0 ? index - 1 : index;
            var mac = string.Create(CultureInfo.InvariantCulture, $"00:16:3e:{owner >> 8 & 0xff:x2}:{owner & 0xff:x2}:{i:x2}");
            var bridge = "xenbr" + i.ToString(CultureInfo.InvariantCulture);
            var spec = $"mac={mac}, bridge={bridge}";
            if (_random.Next(4) == 0)
            {
                spec += string.Create(CultureInfo.InvariantCulture, $", ip=10.{i}.{owner / 250}.{owner % 250 + 1}, script=vif-route");
            }
            else if (_random.Next(6) == 0)
            {
                spec += string.Create(CultureInfo.InvariantCulture, $", vifname=g{owner}n{i}");
            }

            vifs.Add(spec);
        }

        return vifs;
    }

    private static void Setting(StringBuilder builder, string key, string value) =>
        builder.Append(key.PadRight(10)).Append(" = ").Append(value).Append('\n');

    private static void List(StringBuilder builder, string key, List<string> items)
    {
        builder.Append(key.PadRight(10)).Append(" = [ ");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(",\n").Append(' ', 15);
            }

            builder.Append(Quote(items[i]));
        }

        builder.Append(" ]\n");
    }

    private static string Quote(string value) => "'" + value + "'";

    private static string Describe(GuestKind kind) => kind switch
    {
        GuestKind.Pv => "PV guest",
        GuestKind.Hvm => "HVM guest",
        GuestKind.Pvh => "PVH guest",
        _ => "NFS-root PV guest",
    };

    private enum GuestKind
    {
        Pv,
        Hvm,
        Pvh,
        NfsRoot,
    }
}
