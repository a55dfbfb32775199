using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using Pidgin;
using XenCfg.Analysis.Specs.Values;
using static Pidgin.Parser;
using static Pidgin.Parser<char>;

namespace XenCfg.Analysis.Specs.Vif;

/// <summary>Problems in a vif spec.</summary>
public enum VifProblemKind
{
    /// <summary>A key xl does not know (xl prints "unrecognized argument" and goes on without it).</summary>
    UnknownKey,
    /// <summary>A <c>mac</c> xl cannot read (xl warns "Invalid parameter `mac'" and keeps a partial address).</summary>
    BadMac,
    /// <summary>A <c>mac</c> xl reads, but not written as six colon-separated pairs of hex digits.</summary>
    NonCanonicalMac,
    /// <summary>A <c>mac</c> with the multicast bit set.</summary>
    MulticastMac,
    /// <summary><c>type</c> other than <c>vif</c>/<c>ioemu</c> (xl warns "Invalid parameter `type'" and ignores it).</summary>
    BadType,
    /// <summary>A <c>rate</c> xl refuses (fatal: xl exits), or reads in a surprising way.</summary>
    BadRate,
    /// <summary>A <c>vifname</c> longer than Linux's 15-character interface names.</summary>
    VifNameTooLong,
    /// <summary>An address after <c>ip=...</c> separated by a comma, which ends the item.</summary>
    CommaSeparatedIp,
    /// <summary>An entry of <c>ip</c> that is not an IPv4 address.</summary>
    BadIp,
    /// <summary>An <c>mtu</c> xl refuses (fatal) or that no NIC can use.</summary>
    BadMtu,
    /// <summary>A <c>devid</c> xl refuses (fatal) or reads partly.</summary>
    BadDevId,
    /// <summary>Blanks at the end of a value: xl keeps them (it only skips spaces before an item).</summary>
    TrailingBlank,
    /// <summary><c>netdev</c>: deprecated, xl says to use <c>gatewaydev</c>.</summary>
    DeprecatedKey,
    /// <summary><c>accel</c>: accepted by xm, "not supported" by xl.</summary>
    NotSupported,
    /// <summary>A key given twice: the last one wins.</summary>
    DuplicateKey,
    /// <summary>A NUL character: xl stops reading the string there.</summary>
    EmbeddedNul,
}

/// <summary>One comma-separated item of a vif spec.</summary>
/// <param name="Key">The text before the first <c>=</c>, or the whole item for a flag.</param>
/// <param name="Value">The text after the first <c>=</c>; null for a flag (<c>trusted</c>).</param>
/// <param name="Span">The item, without the leading spaces xl skips.</param>
/// <param name="KeySpan">Where <paramref name="Key"/> is.</param>
/// <param name="ValueSpan">Where <paramref name="Value"/> is (empty at the end of the item for a flag).</param>
public sealed record VifItem(string Key, string? Value, TextSpan Span, TextSpan KeySpan, TextSpan ValueSpan)
{
    /// <summary>True when xl knows the key.</summary>
    public bool IsKnown { get; init; }
}

/// <summary>An interpreted <c>rate</c>: what libxl is given (<c>rate_bytes_per_interval</c>, <c>rate_interval_usecs</c>).</summary>
/// <param name="BytesPerSecond">The rate in bytes per second.</param>
/// <param name="IntervalMicroseconds">The replenishment interval (default 50 ms).</param>
/// <param name="BytesPerInterval">Bytes allowed per interval.</param>
public readonly record struct VifRate(ulong BytesPerSecond, uint IntervalMicroseconds, ulong BytesPerInterval);

/// <summary>A vif spec as xl reads it (tools/xl/xl_parse.c, <c>parse_nic_config</c>).</summary>
public sealed class VifSpec
{
    internal VifSpec() { }

