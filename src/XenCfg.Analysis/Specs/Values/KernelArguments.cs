using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Specs.Values;

/// <summary>Problems in kernel command-line arguments (<c>root</c>, <c>nfsroot=</c>, <c>ip=</c>, ...).</summary>
public enum KernelArgumentProblemKind
{
    /// <summary>An empty value where one is needed.</summary>
    Empty,
    /// <summary>A double quote that is never closed: the rest of the line becomes one argument.</summary>
    UnbalancedQuote,
    /// <summary><c>root = "root=/dev/..."</c> under xl, which then writes <c>root=root=/dev/...</c>.</summary>
    RootPrefixUnderXl,
    /// <summary>A root device name without <c>/dev/</c>, which the kernel does not look up by name.</summary>
    NotUnderDev,
    /// <summary>A root given as <c>UUID=</c>/<c>LABEL=</c>/<c>/dev/mapper/</c>: only an initramfs resolves it.</summary>
    NeedsInitramfs,
    /// <summary>A host name where the kernel needs a dotted-quad address (<c>nfsroot=server:/path</c>).</summary>
    HostNameServer,
    /// <summary>An NFS root directory that is not absolute.</summary>
    RelativePath,
    /// <summary>An address the kernel cannot read as intended.</summary>
    BadAddress,
    /// <summary>A netmask that is not a dotted contiguous mask.</summary>
    BadNetmask,
    /// <summary>A host name that breaks RFC 1123.</summary>
    BadHostName,
    /// <summary>An autoconfiguration method the kernel does not know (it then means "off").</summary>
    UnknownAutoconf,
    /// <summary>More than the ten fields of <c>ip=</c>; the rest is ignored.</summary>
    TooManyFields,
    /// <summary>A device name longer than 15 characters.</summary>
    DeviceNameTooLong,
    /// <summary>A gateway outside the subnet given by the client address and netmask.</summary>
    GatewayOutsideSubnet,
    /// <summary>A static <c>ip=</c> with no client address and autoconfiguration off: the interface gets no address.</summary>
    NoAddress,
}

/// <summary>One argument of a kernel command line.</summary>
/// <param name="Text">The argument as written (quotes included).</param>
/// <param name="Span">Where it is.</param>
/// <param name="Name">The part before the first <c>=</c> (the whole word for a flag), quotes removed.</param>
/// <param name="Value">The part after the first <c>=</c>, surrounding quotes removed; null for a flag.</param>
/// <param name="ValueSpan">Where the value is (inside any quotes); empty at the end for a flag.</param>
/// <param name="IsForInit">True after a <c>--</c>: the kernel passes these to init instead of reading them.</param>
public sealed record KernelArgument(string Text, TextSpan Span, string Name, string? Value, TextSpan ValueSpan, bool IsForInit);

/// <summary>The kind of device a <c>root</c> value names.</summary>
public enum RootDeviceKind
{
    /// <summary>A <c>/dev/...</c> path.</summary>
    DevicePath,
    /// <summary><c>/dev/nfs</c>: root on NFS (needs <c>nfsroot=</c> and an address).</summary>
    Nfs,
    /// <summary><c>UUID=...</c> (filesystem UUID; initramfs only).</summary>
    Uuid,
    /// <summary><c>LABEL=...</c> (filesystem label; initramfs only).</summary>
    Label,
    /// <summary><c>PARTUUID=...</c> (partition UUID; the kernel reads it).</summary>
    PartUuid,
    /// <summary><c>PARTLABEL=...</c> (partition label; the kernel reads it).</summary>
    PartLabel,
    /// <summary>A device number (hex <c>0801</c> or <c>8:1</c>).</summary>
    DeviceNumber,
    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>A <c>root</c> setting read as the kernel will see it.</summary>
/// <param name="Device">The root device word (after a tolerated <c>root=</c>).</param>
/// <param name="Kind">What kind of device it names.</param>
/// <param name="GuestDevice">For <c>/dev/xvda1</c>-style names, the virtual device as libxl reads it; match it against the disks' vdevs.</param>
/// <param name="ExtraWords">The words after the device (<c>ro</c>, <c>quiet</c>, ...): more kernel arguments.</param>
/// <param name="Problems">What is wrong.</param>
public sealed record RootValue(
    Located<string> Device,
    RootDeviceKind Kind,
    VirtualDevice? GuestDevice,
    IReadOnlyList<Located<string>> ExtraWords,
    IReadOnlyList<SpecProblem<KernelArgumentProblemKind>> Problems);

/// <summary>The kernel's <c>nfsroot=[server-ip:]root-dir[,options]</c>.</summary>
/// <param name="Server">The server address when the value starts with a dotted quad and a colon.</param>
/// <param name="Path">The root directory (may contain <c>%s</c>, replaced by the client address).</param>
/// <param name="Options">The NFS mount options after the first comma.</param>
/// <param name="Problems">What is wrong.</param>
public sealed record NfsRoot(
    Located<Ipv4Address>? Server,
    Located<string> Path,
    Located<string>? Options,
    IReadOnlyList<SpecProblem<KernelArgumentProblemKind>> Problems);

/// <summary>The kernel's <c>ip=</c> parameter.</summary>
public sealed class KernelIpConfig
{
    internal KernelIpConfig() { }

