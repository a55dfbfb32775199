using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Pidgin;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace XenCfg.Analysis.Specs.Values;

/// <summary>Problems in addresses, masks, host names and MAC addresses.</summary>
public enum NetworkValueProblemKind
{
    /// <summary>Empty where a value is needed.</summary>
    Empty,
    /// <summary>Not of the expected shape at all.</summary>
    BadSyntax,
    /// <summary>A number out of range (an octet above 255).</summary>
    OutOfRange,
    /// <summary>A decimal octet with a leading zero, which different readers take differently.</summary>
    LeadingZero,
    /// <summary>A netmask whose one-bits are not contiguous.</summary>
    NotContiguous,
    /// <summary>A prefix length (<c>24</c>, <c>/24</c>) where a dotted netmask is needed.</summary>
    PrefixLength,
    /// <summary>A host name that breaks RFC 1123.</summary>
    BadHostName,
    /// <summary>A MAC address with the multicast bit set.</summary>
    MulticastMac,
}

/// <summary>A parsed value and the problems found on the way; <see cref="Value"/> is null when unreadable.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TKind">The problem enum.</typeparam>
/// <param name="Value">The value read, or null.</param>
/// <param name="Problems">What was wrong, with spans relative to the parsed text.</param>
public sealed record ParsedValue<T, TKind>(T? Value, IReadOnlyList<SpecProblem<TKind>> Problems)
    where T : struct
    where TKind : struct, Enum
{
    /// <summary>True when a value was read and no problem is fatal.</summary>
    public bool IsValid => Value is not null && !Problems.Any(p => p.IsFatal);
}

/// <summary>An IPv4 address.</summary>
/// <param name="Value">The address as a host-order 32-bit number (192.0.2.1 is 0xC0000201).</param>
public readonly record struct Ipv4Address(uint Value)
{
    /// <summary>The four octets, most significant first.</summary>
    public IReadOnlyList<byte> Octets => [(byte)(Value >> 24), (byte)(Value >> 16), (byte)(Value >> 8), (byte)Value];

    /// <summary>Dotted-quad form.</summary>
    public override string ToString() =>
        string.Join('.', Octets.Select(o => o.ToString(CultureInfo.InvariantCulture)));

    /// <summary>True when both addresses are in the same subnet under <paramref name="netmask"/>.</summary>
    public bool SameSubnet(Ipv4Address other, Ipv4Address netmask) => (Value & netmask.Value) == (other.Value & netmask.Value);
}

/// <summary>A 48-bit Ethernet MAC address.</summary>
/// <param name="Value">The address as a number, first octet most significant.</param>
public readonly record struct MacAddress(ulong Value)
{
    /// <summary>The six octets, first one first.</summary>
    public IReadOnlyList<byte> Octets
    {
        get
        {
            ulong value = Value;
            return Enumerable.Range(0, 6).Select(i => (byte)(value >> (40 - 8 * i))).ToArray();
        }
    }

    /// <summary>Bit 0 of the first octet: a group address, wrong for a NIC.</summary>
    public bool IsMulticast => (Octets[0] & 1) != 0;

    /// <summary>Bit 1 of the first octet: a locally administered address, free for private use.</summary>
    public bool IsLocallyAdministered => (Octets[0] & 2) != 0;

    /// <summary>Within Xen's own OUI 00:16:3e, which xl draws random addresses from.</summary>
    public bool IsXenOui => Value >> 24 == 0x00163e;

    /// <summary>Canonical lower-case colon form (00:16:3e:01:02:03).</summary>
    public override string ToString() =>
        string.Join(':', Octets.Select(o => o.ToString("x2", CultureInfo.InvariantCulture)));
}

/// <summary>Parsers for the network values found in configs and on kernel command lines.</summary>
public static class NetworkValueParser
{
    private static readonly Parser<char, (string Digits, int Offset)> Number =
        CurrentOffset.Then(Token(char.IsAsciiDigit).AtLeastOnceString(), (offset, digits) => (digits, offset));

    /// <summary><c>D.D.D.D</c>, decimal digits only; the octet values are checked afterwards.</summary>
    private static readonly Parser<char, IEnumerable<(string Digits, int Offset)>> DottedQuad =
        Number.SeparatedAtLeastOnce(Char('.')).Before(End);

