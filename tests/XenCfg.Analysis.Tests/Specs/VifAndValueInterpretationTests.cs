using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Analysis.Specs.Vif;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>What the vif and small value parsers read, and where.</summary>
public sealed class VifAndValueInterpretationTests
{
    [Fact]
    public void Vif_reads_every_setting_with_its_span()
    {
        var vif = VifSpecParser.Parse("mac=00:16:3e:01:02:03, bridge=xenbr1,ip=192.0.2.10 192.0.2.11,vifname=web0,rate=10Mb/s@20ms,mtu=9000,trusted,colo_compare_out=x");

        Assert.True(vif.IsAccepted);
        Assert.Empty(vif.Problems);
        Assert.Equal(("00:16:3e:01:02:03", new TextSpan(4, 17)), (vif.Mac!.Value.Value.ToString(), vif.Mac.Value.Span));
        Assert.Equal(("xenbr1", new TextSpan(30, 6)), (vif.Bridge!.Value.Value, vif.Bridge.Value.Span));
        Assert.Equal(["192.0.2.10", "192.0.2.11"], vif.IpAddresses.Select(a => a.Value));
        Assert.Equal(new TextSpan(51, 10), vif.IpAddresses[1].Span);
        Assert.Equal(new VifRate(1_250_000, 20_000, 25_000), vif.Rate!.Value.Value);
        Assert.Equal(9000UL, vif.Mtu!.Value.Value);
        Assert.True(vif.Trusted!.Value.Value);
        Assert.Equal("x", vif.Colo["colo_compare_out"].Value);
        Assert.Equal(8, vif.Items.Count);
        Assert.Equal(new TextSpan(23, 13), vif.Items[1].Span); // the space before "bridge" is skipped
    }

    [Fact]
    public void Empty_vif_is_a_valid_vif_with_every_default()
    {
        var vif = VifSpecParser.Parse("");

        Assert.True(vif.IsAccepted);
        Assert.Empty(vif.Items);
        Assert.Null(vif.Mac);
    }

    [Theory]
    [InlineData("10Mb/s", 1_250_000UL, 50_000U)]
    [InlineData("100KB/s@1s", 100_000UL, 1_000_000U)]
    [InlineData("1Gb/s@500us", 125_000_000UL, 500U)]
    [InlineData("5B/s@2", 5UL, 2_000_000U)]
    [InlineData("010Mb/s", 1_000_000UL, 50_000U)] // a leading 0 makes xl read octal 8
    public void Vif_rate_is_read_as_libxlu_vif_reads_it(string rate, ulong bytesPerSecond, uint interval)
    {
        var vif = VifSpecParser.Parse("rate=" + rate);

        Assert.True(vif.IsAccepted);
        Assert.Equal((bytesPerSecond, interval), (vif.Rate!.Value.Value.BytesPerSecond, vif.Rate.Value.Value.IntervalMicroseconds));
    }

    [Theory]
    [InlineData("00-16-3e-0a-0b-0c", "00:16:3e:0a:0b:0c")]
    [InlineData("0:16:3e:a:b:c", "00:16:3e:0a:0b:0c")]
    [InlineData("00:16:3e:0a:0b:0c:ff", "00:16:3e:0a:0b:0c")]
    public void Vif_mac_is_read_as_xls_strtoul_loop_reads_it(string written, string read)
    {
        var vif = VifSpecParser.Parse("mac=" + written);

        Assert.Equal(read, vif.Mac!.Value.Value.ToString());
    }

    [Fact]
    public void Ipv4_leading_zero_reads_as_decimal_like_the_kernel()
    {
        var address = NetworkValueParser.ParseIpv4("192.168.010.001");

        Assert.True(address.IsValid); // only a warning
        Assert.Equal("192.168.10.1", address.Value.ToString());
    }

    [Fact]
    public void Netmask_and_subnet_helpers_agree()
    {
        var mask = NetworkValueParser.ParseNetmask("255.255.255.0").Value!.Value;

        Assert.Equal(mask, NetworkValueParser.MaskFromPrefix(24));
        Assert.True(new Ipv4Address(0xC0000201).SameSubnet(new Ipv4Address(0xC00002FE), mask));
        Assert.Equal("0.0.0.0", NetworkValueParser.MaskFromPrefix(0).ToString());
    }

    [Fact]
    public void Mac_address_flags()
    {
        var xen = NetworkValueParser.ParseMac("00:16:3E:AA:BB:CC").Value!.Value;
        var local = NetworkValueParser.ParseMac("02:00:00:00:00:01").Value!.Value;

        Assert.Equal((true, false, false), (xen.IsXenOui, xen.IsLocallyAdministered, xen.IsMulticast));
        Assert.Equal((false, true), (local.IsXenOui, local.IsLocallyAdministered));
        Assert.Equal("00:16:3e:aa:bb:cc", xen.ToString());
    }