    /// <summary>The fields as written, split at colons.</summary>
    public IReadOnlyList<Located<string>> Fields { get; internal set; } = [];
    /// <summary>Set when the whole value is a method (<c>ip=dhcp</c>, <c>ip=on</c>, ...), or <c>off</c>/<c>none</c>/empty.</summary>
    public Located<string>? Method { get; internal set; }
    /// <summary>Field 1: the client address.</summary>
    public Located<Ipv4Address>? Client { get; internal set; }
    /// <summary>Field 2: the NFS server address.</summary>
    public Located<Ipv4Address>? Server { get; internal set; }
    /// <summary>Field 3: the gateway.</summary>
    public Located<Ipv4Address>? Gateway { get; internal set; }
    /// <summary>Field 4: the netmask.</summary>
    public Located<Ipv4Address>? Netmask { get; internal set; }
    /// <summary>Field 5: the host name (the kernel puts the part after the first dot in the NIS domain name).</summary>
    public Located<string>? HostName { get; internal set; }
    /// <summary>Field 6: the device.</summary>
    public Located<string>? Device { get; internal set; }
    /// <summary>Field 7: the autoconfiguration method.</summary>
    public Located<string>? Autoconf { get; internal set; }
    /// <summary>Fields 8–9: DNS servers.</summary>
    public IReadOnlyList<Located<Ipv4Address>> DnsServers { get; internal set; } = [];
    /// <summary>Field 10: an NTP server.</summary>
    public Located<Ipv4Address>? NtpServer { get; internal set; }
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SpecProblem<KernelArgumentProblemKind>> Problems { get; internal set; } = [];

    /// <summary>True when the kernel will ask DHCP/BOOTP/RARP for the address.</summary>
    public bool UsesAutoconfiguration =>
        (Method?.Value ?? Autoconf?.Value) is "on" or "any" or "dhcp" or "bootp" or "rarp" or "both"
        || (Method is null && Client is null && Autoconf is null or { Value: "" });
}

/// <summary>
/// Parsers for what ends up on a guest kernel's command line: the command line itself (Linux
/// kernel/params.c <c>next_arg</c>), <c>root</c> (xl_parse.c <c>parse_cmdline</c>; xm's create.py
/// <c>configure_image</c>), <c>nfsroot=</c> (Documentation/admin-guide/nfs/nfsroot.rst;
/// net/ipv4/ipconfig.c <c>root_nfs_parse_addr</c>) and <c>ip=</c> (ipconfig.c <c>ip_auto_config_setup</c>).
/// </summary>
public static class KernelArgumentParser
{
    private static readonly string[] Methods = ["on", "any", "dhcp", "bootp", "rarp", "both"];

    /// <summary>
    /// Splits a command line into arguments as the kernel does: at blanks outside double quotes; a
    /// value's surrounding quotes are dropped; <c>--</c> hands the rest to init. Never throws.
    /// </summary>
    public static IReadOnlyList<KernelArgument> Tokenize(string commandLine, out IReadOnlyList<SpecProblem<KernelArgumentProblemKind>> problems)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var arguments = new List<KernelArgument>();
        var found = new List<SpecProblem<KernelArgumentProblemKind>>();
        bool forInit = false;
        int i = 0;
        while (i < commandLine.Length)
        {
            while (i < commandLine.Length && CLibrary.IsSpace(commandLine[i]))
                i++;
            if (i >= commandLine.Length)
                break;
            int start = i;
            bool inQuote = false;
            int equals = -1;
            while (i < commandLine.Length && (inQuote || !CLibrary.IsSpace(commandLine[i])))
            {
                if (equals < 0 && commandLine[i] == '=' && i > start)
                    equals = i;
                if (commandLine[i] == '"')
                    inQuote = !inQuote;
                i++;
            }

            string text = commandLine[start..i];
            if (inQuote)
            {
                found.Add(new(KernelArgumentProblemKind.UnbalancedQuote, TextSpan.FromBounds(start, i),
                    $"The double quote in `{text}` is never closed, so everything up to the end of the line is one argument. Close the quote."));
            }

            if (text == "--" && !forInit)
            {
                forInit = true;
                continue;
            }

            if (equals < 0)
            {
                string name = text.Trim('"');
                arguments.Add(new KernelArgument(text, TextSpan.FromBounds(start, i), name, null, new TextSpan(i, 0), forInit));
                continue;
            }

            int valueStart = equals + 1;
            int valueEnd = i;
            if (valueStart < valueEnd && commandLine[valueStart] == '"')
            {
                valueStart++;
                if (valueEnd > valueStart && commandLine[valueEnd - 1] == '"')
                    valueEnd--;
            }

            string argumentName = commandLine[start..equals].TrimStart('"');
            arguments.Add(new KernelArgument(text, TextSpan.FromBounds(start, i), argumentName,
                commandLine[valueStart..valueEnd], TextSpan.FromBounds(valueStart, valueEnd), forInit));
        }