    /// <summary>The items in order, as xl's <c>strtok(",")</c> cuts them.</summary>
    public IReadOnlyList<VifItem> Items { get; internal set; } = [];
    /// <summary><c>mac</c> as xl reads it.</summary>
    public Located<MacAddress>? Mac { get; internal set; }
    /// <summary><c>bridge</c>.</summary>
    public Located<string>? Bridge { get; internal set; }
    /// <summary><c>gatewaydev</c> (or its deprecated alias <c>netdev</c>).</summary>
    public Located<string>? GatewayDev { get; internal set; }
    /// <summary><c>type</c>: <c>vif</c> or <c>ioemu</c> when valid.</summary>
    public Located<string>? Type { get; internal set; }
    /// <summary><c>model</c>.</summary>
    public Located<string>? Model { get; internal set; }
    /// <summary><c>vifname</c>.</summary>
    public Located<string>? VifName { get; internal set; }
    /// <summary><c>script</c>.</summary>
    public Located<string>? Script { get; internal set; }
    /// <summary><c>ip</c>, as one string (xl keeps it whole).</summary>
    public Located<string>? Ip { get; internal set; }
    /// <summary>The addresses of <c>ip</c>, one per blank-separated word, with an optional <c>/prefix</c>.</summary>
    public IReadOnlyList<Located<string>> IpAddresses { get; internal set; } = [];
    /// <summary><c>backend</c>: the driver domain.</summary>
    public Located<string>? Backend { get; internal set; }
    /// <summary><c>rate</c>, interpreted.</summary>
    public Located<VifRate>? Rate { get; internal set; }
    /// <summary><c>devid</c>, as xl reads it (C <c>strtoul</c>, base 10).</summary>
    public Located<ulong>? DevId { get; internal set; }
    /// <summary><c>mtu</c>, as xl reads it (0 means the default, 1500).</summary>
    public Located<ulong>? Mtu { get; internal set; }
    /// <summary><c>vlan</c>.</summary>
    public Located<string>? Vlan { get; internal set; }
    /// <summary><c>trusted</c>/<c>untrusted</c>.</summary>
    public Located<bool>? Trusted { get; internal set; }
    /// <summary><c>forwarddev</c> (COLO).</summary>
    public Located<string>? ForwardDev { get; internal set; }
    /// <summary>The <c>colo_*</c> settings by key.</summary>
    public IReadOnlyDictionary<string, Located<string>> Colo { get; internal set; } = new Dictionary<string, Located<string>>();
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SpecProblem<VifProblemKind>> Problems { get; internal set; } = [];

    /// <summary>True when xl creates the domain with this vif (no fatal problem; warnings allowed).</summary>
    public bool IsAccepted => !Problems.Any(p => p.IsFatal);
}

/// <summary>
/// Reads a vif spec as xl does (tools/xl/xl_parse.c: the <c>vif</c> loop cuts the string with
/// <c>strtok(",")</c>, skips spaces before each item, and <c>parse_nic_config</c> matches <c>key=</c>
/// prefixes; <c>rate</c> goes to tools/libs/util/libxlu_vif.c). Keys: Xen's
/// docs/man/xl-network-configuration.5.pod.in. Unknown keys and bad <c>mac</c>/<c>type</c> only warn in xl;
/// a bad <c>rate</c>, <c>mtu</c> or <c>devid</c> makes xl exit.
/// </summary>
public static class VifSpecParser
{
    /// <summary>Keys whose value xl stores as a string without checking it.</summary>
    private static readonly string[] PlainKeys = ["bridge", "gatewaydev", "netdev", "ip", "script", "backend", "vifname", "model", "forwarddev", "vlan"];

    /// <summary>The COLO keys of parse_nic_config.</summary>
    private static readonly HashSet<string> ColoKeys = new(StringComparer.Ordinal)
    {
        "colo_sock_mirror_id", "colo_sock_mirror_ip", "colo_sock_mirror_port",
        "colo_sock_compare_sec_in_id", "colo_sock_compare_sec_in_ip", "colo_sock_compare_sec_in_port",
        "colo_sock_redirector0_id", "colo_sock_redirector0_ip", "colo_sock_redirector0_port",
        "colo_sock_redirector1_id", "colo_sock_redirector1_ip", "colo_sock_redirector1_port",
        "colo_sock_redirector2_id", "colo_sock_redirector2_ip", "colo_sock_redirector2_port",
        "colo_sock_compare_pri_in_id", "colo_sock_compare_pri_in_ip", "colo_sock_compare_pri_in_port",
        "colo_sock_compare_notify_id", "colo_sock_compare_notify_ip", "colo_sock_compare_notify_port",
        "colo_filter_mirror_queue", "colo_filter_mirror_outdev",
        "colo_filter_redirector0_queue", "colo_filter_redirector0_indev", "colo_filter_redirector0_outdev",
        "colo_filter_redirector1_queue", "colo_filter_redirector1_indev", "colo_filter_redirector1_outdev",
        "colo_compare_pri_in", "colo_compare_sec_in", "colo_compare_out", "colo_compare_notify_dev",
        "colo_sock_sec_redirector0_id", "colo_sock_sec_redirector0_ip", "colo_sock_sec_redirector0_port",
        "colo_sock_sec_redirector1_id", "colo_sock_sec_redirector1_ip", "colo_sock_sec_redirector1_port",
        "colo_filter_sec_redirector0_queue", "colo_filter_sec_redirector0_indev", "colo_filter_sec_redirector0_outdev",
        "colo_filter_sec_redirector1_queue", "colo_filter_sec_redirector1_indev", "colo_filter_sec_redirector1_outdev",
        "colo_filter_sec_rewriter0_queue", "colo_checkpoint_host", "colo_checkpoint_port",
    };

