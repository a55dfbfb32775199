using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Values;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>Every problem kind, with its exact span and message (spans are relative to the parsed string).</summary>
public sealed class ValueProblemTests
{
    [Theory]
    [InlineData("192.168.010.1", NetworkValueProblemKind.LeadingZero, 8, 3, false,
        "`010` has a leading zero: the kernel reads it as decimal 10, but C's inet_aton (and tools built on it) reads it as octal 8. Write `10`.")]
    [InlineData("192.168.1.256", NetworkValueProblemKind.OutOfRange, 10, 3, true,
        "`256` is more than 255, the largest value of an IPv4 address octet. Fix the address.")]
    [InlineData("192.168.1", NetworkValueProblemKind.BadSyntax, 0, 9, true,
        "`192.168.1` is not an IPv4 address. Write four decimal numbers 0–255 separated by dots, e.g. `192.0.2.10`.")]
    [InlineData("", NetworkValueProblemKind.Empty, 0, 0, true,
        "The IPv4 address is empty. Write four decimal numbers 0–255 separated by dots, e.g. `192.0.2.10`.")]
    public void Ipv4_problem_has_exact_span_and_message(string input, NetworkValueProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = NetworkValueParser.ParseIpv4(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("24", NetworkValueProblemKind.PrefixLength, 0, 2, true,
        "`24` is a prefix length, but the netmask must be dotted: the kernel would read `24` as 24.0.0.0. Write `255.255.255.0`.")]
    [InlineData("255.0.255.0", NetworkValueProblemKind.NotContiguous, 0, 11, true,
        "`255.0.255.0` is not a netmask: its one-bits are not contiguous. A mask with 16 one-bits is `255.255.0.0`.")]
    public void Netmask_problem_has_exact_span_and_message(string input, NetworkValueProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = NetworkValueParser.ParseNetmask(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("-vm", NetworkValueProblemKind.BadHostName, 0, 3, true,
        "`-vm` is not a valid host name: it has the label `-vm`, which starts or ends with a hyphen. Use letters, digits and inner hyphens, separated by dots.")]
    [InlineData("a..b", NetworkValueProblemKind.BadHostName, 2, 0, true,
        "`a..b` is not a valid host name: it has an empty label (two dots, or a dot at an end). Use letters, digits and inner hyphens, separated by dots.")]
    public void Host_name_problem_has_exact_span_and_message(string input, NetworkValueProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = NetworkValueParser.CheckHostName(input);
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("01:00:5e:00:00:01", NetworkValueProblemKind.MulticastMac, 0, 2, false,
        "The MAC address 01:00:5e:00:00:01 has the multicast bit set (its first octet, 01, is odd), so it cannot be a NIC's address. Use Xen's prefix `00:16:3e:...`, or a locally administered address such as `02:00:5e:00:00:01`.")]
    [InlineData("00:16:3e:0:0:1", NetworkValueProblemKind.BadSyntax, 0, 14, true,
        "`00:16:3e:0:0:1` is not a MAC address. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.")]
    public void Mac_problem_has_exact_span_and_message(string input, NetworkValueProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = NetworkValueParser.ParseMac(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("2GB", SizeProblemKind.BadSyntax, 0, 3, true,
        "`2GB` is not a size LVM reads. Write a number and one unit letter (b, s, k, m, g, t, p, e; powers of two): write `2G`.")]
    [InlineData("", SizeProblemKind.Empty, 0, 0, true,
        "The size is empty. Write a number and a unit, e.g. `512M` or `2G`.")]
    [InlineData("99999999999E", SizeProblemKind.Overflow, 0, 12, true,
        "`99999999999E` is too large. Use a larger unit or a smaller number.")]
    public void Size_problem_has_exact_span_and_message(string input, SizeProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = SizeParser.Parse(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("root=/dev/xvda1", KernelArgumentProblemKind.RootPrefixUnderXl, 0, 5, true,
        "xl writes `root=` itself, so the kernel gets `root=root=/dev/xvda1` and cannot find the root device (xm used to drop the extra `root=`). Write `root = \"/dev/xvda1\"`.")]
    [InlineData("xvda1", KernelArgumentProblemKind.NotUnderDev, 0, 5, true,
        "The kernel looks up a root device by name only under /dev/, so `xvda1` will not be found. Write `/dev/xvda1`.")]
    [InlineData("UUID=1234", KernelArgumentProblemKind.NeedsInitramfs, 0, 9, false,
        "The kernel itself does not understand `UUID=1234`: only an initramfs resolves UUID= and LABEL=. Boot with a ramdisk, or name the device (`/dev/xvda1`) or use PARTUUID=.")]
    [InlineData("", KernelArgumentProblemKind.Empty, 0, 0, true,
        "`root` is empty, so the kernel gets `root=` with no device. Name the root device, e.g. `/dev/xvda1`.")]
    [InlineData("\"/dev/xvda1", KernelArgumentProblemKind.UnbalancedQuote, 0, 11, false,
        "The double quote in `\"/dev/xvda1` is never closed, so everything up to the end of the line is one argument. Close the quote.")]
    public void Root_problem_has_exact_span_and_message(string input, KernelArgumentProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = KernelArgumentParser.ParseRoot(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("nfs1:/export/vm1", KernelArgumentProblemKind.HostNameServer, 0, 4, true,
        "The kernel does not resolve host names: `nfs1:` becomes part of the NFS path and the mount fails. Write the server's dotted-quad address, e.g. `nfsroot=192.0.2.1:/export/vm1`.")]
    [InlineData("export/vm1", KernelArgumentProblemKind.RelativePath, 0, 10, true,
        "The NFS root directory `export/vm1` is not absolute. Write the exported path from the server's root, e.g. `/export/vm1`.")]
    [InlineData("999.1.1.1:/x", KernelArgumentProblemKind.BadAddress, 0, 3, true,
        "`999` is more than 255, the largest value of an IPv4 address octet. Fix the address.")]
    public void Nfsroot_problem_has_exact_span_and_message(string input, KernelArgumentProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = KernelArgumentParser.ParseNfsRoot(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }

    [Theory]
    [InlineData("1:2:3:4:5:6:7:8:9:10:11", KernelArgumentProblemKind.TooManyFields, 20, 3, false,
        "`ip=` has 11 fields; the kernel reads at most 10 (client:server:gateway:netmask:hostname:device:autoconf:dns0:dns1:ntp0) and ignores the rest. Remove the extra fields.")]
    [InlineData("192.0.2.11::10.0.0.1:255.255.255.0:vm1:eth0:off", KernelArgumentProblemKind.GatewayOutsideSubnet, 12, 8, false,
        "The gateway 10.0.0.1 is not in the subnet of 192.0.2.11 with netmask 255.255.255.0, so the guest cannot reach it. Check the gateway and the netmask.")]
    [InlineData("192.0.2.11::192.0.2.1:24:vm1:eth0:off", KernelArgumentProblemKind.BadNetmask, 22, 2, true,
        "`24` is a prefix length, but the netmask must be dotted: the kernel would read `24` as 24.0.0.0. Write `255.255.255.0`.")]
    [InlineData("::::vm1:eth0:off", KernelArgumentProblemKind.NoAddress, 0, 16, false,
        "This `ip=` has no client address and autoconfiguration is off, so the interface gets no address. Give the address as the first field, or use `dhcp`.")]
    [InlineData("192.0.2.11:::255.255.255.0::averyveryverylongdev:off", KernelArgumentProblemKind.DeviceNameTooLong, 28, 20, false,
        "The device name `averyveryverylongdev` is longer than Linux's 15 characters, so no such interface exists. Write the guest's interface name, e.g. `eth0`.")]
    [InlineData("192.0.2.11::::bad_host::off", KernelArgumentProblemKind.BadHostName, 14, 8, false,
        "`bad_host` is not a valid host name: it has the label `bad_host`, which has characters other than letters, digits and hyphens. Use letters, digits and inner hyphens, separated by dots.")]
    [InlineData("192.0.2.11::::::static", KernelArgumentProblemKind.UnknownAutoconf, 16, 6, false,
        "The kernel does not know the autoconfiguration method `static` and treats it as `off`. Write one of off, none, on, any, dhcp, bootp, rarp or both.")]
    [InlineData("192.0.2.011", KernelArgumentProblemKind.BadAddress, 8, 3, false,
        "`011` has a leading zero: the kernel reads it as decimal 11, but C's inet_aton (and tools built on it) reads it as octal 9. Write `11`.")]
    public void Kernel_ip_problem_has_exact_span_and_message(string input, KernelArgumentProblemKind kind, int start, int length, bool fatal, string message)
    {
        var problems = KernelArgumentParser.ParseIp(input).Problems;
        var problem = Assert.Single(problems, p => p.Kind == kind);
        Assert.Equal(new TextSpan(start, length), problem.Span);
        Assert.Equal(fatal, problem.IsFatal);
        Assert.Equal(message, problem.Message);
    }
}
