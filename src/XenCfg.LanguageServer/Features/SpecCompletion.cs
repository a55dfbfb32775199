using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Vif;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// Completion inside the strings of <c>disk</c> and <c>vif</c>: at the start of an item, the parameters xl knows
/// (keywords with <c>=</c>, flags, and in a disk's first item the legacy prefixes); after <c>name=</c>, that
/// parameter's values, with the virtual devices this domain has not used yet for <c>vdev=</c>. The item is read
/// from the token's text up to the cursor, so an unfinished string (no closing quote yet) works too.
/// </summary>
internal static class SpecCompletion
{
    private static readonly (string Name, string Detail, string Documentation)[] DiskKeywords =
    [
        ("target=", "disk: what to attach", "The file, device or network target. It takes **the rest of the string**, commas included, so put it last."),
        ("vdev=", "disk: guest device name", "The device the guest sees: `xvda`, `xvdb`, … (PV), `hda`–`hdd`, `sda`… (emulated)."),
        ("format=", "disk: image format", "`raw` (the default), `qcow`, `qcow2`, `vhd`, `qed`, or `empty` for a CD-ROM drive without a medium."),
        ("access=", "disk: access mode", "`rw`/`w` (read-write, the default) or `ro`/`r` (read-only). xm's `w!` is refused by xl."),
        ("devtype=", "disk: device type", "`disk` (the default) or `cdrom`."),
        ("backendtype=", "disk: backend implementation", "`phy`, `tap`, `qdisk` or `standalone`; libxl chooses when left out."),
        ("backend=", "disk: driver domain", "The domain (name or id) that serves the disk; dom0 when left out."),
        ("script=", "disk: hotplug script", "The script that prepares the target, e.g. `block-iscsi` or `block-drbd`."),
        ("specification=", "disk: protocol", "`xen` (the default) or `virtio`."),
        ("colo-host=", "disk: COLO", "COLO replication: the secondary host."),
        ("colo-port=", "disk: COLO", "COLO replication: the port."),
        ("colo-export=", "disk: COLO", "COLO replication: the export name."),
        ("active-disk=", "disk: COLO", "COLO replication: the active disk."),
        ("hidden-disk=", "disk: COLO", "COLO replication: the hidden disk."),
    ];

    private static readonly (string Name, string Documentation)[] DiskFlags =
    [
        ("cdrom", "A CD-ROM drive (same as `devtype=cdrom`): read-only and removable."),
        ("discard", "Pass discard (TRIM) requests to the backend."),
        ("no-discard", "Do not pass discard (TRIM) requests to the backend."),
        ("direct-io-safe", "The backend may use direct I/O on the target."),
        ("trusted", "The backend is trusted by the guest."),
        ("untrusted", "The backend is not trusted by the guest."),
        ("colo", "Enable COLO replication for this disk."),
        ("no-colo", "Disable COLO replication for this disk."),
    ];

    private static readonly (string Name, string Documentation)[] LegacyPrefixes =
    [
        ("phy:", "A block device (xm's form). xl drops the prefix; prefer `target=` with `format=raw`."),
        ("file:", "An image file (xm's form). xl drops the prefix; prefer `target=`."),
        ("tap:aio:", "A raw image through blktap (xm's form). xl reads it as a raw image."),
        ("tap2:", "blktap2 (xm's form)."),
        ("aio:", "A raw image (xm's form)."),
        ("raw:", "A raw image: sets `format=raw`."),
        ("qcow2:", "A qcow2 image: sets `format=qcow2`."),
        ("qcow:", "A qcow image: sets `format=qcow`."),
        ("vhd:", "A VHD image: sets `format=vhd`."),
        ("iscsi:", "An iSCSI target: sets `script=block-iscsi`."),
        ("drbd:", "A DRBD resource: sets `script=block-drbd`."),
        ("nbd:", "An NBD export: sets `script=block-nbd`."),
        ("enbd:", "An ENBD export: sets `script=block-enbd`."),
    ];

    private static readonly string[] PositionalAccess = ["w", "r"];