        problems = found;
        return arguments;
    }

    /// <summary>
    /// Reads a <c>root</c> setting. xl writes <c>root=VALUE</c> in front of <c>extra</c>, so the first word is
    /// the device and further words are more kernel arguments; xm also dropped a leading <c>root=</c>.
    /// Never throws.
    /// </summary>
    public static RootValue ParseRoot(string value, Dialect dialect = Dialect.Xl)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problems = new List<SpecProblem<KernelArgumentProblemKind>>();
        var words = Tokenize(value, out var tokenProblems).Where(a => !a.IsForInit).Select(a => new Located<string>(a.Text, a.Span)).ToList();
        problems.AddRange(tokenProblems);
        if (words.Count == 0)
        {
            problems.Add(new(KernelArgumentProblemKind.Empty, new TextSpan(0, value.Length),
                "`root` is empty, so the kernel gets `root=` with no device. Name the root device, e.g. `/dev/xvda1`.") { IsFatal = true });
            return new RootValue(new Located<string>("", new TextSpan(0, 0)), RootDeviceKind.Other, null, [], problems);
        }

        var device = words[0];
        if (device.Value.StartsWith("root=", StringComparison.Ordinal))
        {
            var rest = new Located<string>(device.Value[5..], TextSpan.FromBounds(device.Span.Start + 5, device.Span.End));
            if (dialect == Dialect.Xl)
            {
                problems.Add(new(KernelArgumentProblemKind.RootPrefixUnderXl, new TextSpan(device.Span.Start, 5),
                    $"xl writes `root=` itself, so the kernel gets `root=root={rest.Value}` and cannot find the root device (xm used to drop the extra `root=`). Write `root = \"{rest.Value}\"`.") { IsFatal = true });
            }

            device = rest;
        }

        var (kind, guest) = Classify(device.Value);
        switch (kind)
        {
            case RootDeviceKind.Uuid or RootDeviceKind.Label:
                problems.Add(new(KernelArgumentProblemKind.NeedsInitramfs, device.Span,
                    $"The kernel itself does not understand `{device.Value}`: only an initramfs resolves UUID= and LABEL=. Boot with a ramdisk, or name the device (`/dev/xvda1`) or use PARTUUID=."));
                break;
            case RootDeviceKind.DevicePath when device.Value.StartsWith("/dev/mapper/", StringComparison.Ordinal):
                problems.Add(new(KernelArgumentProblemKind.NeedsInitramfs, device.Span,
                    $"`{device.Value}` exists only after userspace has set up device-mapper, so the kernel needs an initramfs to mount it. Boot with a ramdisk that activates it."));
                break;
            case RootDeviceKind.Other:
                problems.Add(new(KernelArgumentProblemKind.NotUnderDev, device.Span,
                    $"The kernel looks up a root device by name only under /dev/, so `{device.Value}` will not be found. Write `/dev/{device.Value}`.") { IsFatal = true });
                break;
        }