    /// <summary>Every key xl knows (the flags <c>trusted</c>/<c>untrusted</c> included).</summary>
    public static IReadOnlyCollection<string> KnownKeys { get; } =
        [.. PlainKeys, "mac", "type", "rate", "accel", "devid", "mtu", "trusted", "untrusted", .. ColoKeys];

    /// <summary>Linux's IFNAMSIZ less the terminating NUL.</summary>
    public const int MaxInterfaceNameLength = 15;

    // ---- Pidgin grammars ----

    /// <summary>An item: <c>key=value</c> (the key is everything before the first <c>=</c>) or a bare flag.</summary>
    private static readonly Parser<char, (string Key, string? Value)> Item =
        Map((key, value) => (key, value.HasValue ? value.Value : null),
            Token(c => c != '=').ManyString(),
            Char('=').Then(Any.ManyString()).Optional());

    /// <summary>libxlu_vif.c's <c>^[0-9]+[GMK]?[Bb]/s$</c>: digits, a multiplier, bytes or bits, per second.</summary>
    private static readonly Parser<char, (string Digits, char? Multiplier, char Unit)> RateAmount =
        Map((digits, multiplier, unit) => (digits, multiplier.HasValue ? multiplier.Value : (char?)null, unit),
            Token(char.IsAsciiDigit).AtLeastOnceString(),
            OneOf('G', 'M', 'K').Optional(),
            OneOf('B', 'b').Before(String("/s")).Before(End));

    /// <summary>libxlu_vif.c's <c>^[0-9]+[mu]?s?$</c>: digits, an optional milli/micro, an optional s.</summary>
    private static readonly Parser<char, (string Digits, char? Scale)> RateInterval =
        Map((digits, scale, _) => (digits, scale.HasValue ? scale.Value : (char?)null),
            Token(char.IsAsciiDigit).AtLeastOnceString(),
            OneOf('m', 'u').Optional(),
            Char('s').Optional().Before(End));

    /// <summary>Reads one vif spec (one string of a <c>vif = [...]</c> list, already unquoted). Never throws.</summary>
    public static VifSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var result = new VifSpec();
        var problems = new List<SpecProblem<VifProblemKind>>();
        var items = new List<VifItem>();
        var colo = new Dictionary<string, Located<string>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, VifItem>(StringComparer.Ordinal);
        void Add(VifProblemKind kind, TextSpan span, string message, bool fatal = false) =>
            problems.Add(new SpecProblem<VifProblemKind>(kind, span, message) { IsFatal = fatal });