    private static readonly string[] IdeNames = ["hda", "hdb", "hdc", "hdd"];

    private static readonly string[] DefaultBridge = ["xenbr0"];

    private static readonly Dictionary<string, string[]> DiskValues = new(StringComparer.Ordinal)
    {
        ["format"] = ["raw", "qcow2", "qcow", "vhd", "qed", "empty"],
        ["access"] = ["rw", "ro", "w", "r"],
        ["devtype"] = ["disk", "cdrom"],
        ["backendtype"] = ["phy", "qdisk", "tap", "standalone"],
        ["specification"] = ["xen", "virtio"],
        ["script"] = ["block-iscsi", "block-drbd", "block-nbd", "block-enbd"],
    };

    private static readonly Dictionary<string, string> VifDocumentation = new(StringComparer.Ordinal)
    {
        ["mac"] = "The MAC address, six hex octets with `:`. Without it a new random one is made at every start.",
        ["bridge"] = "The bridge in the backend domain to connect to; `xenbr0` when left out.",
        ["type"] = "`vif` (a PV NIC) or `ioemu` (emulated, HVM only).",
        ["model"] = "The emulated NIC model of an HVM guest: `rtl8139` (the default), `e1000`, …",
        ["vifname"] = "The backend interface's name in domain 0 (at most 15 characters, unique on the host).",
        ["script"] = "The hotplug script: `vif-bridge` unless xl.conf says otherwise.",
        ["ip"] = "Addresses for the hotplug script (antispoofing, `vif-route`), **blank-separated**; not given to the guest.",
        ["backend"] = "The driver domain serving the NIC.",
        ["rate"] = "A bandwidth limit: `N[GMK][Bb]/s`, optionally `@N[mu]s` for the interval, e.g. `10Mb/s@50ms`.",
        ["mtu"] = "The MTU (1500 when left out).",
        ["devid"] = "The device number of the NIC in the guest.",
        ["gatewaydev"] = "The host device for the `vif-nat`/`vif-route` scripts.",
        ["vlan"] = "The VLAN for Open vSwitch.",
        ["forwarddev"] = "COLO: the forwarding device.",
        ["trusted"] = "The backend is trusted by the guest.",
        ["untrusted"] = "The backend is not trusted by the guest.",
    };

    private static readonly Dictionary<string, string[]> VifValues = new(StringComparer.Ordinal)
    {
        ["type"] = ["vif", "ioemu"],
        ["model"] = ["rtl8139", "e1000"],
        ["script"] = ["vif-bridge", "vif-route", "vif-nat", "vif-openvswitch"],
    };

    /// <summary>Completions for a position inside a disk or vif string, or null when the position is not in one.</summary>
    public static CompletionList? For(SyntaxTree tree, int offset)
    {
        if (StringAt(tree, offset) is not { } token || token.Parent?.Ancestors().OfType<AssignmentSyntax>().FirstOrDefault()?.KeyName is not ({ } key and ("disk" or "vif")))
        {
            return null;
        }

        var text = tree.Text;
        var typedInString = token.Text[1..(offset - token.Span.Start)];
        var itemStart = typedInString.LastIndexOf(',') + 1;
        var item = typedInString[itemStart..];
        var blanks = item.Length - item.TrimStart(' ', '\t').Length;
        item = item[blanks..];
        var itemOffset = token.Span.Start + 1 + itemStart + blanks;
        var itemIndex = typedInString[..itemStart].Count(c => c == ',');
        var previousItems = typedInString[..Math.Max(0, itemStart - 1)].Split(',').Select(part => part.Trim()).Where(part => part.Length > 0).ToList();
        var wordEnd = offset;
        while (wordEnd < token.Span.End && IsWordChar(text[wordEnd]))
        {
            wordEnd++;
        }

        var equals = item.IndexOf('=', StringComparison.Ordinal);
        var model = SemanticModel.For(tree);
        if (key == "disk")
        {
            if (previousItems.Any(part => part.StartsWith("target=", StringComparison.Ordinal)))
            {
                return Empty; // target= took the rest of the string.
            }

            if (equals >= 0)
            {
                var name = item[..equals];
                var range = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset + equals + 1, wordEnd));
                if (name == "vdev")
                {
                    return List(FreeVdevs(model, token).Select((vdev, index) => Value(vdev, "a virtual device this domain does not use yet", range, index)));
                }

                return DiskValues.TryGetValue(name, out var values) ? List(values.Select((value, index) => Value(value, $"{name} value", range, index))) : Empty;
            }