        return new RootValue(device, kind, guest, words.Skip(1).ToList(), problems);
    }

    private static (RootDeviceKind Kind, VirtualDevice? Guest) Classify(string device)
    {
        if (device == "/dev/nfs")
            return (RootDeviceKind.Nfs, null);
        if (device.StartsWith("/dev/", StringComparison.Ordinal))
        {
            var guest = VirtualDeviceParser.Parse(device[5..]);
            return (RootDeviceKind.DevicePath, guest.IsValid && guest.Scheme is not VirtualDeviceScheme.Number ? guest : null);
        }

        if (device.StartsWith("UUID=", StringComparison.Ordinal))
            return (RootDeviceKind.Uuid, null);
        if (device.StartsWith("LABEL=", StringComparison.Ordinal))
            return (RootDeviceKind.Label, null);
        if (device.StartsWith("PARTUUID=", StringComparison.Ordinal))
            return (RootDeviceKind.PartUuid, null);
        if (device.StartsWith("PARTLABEL=", StringComparison.Ordinal))
            return (RootDeviceKind.PartLabel, null);
        bool isNumber = device.Length > 0 && (device.All(char.IsAsciiHexDigit)
            || (device.Split(':') is [var major, var minor] && major.Length > 0 && minor.Length > 0 && major.All(char.IsAsciiDigit) && minor.All(char.IsAsciiDigit)));
        return (isNumber ? RootDeviceKind.DeviceNumber : RootDeviceKind.Other, null);
    }

    /// <summary>Reads the value of a kernel <c>nfsroot=</c> argument (without the <c>nfsroot=</c>). Never throws.</summary>
    public static NfsRoot ParseNfsRoot(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var problems = new List<SpecProblem<KernelArgumentProblemKind>>();
        Located<Ipv4Address>? server = null;
        int pathStart = 0;
        int serverEnd = KernelServerPrefixEnd(value);
        if (serverEnd >= 0)
        {
            string address = value[..serverEnd];
            var parsed = NetworkValueParser.ParseIpv4(address);
            foreach (var p in parsed.Problems)
                problems.Add(new(KernelArgumentProblemKind.BadAddress, p.Span, p.Message) { IsFatal = p.IsFatal });
            if (parsed.Value is { } a)
                server = new Located<Ipv4Address>(a, new TextSpan(0, serverEnd));
            pathStart = serverEnd < value.Length ? serverEnd + 1 : serverEnd;
        }

        int comma = value.IndexOf(',', pathStart);
        int pathEnd = comma < 0 ? value.Length : comma;
        var path = new Located<string>(value[pathStart..pathEnd], TextSpan.FromBounds(pathStart, pathEnd));
        Located<string>? options = comma < 0 ? null : new Located<string>(value[(comma + 1)..], TextSpan.FromBounds(comma + 1, value.Length));

        int colon = path.Value.IndexOf(':', StringComparison.Ordinal);
        if (serverEnd < 0 && colon > 0 && !path.Value[..colon].Contains('/', StringComparison.Ordinal))
        {
            string host = path.Value[..colon];
            problems.Add(new(KernelArgumentProblemKind.HostNameServer, new TextSpan(path.Span.Start, colon),
                $"The kernel does not resolve host names: `{host}:` becomes part of the NFS path and the mount fails. Write the server's dotted-quad address, e.g. `nfsroot=192.0.2.1:{path.Value[(colon + 1)..]}`.") { IsFatal = true });
        }
        else if (path.Value.Length > 0 && !path.Value.StartsWith('/'))
        {
            problems.Add(new(KernelArgumentProblemKind.RelativePath, path.Span,
                $"The NFS root directory `{path.Value}` is not absolute. Write the exported path from the server's root, e.g. `/{path.Value}`.") { IsFatal = true });
        }

        return new NfsRoot(server, path, options, problems);
    }

    /// <summary>
    /// ipconfig.c <c>root_nfs_parse_addr</c>: four groups of one to three digits separated by dots, then a
    /// colon or the end. Returns where the address ends, or -1 when the value does not start with one.
    /// </summary>
    private static int KernelServerPrefixEnd(string value)
    {
        int octets = 0;
        int p = 0;
        int groupStart = 0;
        while (octets < 4)
        {
            while (p < value.Length && char.IsAsciiDigit(value[p]))
                p++;
            if (p == groupStart || p - groupStart > 3)
                break;
            if ((p < value.Length && value[p] == '.') || octets == 3)
                octets++;
            if (octets < 4)
                p++;
            groupStart = p;
        }

        return octets == 4 && (p == value.Length || value[p] == ':') ? p : -1;
    }

    /// <summary>Reads the value of a kernel <c>ip=</c> argument (without the <c>ip=</c>). Never throws.</summary>
    public static KernelIpConfig ParseIp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = new KernelIpConfig();
        var problems = new List<SpecProblem<KernelArgumentProblemKind>>();
        void Add(KernelArgumentProblemKind kind, TextSpan span, string message, bool fatal) =>
            problems.Add(new(kind, span, message) { IsFatal = fatal });

        if (Methods.Contains(value, StringComparer.Ordinal) || value is "" or "off" or "none")
        {
            result.Method = new Located<string>(value, new TextSpan(0, value.Length));
            result.Problems = problems;
            return result;
        }

        var fields = new List<Located<string>>();
        int start = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            if (i == value.Length || value[i] == ':')
            {
                fields.Add(new Located<string>(value[start..i], TextSpan.FromBounds(start, i)));
                start = i + 1;
            }
        }

        result.Fields = fields;
        if (fields.Count > 10)
        {
            Add(KernelArgumentProblemKind.TooManyFields, TextSpan.FromBounds(fields[10].Span.Start - 1, value.Length),
                $"`ip=` has {fields.Count} fields; the kernel reads at most 10 (client:server:gateway:netmask:hostname:device:autoconf:dns0:dns1:ntp0) and ignores the rest. Remove the extra fields.", false);
        }

        Located<Ipv4Address>? Address(int index, string what)
        {
            if (index >= fields.Count || fields[index].Value.Length == 0)
                return null;
            var field = fields[index];
            var parsed = NetworkValueParser.ParseIpv4(field.Value);
            foreach (var p in parsed.Problems)
            {
                Add(KernelArgumentProblemKind.BadAddress, Spans.Shift(p.Span, field.Span.Start),
                    p.Kind == NetworkValueProblemKind.LeadingZero ? p.Message : $"{p.Message} (It is the {what} of `ip=`.)", p.IsFatal);
            }

            return parsed.Value is { } a ? new Located<Ipv4Address>(a, field.Span) : null;
        }

        result.Client = Address(0, "client address");
        result.Server = Address(1, "server address");
        result.Gateway = Address(2, "gateway");
        if (fields.Count > 3 && fields[3].Value.Length > 0)
        {
            var field = fields[3];
            var mask = NetworkValueParser.ParseNetmask(field.Value);
            foreach (var p in mask.Problems)
                Add(KernelArgumentProblemKind.BadNetmask, Spans.Shift(p.Span, field.Span.Start), p.Message, p.IsFatal);
            if (mask.IsValid)
                result.Netmask = new Located<Ipv4Address>(mask.Value!.Value, field.Span);
        }

        if (fields.Count > 4 && fields[4].Value.Length > 0)
        {
            var field = fields[4];
            result.HostName = field;
            foreach (var p in NetworkValueParser.CheckHostName(field.Value))
                Add(KernelArgumentProblemKind.BadHostName, Spans.Shift(p.Span, field.Span.Start), p.Message, false);
        }

        if (fields.Count > 5 && fields[5].Value.Length > 0)
        {
            var field = fields[5];
            result.Device = field;
            if (field.Value.Length > 15)
                Add(KernelArgumentProblemKind.DeviceNameTooLong, field.Span, $"The device name `{field.Value}` is longer than Linux's 15 characters, so no such interface exists. Write the guest's interface name, e.g. `eth0`.", false);
        }

        if (fields.Count > 6)
        {
            var field = fields[6];
            result.Autoconf = field;
            if (field.Value.Length > 0 && !Methods.Contains(field.Value, StringComparer.Ordinal) && field.Value is not ("off" or "none"))
            {
                Add(KernelArgumentProblemKind.UnknownAutoconf, field.Span,
                    $"The kernel does not know the autoconfiguration method `{field.Value}` and treats it as `off`. Write one of off, none, on, any, dhcp, bootp, rarp or both.", false);
            }
        }

        result.DnsServers = new[] { Address(7, "first DNS server"), Address(8, "second DNS server") }.OfType<Located<Ipv4Address>>().ToList();
        result.NtpServer = Address(9, "NTP server");

        if (result.Client is { } client && result.Gateway is { } gateway && result.Netmask is { } netmask
            && !client.Value.SameSubnet(gateway.Value, netmask.Value))
        {
            Add(KernelArgumentProblemKind.GatewayOutsideSubnet, gateway.Span,
                $"The gateway {gateway.Value} is not in the subnet of {client.Value} with netmask {netmask.Value}, so the guest cannot reach it. Check the gateway and the netmask.", false);
        }

        bool autoconfOff = result.Autoconf is { Value: "off" or "none" } || (result.Autoconf is { Value: var m } && m.Length > 0 && !Methods.Contains(m, StringComparer.Ordinal));
        if (fields[0].Value.Length == 0 && autoconfOff)
        {
            Add(KernelArgumentProblemKind.NoAddress, new TextSpan(0, value.Length),
                "This `ip=` has no client address and autoconfiguration is off, so the interface gets no address. Give the address as the first field, or use `dhcp`.", false);
        }

        result.Problems = problems;
        return result;
    }
}