    [Theory]
    [InlineData("512M", 512UL << 20, "512M")]
    [InlineData("2G", 2UL << 30, "2G")]
    [InlineData("2g", 2UL << 30, "2G")]
    [InlineData("1024K", 1UL << 20, "1M")]
    [InlineData("1T", 1UL << 40, "1T")]
    [InlineData("1.5G", 3UL << 29, "1536M")]
    [InlineData("100b", 100UL, "100b")]
    [InlineData("8s", 4096UL, "4K")]
    [InlineData("300", 300UL << 20, "300M")] // no unit: MiB, as lvcreate -L reads it
    public void Size_is_read_in_powers_of_two_like_lvm(string text, ulong bytes, string shortest)
    {
        var size = SizeParser.Parse(text);

        Assert.True(size.IsValid);
        Assert.Equal(bytes, size.Value!.Value.Bytes);
        Assert.Equal(shortest, size.Value.Value.ToString());
    }

    [Fact]
    public void Size_without_unit_uses_the_callers_default()
    {
        Assert.Equal(4096UL, SizeParser.Parse("4096", SizeUnit.Bytes).Value!.Value.Bytes);
    }

    [Fact]
    public void Root_value_splits_the_device_from_further_kernel_words()
    {
        var root = KernelArgumentParser.ParseRoot("/dev/xvda1 ro quiet");

        Assert.Equal(("/dev/xvda1", new TextSpan(0, 10), RootDeviceKind.DevicePath), (root.Device.Value, root.Device.Span, root.Kind));
        Assert.Equal((0, 1), (root.GuestDevice!.DiskIndex!.Value, root.GuestDevice.Partition!.Value));
        Assert.Equal(["ro", "quiet"], root.ExtraWords.Select(w => w.Value));
        Assert.Equal(new TextSpan(11, 2), root.ExtraWords[0].Span);
        Assert.Empty(root.Problems);
    }

    [Fact]
    public void Root_prefix_is_tolerated_under_xm()
    {
        var root = KernelArgumentParser.ParseRoot("root=/dev/sda1", XenCfg.Syntax.Dialect.Xm);

        Assert.Equal(("/dev/sda1", new TextSpan(5, 9)), (root.Device.Value, root.Device.Span));
        Assert.Empty(root.Problems);
    }

    [Theory]
    [InlineData("/dev/nfs", RootDeviceKind.Nfs)]
    [InlineData("UUID=0a1b", RootDeviceKind.Uuid)]
    [InlineData("LABEL=root", RootDeviceKind.Label)]
    [InlineData("PARTUUID=0a1b-01", RootDeviceKind.PartUuid)]
    [InlineData("PARTLABEL=root", RootDeviceKind.PartLabel)]
    [InlineData("0801", RootDeviceKind.DeviceNumber)]
    [InlineData("8:1", RootDeviceKind.DeviceNumber)]
    public void Root_device_kinds(string value, RootDeviceKind kind) =>
        Assert.Equal(kind, KernelArgumentParser.ParseRoot(value).Kind);

    [Fact]
    public void Nfsroot_splits_server_path_and_options()
    {
        var nfs = KernelArgumentParser.ParseNfsRoot("192.0.2.1:/export/vm1,vers=3,tcp");

        Assert.Equal(("192.0.2.1", new TextSpan(0, 9)), (nfs.Server!.Value.Value.ToString(), nfs.Server.Value.Span));
        Assert.Equal(("/export/vm1", new TextSpan(10, 11)), (nfs.Path.Value, nfs.Path.Span));
        Assert.Equal("vers=3,tcp", nfs.Options!.Value.Value);
        Assert.Empty(nfs.Problems);
        Assert.Null(KernelArgumentParser.ParseNfsRoot("/export/vm1").Server);
    }

    [Fact]
    public void Kernel_ip_reads_the_ten_fields()
    {
        var ip = KernelArgumentParser.ParseIp("192.0.2.11:192.0.2.1:192.0.2.254:255.255.255.0:vm1:eth0:off:192.0.2.53");

        Assert.Empty(ip.Problems);
        Assert.Equal("192.0.2.11", ip.Client!.Value.Value.ToString());
        Assert.Equal("192.0.2.1", ip.Server!.Value.Value.ToString());
        Assert.Equal("192.0.2.254", ip.Gateway!.Value.Value.ToString());
        Assert.Equal("255.255.255.0", ip.Netmask!.Value.Value.ToString());
        Assert.Equal(("vm1", new TextSpan(47, 3)), (ip.HostName!.Value.Value, ip.HostName.Value.Span));
        Assert.Equal("eth0", ip.Device!.Value.Value);
        Assert.Equal("192.0.2.53", Assert.Single(ip.DnsServers).Value.ToString());
        Assert.False(ip.UsesAutoconfiguration);
        Assert.True(KernelArgumentParser.ParseIp("dhcp").UsesAutoconfiguration);
    }

    [Fact]
    public void Kernel_command_line_is_cut_at_blanks_outside_quotes()
    {
        var arguments = KernelArgumentParser.Tokenize("root=/dev/nfs  nfsroot=192.0.2.1:/x ro dyndbg=\"file a.c +p\" -- single", out var problems);

        Assert.Empty(problems);
        Assert.Equal(["root", "nfsroot", "ro", "dyndbg", "single"], arguments.Select(a => a.Name));
        Assert.Equal(("192.0.2.1:/x", new TextSpan(23, 12)), (arguments[1].Value, arguments[1].ValueSpan));
        Assert.Null(arguments[2].Value);
        Assert.Equal(("file a.c +p", new TextSpan(47, 11)), (arguments[3].Value, arguments[3].ValueSpan));
        Assert.Equal([false, false, false, false, true], arguments.Select(a => a.IsForInit));
    }
}