    /// <summary>
    /// An IPv4 address written as four decimal octets 0–255. A leading zero (<c>010</c>) is read as
    /// decimal, as the Linux kernel's <c>in_aton</c> does for <c>ip=</c> and <c>nfsroot=</c>
    /// (net/core/utils.c; net/ipv4/ipconfig.c <c>ip_auto_config_setup</c> and <c>root_nfs_parse_addr</c>),
    /// and reported: C's <c>inet_aton</c>, and with it most userspace tools and hotplug scripts, reads it
    /// as octal. Never throws.
    /// </summary>
    public static ParsedValue<Ipv4Address, NetworkValueProblemKind> ParseIpv4(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = new List<SpecProblem<NetworkValueProblemKind>>();
        var whole = new TextSpan(0, text.Length);
        if (text.Length == 0)
        {
            problems.Add(Fatal(NetworkValueProblemKind.Empty, whole, "The IPv4 address is empty. Write four decimal numbers 0–255 separated by dots, e.g. `192.0.2.10`."));
            return new(null, problems);
        }

        var parsed = DottedQuad.Parse(text);
        var octets = parsed.Success ? parsed.Value.ToList() : [];
        if (octets.Count != 4)
        {
            problems.Add(Fatal(NetworkValueProblemKind.BadSyntax, whole,
                $"`{text}` is not an IPv4 address. Write four decimal numbers 0–255 separated by dots, e.g. `192.0.2.10`."));
            return new(null, problems);
        }

        uint value = 0;
        foreach (var (digits, offset) in octets)
        {
            var span = new TextSpan(offset, digits.Length);
            string significant = digits.TrimStart('0');
            if (significant.Length > 3 || (significant.Length > 0 && int.Parse(significant, CultureInfo.InvariantCulture) > 255))
            {
                problems.Add(Fatal(NetworkValueProblemKind.OutOfRange, span,
                    $"`{digits}` is more than 255, the largest value of an IPv4 address octet. Fix the address."));
                continue;
            }

            int octet = significant.Length == 0 ? 0 : int.Parse(significant, CultureInfo.InvariantCulture);
            long octal = OctalOrMinusOne(digits);
            // "00" or "007" read the same either way; only a differing reading is worth a word.
            if (digits.Length > 1 && digits[0] == '0' && octal != octet)
            {
                string userspace = octal < 0 ? "refuses it as a bad octal number" : $"reads it as octal {octal}";
                problems.Add(new(NetworkValueProblemKind.LeadingZero, span,
                    $"`{digits}` has a leading zero: the kernel reads it as decimal {octet}, but C's inet_aton (and tools built on it) {userspace}. Write `{octet}`."));
            }

            value = (value << 8) | (uint)octet;
        }

        return new(problems.Any(p => p.IsFatal) ? null : new Ipv4Address(value), problems);
    }

    private static long OctalOrMinusOne(string digits)
    {
        long value = 0;
        foreach (char c in digits)
        {
            if (c > '7')
                return -1;
            value = value * 8 + (c - '0');
        }

        return value;
    }

    /// <summary>
    /// A netmask in dotted form with contiguous one-bits. A prefix length (<c>24</c> or <c>/24</c>) is
    /// refused: xm's create.py (<c>preprocess_ip</c>) copied <c>netmask</c> verbatim into the kernel's
    /// <c>ip=</c> parameter, where <c>in_aton</c> reads <c>24</c> as 24.0.0.0, so it never meant /24.
    /// Never throws.
    /// </summary>
    public static ParsedValue<Ipv4Address, NetworkValueProblemKind> ParseNetmask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string digits = text.StartsWith('/') ? text[1..] : text;
        if (digits.Length is > 0 and <= 2 && digits.All(char.IsAsciiDigit))
        {
            int prefix = int.Parse(digits, CultureInfo.InvariantCulture);
            string suggestion = prefix <= 32 ? $" Write `{MaskFromPrefix(prefix)}`." : "";
            return new(null, [Fatal(NetworkValueProblemKind.PrefixLength, new TextSpan(0, text.Length),
                $"`{text}` is a prefix length, but the netmask must be dotted: the kernel would read `{digits}` as {digits}.0.0.0.{suggestion}")]);
        }

        var address = ParseIpv4(text);
        if (address.Value is not { } mask)
            return address;
        uint inverted = ~mask.Value;
        if ((inverted & (inverted + 1)) != 0)
        {
            int ones = System.Numerics.BitOperations.PopCount(mask.Value);
            return new(mask, [.. address.Problems, Fatal(NetworkValueProblemKind.NotContiguous, new TextSpan(0, text.Length),
                $"`{text}` is not a netmask: its one-bits are not contiguous. A mask with {ones} one-bits is `{MaskFromPrefix(ones)}`.")]);
        }