            if (item.Contains(':', StringComparison.Ordinal) || item.Contains('/', StringComparison.Ordinal))
            {
                return Empty; // a prefix was written, or a path is being typed
            }

            var wordRange = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset, wordEnd));
            var items = new List<CompletionItem>();
            items.AddRange(DiskKeywords.Select((keyword, index) => Keyword(keyword.Name, keyword.Detail, keyword.Documentation, wordRange, "0", index)));
            items.AddRange(DiskFlags.Select((flag, index) => new CompletionItem(flag.Name, CompletionItemKind.Keyword, "disk: flag", MarkupContent.Markdown(flag.Documentation), "1" + Order(index), TextEdit: new TextEdit(wordRange, flag.Name))));
            if (itemIndex == 0)
            {
                items.AddRange(LegacyPrefixes.Select((prefix, index) => new CompletionItem(prefix.Name, CompletionItemKind.Keyword, "disk: legacy prefix (xm's form)", MarkupContent.Markdown(prefix.Documentation), "3" + Order(index), TextEdit: new TextEdit(wordRange, prefix.Name))));
            }
            else if (previousItems.All(part => !part.Contains('=', StringComparison.Ordinal)))
            {
                // The positional form: TARGET,[FORMAT,]VDEV,ACCESS.
                items.AddRange(FreeVdevs(model, token).Select((vdev, index) => new CompletionItem(vdev, CompletionItemKind.Value, "a virtual device this domain does not use yet", SortText: "2" + Order(index), TextEdit: new TextEdit(wordRange, vdev))));
                items.AddRange(PositionalAccess.Select((mode, index) => new CompletionItem(mode, CompletionItemKind.EnumMember, mode == "w" ? "access: read-write" : "access: read-only", SortText: "2a" + Order(index), TextEdit: new TextEdit(wordRange, mode))));
            }

            return List(items);
        }

        if (equals >= 0)
        {
            var name = item[..equals];
            var range = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset + equals + 1, wordEnd));
            return name switch
            {
                "mac" => List([Value(SuggestMac(model, token), "a MAC in Xen's 00:16:3e range that this file does not use", range, 0)]),
                "bridge" => List(Bridges(model, token).Select((bridge, index) => Value(bridge, index == 0 ? "the default bridge" : "a bridge another vif of this file uses", range, index))),
                _ => VifValues.TryGetValue(name, out var values) ? List(values.Select((value, index) => Value(value, $"{name} value", range, index))) : Empty,
            };
        }

        var vifRange = PositionMapping.ToRange(text, TextSpan.FromBounds(itemOffset, wordEnd));
        return List(VifSpecParser.KnownKeys
            .Where(name => name is not ("netdev" or "accel"))
            .OrderBy(name => name.StartsWith("colo_", StringComparison.Ordinal))
            .ThenBy(name => VifDocumentation.ContainsKey(name) ? 0 : 1)
            .Select((name, index) => name is "trusted" or "untrusted"
                ? new CompletionItem(name, CompletionItemKind.Keyword, "vif: flag", MarkupContent.Markdown(VifDocumentation[name]), Order(index), TextEdit: new TextEdit(vifRange, name))
                : Keyword(name + "=", "vif", VifDocumentation.GetValueOrDefault(name) ?? "COLO setting.", vifRange, string.Empty, index)));
    }

    /// <summary>The string token around the position (after its opening quote; at its end only when it is unterminated).</summary>
    private static SyntaxToken? StringAt(SyntaxTree tree, int offset)
    {
        foreach (var candidate in new[] { tree.Root.FindToken(offset), offset > 0 ? tree.Root.FindToken(offset - 1) : null })
        {
            if (candidate is { Kind: SyntaxKind.StringToken } token && offset > token.Span.Start && offset <= token.Span.End)
            {
                var text = token.Text;
                var terminated = text.Length >= 2 && text[^1] == text[0];
                if (offset < token.Span.End || !terminated)
                {
                    return token;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The next few virtual devices no other disk of the domain uses: xvd names (whose disk index no xvd or d/p
    /// disk has taken), and for HVM guests the IDE names too (on HVM, every scheme with one disk index is one disk).
    /// </summary>
    private static IEnumerable<string> FreeVdevs(SemanticModel model, SyntaxToken editing)
    {
        var others = model.Disks.Where(disk => disk.Syntax.Token != editing && disk.Syntax.Span != editing.Span).Select(disk => disk.Device).OfType<VirtualDevice>().Where(device => device.IsValid).ToList();
        var hvm = model.Domain.Type == GuestType.Hvm;
        bool Taken(VirtualDevice candidate) => others.Any(other =>
            other.DeviceNumber == candidate.DeviceNumber
            || (hvm ? candidate.IsSameEmulatedDiskAs(other) : other.DiskIndex == candidate.DiskIndex && SameFamily(other.Scheme, candidate.Scheme)));
        var xvd = Enumerable.Range(0, 64).Select(index => VirtualDeviceParser.Parse("xvd" + VirtualDeviceParser.DiskLetters(index))).Where(device => !Taken(device)).Take(4).Select(device => device.Text);
        var ide = hvm ? IdeNames.Select(VirtualDeviceParser.Parse).Where(device => !Taken(device)).Select(device => device.Text) : [];
        return [.. xvd, .. ide];
    }

    private static bool SameFamily(VirtualDeviceScheme left, VirtualDeviceScheme right) =>
        left == right || (left is VirtualDeviceScheme.Xvd or VirtualDeviceScheme.DiskPartition && right is VirtualDeviceScheme.Xvd or VirtualDeviceScheme.DiskPartition);

    /// <summary>A MAC in Xen's range derived from the domain's name and the vif's place, avoiding those of this file.</summary>
    private static string SuggestMac(SemanticModel model, SyntaxToken editing)
    {
        var used = model.Vifs.Where(vif => vif.Syntax.Token != editing).Select(vif => vif.Spec.Mac?.Value.Value).OfType<ulong>().ToHashSet();
        var seed = (uint)StableHash((model.Domain.Name?.Text ?? "domain") + "#" + model.Vifs.Count(vif => vif.Syntax.Span.Start < editing.Span.Start));
        for (var attempt = 0u; ; attempt++)
        {
            var low = (seed + attempt * 2654435761u) & 0x7fffff; // the top bit clear: xl's own random MACs use it
            var mac = 0x00163eUL << 24 | low;
            if (!used.Contains(mac))
            {
                return string.Join(':', Enumerable.Range(0, 6).Select(i => ((byte)(mac >> (40 - 8 * i))).ToString("x2", CultureInfo.InvariantCulture)));
            }
        }
    }

    private static IEnumerable<string> Bridges(SemanticModel model, SyntaxToken editing) =>
        DefaultBridge.Concat(model.Vifs.Where(vif => vif.Syntax.Token != editing).Select(vif => vif.Spec.Bridge?.Value).OfType<string>().Where(bridge => bridge.Length > 0))
            .Distinct(StringComparer.Ordinal);

    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    private static CompletionList Empty => new(false, []);

    private static CompletionList List(IEnumerable<CompletionItem> items) => new(false, [.. items]);

    private static string Order(int index) => index.ToString("D3", CultureInfo.InvariantCulture);

    private static CompletionItem Keyword(string name, string detail, string documentation, Protocol.Range range, string group, int index) =>
        new(name, CompletionItemKind.Property, detail, MarkupContent.Markdown(documentation), group + Order(index), TextEdit: new TextEdit(range, name));

    private static CompletionItem Value(string value, string detail, Protocol.Range range, int index) =>
        new(value, CompletionItemKind.EnumMember, detail, SortText: Order(index), TextEdit: new TextEdit(range, value));
}