        string text = spec;
        int nul = spec.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            Add(VifProblemKind.EmbeddedNul, TextSpan.FromBounds(nul, spec.Length),
                "The vif spec contains a NUL character; xl stops reading there and ignores everything after it. Remove it.");
            text = spec[..nul];
        }

        bool sawIp = false;
        foreach (var (itemStart, itemEnd) in Cut(text))
        {
            string raw = text[itemStart..itemEnd];
            var (key, value) = Item.Parse(raw).Value;
            int valueStart = itemStart + key.Length + 1;
            var item = new VifItem(key, value, TextSpan.FromBounds(itemStart, itemEnd), new TextSpan(itemStart, key.Length),
                value is null ? new TextSpan(itemEnd, 0) : TextSpan.FromBounds(valueStart, itemEnd));
            var valueSpan = item.ValueSpan;
            bool known = value is null ? key is "trusted" or "untrusted" : KnownKeys.Contains(key) && key is not ("trusted" or "untrusted");
            item = item with { IsKnown = known };
            items.Add(item);

            if (!known)
            {
                if (sawIp && value is null && LooksLikeAddress(key))
                {
                    Add(VifProblemKind.CommaSeparatedIp, item.Span,
                        $"xl cuts the vif spec at commas, so `{key}` is not part of `ip=`: xl warns \"unrecognized argument\" and drops it. Separate the addresses with spaces: `ip={result.Ip?.Value} {key}`.");
                }
                else
                {
                    Add(VifProblemKind.UnknownKey, item.KeySpan.Length > 0 ? item.KeySpan : item.Span, UnknownKeyMessage(key, value));
                }

                continue;
            }

            string dedupKey = key is "untrusted" ? "trusted" : key is "netdev" ? "gatewaydev" : key;
            if (seen.TryGetValue(dedupKey, out var earlier))
            {
                Add(VifProblemKind.DuplicateKey, item.Span,
                    $"`{key}` is given again: xl keeps only the last value, so the earlier `{text[earlier.Span.Start..earlier.Span.End]}` has no effect. Remove one of them.");
            }

            seen[dedupKey] = item;
            if (value is not null)
                CheckTrailingBlank(key, value, valueSpan, Add);

            switch (key)
            {
                case "trusted" or "untrusted":
                    result.Trusted = new Located<bool>(key == "trusted", item.Span);
                    break;
                case "mac":
                    ReadMac(value!, valueSpan, result, Add);
                    break;
                case "type":
                    if (value is "vif" or "ioemu")
                        result.Type = new Located<string>(value, valueSpan);
                    else if (value!.TrimEnd(' ', '\t') is not ("vif" or "ioemu"))
                        Add(VifProblemKind.BadType, valueSpan, $"xl does not know the vif type `{value}` (\"Invalid parameter `type'\") and ignores it. Write `type=vif` (PV) or `type=ioemu` (emulated NIC for HVM).");
                    break;
                case "rate":
                    ReadRate(value!, valueSpan, result, Add);
                    break;
                case "devid":
                    result.DevId = ReadNumber("devid", VifProblemKind.BadDevId, value!, valueSpan, Add);
                    break;
                case "mtu":
                    result.Mtu = ReadNumber("mtu", VifProblemKind.BadMtu, value!, valueSpan, Add);
                    if (result.Mtu is { Value: var mtu and > 0 } && (mtu < 68 || mtu > 65535))
                        Add(VifProblemKind.BadMtu, valueSpan, $"An MTU of {mtu} is outside what Linux accepts for an Ethernet device (68 to 65535). Use a value such as 1500 (or leave `mtu` out).");
                    break;
                case "accel":
                    Add(VifProblemKind.NotSupported, item.Span, "xl ignores `accel` (\"the accel parameter for vifs is currently not supported\"). Remove it.");
                    break;
                case "netdev":
                    result.GatewayDev = new Located<string>(value!, valueSpan);
                    Add(VifProblemKind.DeprecatedKey, item.KeySpan, "`netdev` is deprecated; xl says to use `gatewaydev`. Write `gatewaydev=` instead.");
                    break;
                case "gatewaydev":
                    result.GatewayDev = new Located<string>(value!, valueSpan);
                    break;
                case "ip":
                    sawIp = true;
                    ReadIp(value!, valueSpan, result, Add);
                    break;
                case "vifname":
                    result.VifName = new Located<string>(value!, valueSpan);
                    if (value!.Length > MaxInterfaceNameLength)
                    {
                        Add(VifProblemKind.VifNameTooLong, valueSpan,
                            $"The interface name `{value}` has {value.Length} characters, but Linux allows at most {MaxInterfaceNameLength}, so the backend interface cannot be created. Shorten it (to at most 11 on HVM guests, where libxl adds \"-emu\" for the emulated NIC).");
                    }

                    break;
                case "bridge": result.Bridge = new(value!, valueSpan); break;
                case "model": result.Model = new(value!, valueSpan); break;
                case "script": result.Script = new(value!, valueSpan); break;
                case "backend": result.Backend = new(value!, valueSpan); break;
                case "vlan": result.Vlan = new(value!, valueSpan); break;
                case "forwarddev": result.ForwardDev = new(value!, valueSpan); break;
                default:
                    colo[key] = new Located<string>(value!, valueSpan);
                    break;
            }
        }

        result.Items = items;
        result.Colo = colo;
        result.Problems = problems;
        return result;
    }

    /// <summary>
    /// xl's loop: <c>strtok(buf, ",")</c> (empty items vanish) and <c>while (*p == ' ') p++</c>
    /// (only spaces, not tabs, are skipped before an item).
    /// </summary>
    private static IEnumerable<(int Start, int End)> Cut(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] == ',')
                i++;
            if (i >= text.Length)
                yield break;
            int end = text.IndexOf(',', i);
            if (end < 0)
                end = text.Length;
            int start = i;
            while (start < end && text[start] == ' ')
                start++;
            yield return (start, end);
            i = end;
        }
    }

    private static bool LooksLikeAddress(string word)
    {
        string address = word.Trim(' ', '\t');
        int slash = address.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
            address = address[..slash];
        return NetworkValueParser.ParseIpv4(address).Value is not null;
    }

    private static string UnknownKeyMessage(string key, string? value)
    {
        string trimmed = key.Trim();
        if (trimmed != key && KnownKeys.Contains(trimmed))
            return $"xl does not know the key `{key}` (\"unrecognized argument\") and ignores it: it skips only spaces before an item, not tabs or other blanks. Write `{trimmed}{(value is null ? "" : "=")}` without them.";
        if (value is not null && key is "trusted" or "untrusted")
            return $"`{key}` is a flag without a value; xl warns \"unrecognized argument\" and ignores `{key}={value}`. Write just `{key}`.";
        string? close = KnownKeys.Where(k => !k.StartsWith("colo_", StringComparison.Ordinal))
            .OrderBy(k => Distance(k, key.ToLowerInvariant())).FirstOrDefault();
        bool near = close is not null && Distance(close, key.ToLowerInvariant()) <= Math.Max(1, key.Length / 3);
        string hint = near ? $" Did you mean `{close}`?" : " See xl-network-configuration(5) for the keys.";
        return $"xl does not know the vif key `{key}` (\"unrecognized argument\") and ignores it, so the NIC is created without it.{hint}";
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        }

        return d[a.Length, b.Length];
    }

    private static void CheckTrailingBlank(string key, string value, TextSpan valueSpan, Action<VifProblemKind, TextSpan, string, bool> add)
    {
        string trimmed = value.TrimEnd(' ', '\t');
        // strtoul stops at the blank, and ip is a blank-separated list: harmless there.
        if (trimmed.Length == value.Length || key is "mac" or "devid" or "mtu" or "ip")
            return;
        var blanks = TextSpan.FromBounds(valueSpan.Start + trimmed.Length, valueSpan.End);
        string consequence = key switch
        {
            "type" when trimmed is "vif" or "ioemu" => $", so the type is `{value}`, which xl does not know (\"Invalid parameter `type'\") and ignores",
            "rate" => ", so xl refuses the rate and exits",
            _ => $": the {key} is `{value}`",
        };
        add(VifProblemKind.TrailingBlank, blanks, $"The blank after `{trimmed}` stays in the value{consequence}. Remove it.", key == "rate");
    }

    /// <summary>
    /// xl reads six octets with <c>strtoul(…, 16)</c>, each ending anywhere and skipping one character after
    /// it, so <c>0:16:3e:0:0:1</c>, <c>00-16-3e-00-00-01</c> and trailing text are accepted.
    /// </summary>
    private static void ReadMac(string value, TextSpan valueSpan, VifSpec result, Action<VifProblemKind, TextSpan, string, bool> add)
    {
        ulong mac = 0;
        int p = 0;
        for (int i = 0; i < 6; i++)
        {
            if (p > value.Length)
            {
                // xl would read past the end of the item here (its pointer skips the terminating NUL).
                add(VifProblemKind.BadMac, valueSpan, $"`{value}` has only {i} octets; a MAC address has six. xl reads beyond the item and warns \"Invalid parameter `mac'\" at best. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.", false);
                return;
            }

            var octet = CLibrary.StrToUL(value, p, 16);
            if (!octet.AnyDigits || octet.Value > 255)
            {
                int end = octet.AnyDigits ? octet.End : Math.Min(value.Length, p + 1);
                add(VifProblemKind.BadMac, TextSpan.FromBounds(valueSpan.Start + Math.Min(p, value.Length), valueSpan.Start + Math.Max(end, Math.Min(p, value.Length))),
                    $"xl cannot read `{value}` as a MAC address (\"Invalid parameter `mac'\"); the NIC gets a partial or random address. Write six pairs of hex digits separated by colons, e.g. `00:16:3e:12:34:56`.", false);
                return;
            }

            mac = (mac << 8) | octet.Value;
            p = octet.End + 1;
        }

        var address = new MacAddress(mac);
        result.Mac = new Located<MacAddress>(address, valueSpan);
        if (!string.Equals(address.ToString(), value.ToLowerInvariant(), StringComparison.Ordinal))
        {
            add(VifProblemKind.NonCanonicalMac, valueSpan,
                $"xl reads `{value}` as the MAC address {address}, but it is not written as six colon-separated pairs of hex digits. Write `{address}`.", false);
        }

        if (address.IsMulticast)
        {
            var problem = NetworkValueParser.MulticastProblem(VifProblemKind.MulticastMac, address, new TextSpan(valueSpan.Start, Math.Min(2, valueSpan.Length)));
            add(problem.Kind, problem.Span, problem.Message, false);
        }
    }

    private static void ReadIp(string value, TextSpan valueSpan, VifSpec result, Action<VifProblemKind, TextSpan, string, bool> add)
    {
        result.Ip = new Located<string>(value, valueSpan);
        var addresses = new List<Located<string>>();
        int i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && value[i] is ' ' or '\t')
                i++;
            int start = i;
            while (i < value.Length && value[i] is not (' ' or '\t'))
                i++;
            if (i == start)
                continue;
            string word = value[start..i];
            var span = new TextSpan(valueSpan.Start + start, word.Length);
            addresses.Add(new Located<string>(word, span));
            int slash = word.IndexOf('/', StringComparison.Ordinal);
            string address = slash < 0 ? word : word[..slash];
            var parsed = NetworkValueParser.ParseIpv4(address);
            bool prefixOk = slash < 0 || (int.TryParse(word.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix) && prefix <= 32);
            // The hotplug scripts also take IPv6 addresses (libvirt's own xl tests use them).
            bool isIpv6 = address.Contains(':', StringComparison.Ordinal)
                && System.Net.IPAddress.TryParse(address, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (isIpv6)
                continue;
            if (!parsed.IsValid || !prefixOk)
            {
                add(VifProblemKind.BadIp, span,
                    $"`{word}` is not an IP address (with an optional /prefix), so the hotplug scripts cannot use it. Write addresses such as `192.0.2.10`, separated by spaces.", false);
            }
            else if (parsed.Problems.Count > 0 && parsed.Problems[0] is var leadingZero)
            {
                add(VifProblemKind.BadIp, Spans.Shift(leadingZero.Span, span.Start), leadingZero.Message, false);
            }
        }

        result.IpAddresses = addresses;
    }

    /// <summary>xl's <c>parse_ulong</c>: <c>strtoul(…, 10)</c>; no digits or ULONG_MAX makes xl exit; trailing text is ignored.</summary>
    private static Located<ulong>? ReadNumber(string key, VifProblemKind kind, string value, TextSpan valueSpan, Action<VifProblemKind, TextSpan, string, bool> add)
    {
        var number = CLibrary.StrToUL(value, 0, 10);
        if (!number.AnyDigits || number.Value == ulong.MaxValue)
        {
            add(kind, valueSpan, $"xl cannot read `{value}` as a number (\"failed to convert\") and exits. Write a plain decimal number for `{key}`.", true);
            return null;
        }

        if (number.Negative || number.End < value.TrimEnd(' ', '\t').Length)
        {
            add(kind, valueSpan, number.Negative
                ? $"xl reads the negative `{key}` `{value}` as the huge number {number.Value}. Write a plain decimal number."
                : $"xl reads only the number at the start of `{value}` ({number.Value}) and ignores the rest. Write just the number.", false);
        }

        return new Located<ulong>(number.Value, valueSpan);
    }

    /// <summary>libxlu_vif.c <c>xlu_vif_parse_rate</c>; numbers go through <c>strtoull(…, 0)</c>, so a leading 0 means octal.</summary>
    private static void ReadRate(string value, TextSpan valueSpan, VifSpec result, Action<VifProblemKind, TextSpan, string, bool> add)
    {
        void Fatal(TextSpan span, string message) => add(VifProblemKind.BadRate, span, message, true);
        int at = value.IndexOf('@', StringComparison.Ordinal);
        string amount = at < 0 ? value : value[..at];
        var amountSpan = new TextSpan(valueSpan.Start, amount.Length);
        if (amount.Length == 0)
        {
            Fatal(valueSpan, "xl refuses a `rate` with no amount (\"no rate specified\") and exits. Write e.g. `rate=10Mb/s`.");
            return;
        }

        var parsedAmount = RateAmount.Parse(amount);
        if (!parsedAmount.Success)
        {
            if (amount.TrimEnd(' ', '\t').Length != amount.Length)
                return; // reported as a trailing blank, which is fatal here
            Fatal(amountSpan, $"xl refuses the rate `{amount}` (\"invalid rate\") and exits. Write a whole number, an optional K, M or G (powers of 1000), B (bytes) or b (bits), and /s, e.g. `10Mb/s` or `100KB/s@20ms`.");
            return;
        }

        var (digits, multiplier, unit) = parsedAmount.Value;
        var number = CLibrary.StrToUL(digits, 0, 0);
        ulong bytes = number.Value;
        if (bytes == 0 || bytes > uint.MaxValue || number.Overflow)
        {
            Fatal(amountSpan, digits.StartsWith('0') && digits.Length > 1
                ? $"xl reads `{digits}` with a leading 0 as an octal number, which is 0 or invalid here, and exits (\"rate overflow\"). Drop the leading zero."
                : $"xl refuses the rate `{amount}` (\"rate overflow\"): the number must be 1 to 4294967295. Use a larger unit (K, M, G) instead of a bigger number.");
            return;
        }

        if (number.End < digits.Length)
        {
            Fatal(amountSpan, $"xl reads `{digits}`, which has a leading 0 and a digit 8 or 9, as an octal number that stops early, and the rate comes out wrong or refused. Drop the leading zero.");
            return;
        }

        if (digits.Length > 1 && digits[0] == '0')
            add(VifProblemKind.BadRate, amountSpan, $"xl reads `{digits}` with a leading 0 as octal ({bytes}). Drop the leading zero if you meant decimal.", false);
        bytes *= multiplier switch { 'G' => 1_000_000_000UL, 'M' => 1_000_000UL, 'K' => 1_000UL, _ => 1UL };
        if (unit == 'b')
            bytes /= 8;

        uint interval = 50_000;
        if (at >= 0)
        {
            string intervalText = value[(at + 1)..];
            var intervalSpan = TextSpan.FromBounds(valueSpan.Start + at + 1, valueSpan.End);
            var parsedInterval = RateInterval.Parse(intervalText);
            if (!parsedInterval.Success)
            {
                if (intervalText.TrimEnd(' ', '\t').Length != intervalText.Length)
                    return;
                Fatal(intervalSpan, $"xl refuses the replenishment interval `{intervalText}` (\"invalid replenishment interval\") and exits. Write a whole number and a unit: `50ms`, `500us` or `1s`.");
                return;
            }

            var (intervalDigits, scale) = parsedInterval.Value;
            var n = CLibrary.StrToUL(intervalDigits, 0, 0);
            ulong usecs = n.Value;
            if (usecs == 0 || usecs > uint.MaxValue || n.Overflow || n.End < intervalDigits.Length)
            {
                Fatal(intervalSpan, $"xl refuses the replenishment interval `{intervalText}` (\"replenishment interval overflow\"): it must be a non-zero number without a leading 0. Write e.g. `50ms`.");
                return;
            }

            usecs *= scale switch { 'm' => 1000UL, 'u' => 1UL, _ => 1_000_000UL };
            if (usecs > uint.MaxValue)
            {
                Fatal(intervalSpan, $"xl refuses the replenishment interval `{intervalText}` (\"replenishment interval overflow\"): it is more than 4294967295 microseconds. Use a shorter interval.");
                return;
            }

            interval = (uint)usecs;
        }

        if (bytes > ulong.MaxValue / interval)
        {
            Fatal(valueSpan, $"xl refuses the rate `{value}` (\"rate overflow\"): rate times interval is too large. Use a shorter interval.");
            return;
        }

        result.Rate = new Located<VifRate>(new VifRate(bytes, interval, bytes * interval / 1_000_000UL), valueSpan);
    }
}