        return address;
    }

    /// <summary>The dotted netmask of a prefix length (24 → 255.255.255.0).</summary>
    public static Ipv4Address MaskFromPrefix(int prefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefix);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefix, 32);
        return new Ipv4Address(prefix == 0 ? 0 : uint.MaxValue << (32 - prefix));
    }

    /// <summary>
    /// A host name by RFC 1123: labels of 1–63 letters, digits and hyphens, not starting or ending with a
    /// hyphen, separated by dots, at most 253 characters in all. Returns the problems (none when valid).
    /// </summary>
    public static IReadOnlyList<SpecProblem<NetworkValueProblemKind>> CheckHostName(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
            return [Fatal(NetworkValueProblemKind.Empty, new TextSpan(0, 0), "The host name is empty. Write a name such as `vm1` or `vm1.example.org`.")];
        if (text.Length > 253)
            return [Fatal(NetworkValueProblemKind.BadHostName, new TextSpan(0, text.Length), $"The host name is {text.Length} characters long; at most 253 are allowed. Shorten it.")];
        int start = 0;
        foreach (string label in text.Split('.'))
        {
            var span = new TextSpan(start, label.Length);
            start += label.Length + 1;
            string? why = label.Length == 0 ? "an empty label (two dots, or a dot at an end)"
                : label.Length > 63 ? $"a label of {label.Length} characters (at most 63)"
                : label.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-') ? $"the label `{label}`, which has characters other than letters, digits and hyphens"
                : label[0] == '-' || label[^1] == '-' ? $"the label `{label}`, which starts or ends with a hyphen"
                : null;
            if (why is not null)
                return [Fatal(NetworkValueProblemKind.BadHostName, span, $"`{text}` is not a valid host name: it has {why}. Use letters, digits and inner hyphens, separated by dots.")];
        }

        return [];
    }

    private static readonly Parser<char, IEnumerable<string>> MacGroups =
        Token(char.IsAsciiHexDigit).AtLeastOnceString().SeparatedAtLeastOnce(Char(':')).Before(End);

    /// <summary>
    /// A MAC address in the canonical form: six groups of two hex digits separated by colons.
    /// The multicast bit (bit 0 of the first octet) is reported: such an address cannot belong to a NIC.
    /// Never throws.
    /// </summary>
    public static ParsedValue<MacAddress, NetworkValueProblemKind> ParseMac(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var whole = new TextSpan(0, text.Length);
        var groups = MacGroups.Parse(text);
        if (!groups.Success || groups.Value.Count() != 6 || groups.Value.Any(g => g.Length != 2))
        {
            return new(null, [Fatal(text.Length == 0 ? NetworkValueProblemKind.Empty : NetworkValueProblemKind.BadSyntax, whole,
                $"`{text}` is not a MAC address. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.")]);
        }

        ulong value = 0;
        foreach (string digits in groups.Value)
            value = (value << 8) | ulong.Parse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var mac = new MacAddress(value);
        if (mac.IsMulticast)
            return new(mac, [MulticastProblem(NetworkValueProblemKind.MulticastMac, mac, new TextSpan(0, 2))]);
        return new(mac, []);
    }

    /// <summary>The multicast-bit problem, worded once for every caller.</summary>
    internal static SpecProblem<TKind> MulticastProblem<TKind>(TKind kind, MacAddress mac, TextSpan span)
        where TKind : struct, Enum
    {
        var octets = mac.Octets;
        byte first = octets[0];
        var fixedOctets = new[] { (byte)((first & 0xfe) | 0x02) }.Concat(octets.Skip(1));
        string suggestion = string.Join(':', fixedOctets.Select(o => o.ToString("x2", CultureInfo.InvariantCulture)));
        return new(kind, span,
            $"The MAC address {mac} has the multicast bit set (its first octet, {first:x2}, is odd), so it cannot be a NIC's address. Use Xen's prefix `00:16:3e:...`, or a locally administered address such as `{suggestion}`.");
    }

    private static SpecProblem<NetworkValueProblemKind> Fatal(NetworkValueProblemKind kind, TextSpan span, string message) =>
        new(kind, span, message) { IsFatal = true };
}
