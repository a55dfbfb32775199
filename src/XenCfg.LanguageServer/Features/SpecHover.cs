using System.Globalization;
using System.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Vif;
using XenCfg.Syntax;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// What a disk or vif string means, for hover: xl's reading field by field (and xm's too under the xm dialect),
/// the part under the cursor, and libxl's JSON for a disk. Only what the parsers computed is shown; defaults are
/// named as defaults.
/// </summary>
internal static class SpecHover
{
    public static string Disk(SemanticModel model, DiskEntry disk, int offset)
    {
        var builder = new StringBuilder();
        builder.Append("**disk ").Append(disk.Index + 1).Append(" of ").Append(model.Disks.Count).Append("**");
        if (disk.Vdev is { Length: > 0 } vdev)
        {
            builder.Append(" · ").Append(Code(vdev));
        }

        builder.Append("\n\n");
        if (disk.Xm is { } xm)
        {
            builder.Append("As **xm** reads it (this file's dialect):\n\n");
            XmTable(builder, xm);
            builder.Append("\nAs **xl** would read it:\n\n");
        }
        else
        {
            builder.Append("As **xl** reads it:\n\n");
        }

        XlTable(builder, disk.Xl);
        if (UnderCursor(disk, offset) is { } parameter)
        {
            builder.Append("\nUnder the cursor: ").Append(parameter).Append('\n');
        }

        if (disk.Xl.ToLibxlJson() is { } json)
        {
            builder.Append("\nlibxl's `libxl_device_disk`:\n\n```json\n").Append(json).Append("\n```");
        }

        return builder.ToString().TrimEnd();
    }

    public static string Vif(SemanticModel model, VifEntry vif, int offset)
    {
        var spec = vif.Spec;
        var builder = new StringBuilder();
        builder.Append("**vif ").Append(vif.Index + 1).Append(" of ").Append(model.Vifs.Count).Append("** · as **xl** reads it\n\n");
        var fatal = spec.Problems.FirstOrDefault(problem => problem.IsFatal);
        if (fatal is not null)
        {
            builder.Append("xl refuses this interface: ").Append(fatal.Message).Append("\n\n");
        }

        builder.Append("| | |\n|---|---|\n");
        Row(builder, "mac", spec.Mac is { } mac ? Code(mac.Value.ToString()) + (mac.Value.IsXenOui ? " (Xen's 00:16:3e range)" : mac.Value.IsLocallyAdministered ? " (locally administered)" : string.Empty)
            : "not set: a new random 00:16:3e address at every start");
        Row(builder, "bridge", spec.Bridge is { } bridge ? Code(bridge.Value) : "not set: `xenbr0`");
        Row(builder, "type", spec.Type is { } type ? Code(type.Value)
            : model.Domain.Type == GuestType.Hvm ? "not set: an emulated NIC with a PV path (`ioemu`)" : "not set: a PV NIC (`vif`)");
        Row(builder, "script", spec.Script is { } script ? Code(script.Value) : "not set: `vif.default.script` of xl.conf (`vif-bridge` unless changed)");
        Optional(builder, "model", spec.Model?.Value);
        Optional(builder, "vifname", spec.VifName?.Value);
        if (spec.IpAddresses.Count > 0)
        {
            Row(builder, "ip", string.Join(", ", spec.IpAddresses.Select(address => Code(address.Value))) + " (for the hotplug script, not given to the guest)");
        }

        Optional(builder, "backend domain", spec.Backend?.Value);
        if (spec.Rate is { Value: var rate })
        {
            Row(builder, "rate", string.Create(CultureInfo.InvariantCulture,
                $"{rate.BytesPerSecond:N0} bytes/s: {rate.BytesPerInterval:N0} bytes every {rate.IntervalMicroseconds / 1000.0:0.###} ms"));
        }

        if (spec.Mtu is { Value: var mtu })
        {
            Row(builder, "mtu", mtu == 0 ? "0: the default, 1500" : mtu.ToString(CultureInfo.InvariantCulture));
        }

        if (spec.DevId is { Value: var devid })
        {
            Row(builder, "devid", devid.ToString(CultureInfo.InvariantCulture));
        }

        Optional(builder, "gatewaydev", spec.GatewayDev?.Value);
        Optional(builder, "vlan", spec.Vlan?.Value);
        Optional(builder, "forwarddev", spec.ForwardDev?.Value);
        if (spec.Trusted is { Value: var trusted })
        {
            Row(builder, "trusted", trusted ? "yes" : "no");
        }

        if (spec.Colo.Count > 0)
        {
            Row(builder, "COLO", string.Join(", ", spec.Colo.Keys.Order(StringComparer.Ordinal).Select(Code)));
        }

        var unknown = spec.Items.Where(item => !item.IsKnown && item.Key.Length > 0).Select(item => Code(item.Key)).ToList();
        if (unknown.Count > 0)
        {
            builder.Append("\nxl does not know ").Append(string.Join(", ", unknown)).Append(": it warns \"unrecognized argument\" and goes on without it.\n");
        }

        if (spec.Items.FirstOrDefault(item => vif.SourceSpan(item.Span).Contains(offset)) is { } under)
        {
            builder.Append("\nUnder the cursor: ").Append(Code(vif.Syntax.ValueText[under.Span.Start..under.Span.End]))
                .Append(under.IsKnown ? $", the `{under.Key}` setting" : ", a key xl does not know").Append('\n');
        }

        return builder.ToString().TrimEnd();
    }

    private static void XlTable(StringBuilder builder, XlDiskSpec xl)
    {
        var fatal = xl.Problems.FirstOrDefault(problem => problem.IsFatal);
        if (fatal is not null)
        {
            builder.Append("xl refuses this spec: ").Append(fatal.Message).Append("\n\n");
            return;
        }

        builder.Append("| | |\n|---|---|\n");
        Row(builder, "target", xl.PdevPath switch
        {
            null => "none",
            "" => "none (an empty drive)",
            var path => Code(path),
        });
        Row(builder, "vdev", xl.Vdev is null ? "none" : Device(xl.Vdev));
        Row(builder, "access", xl.IsCdrom != 0 ? "read-only (a CD-ROM)" : xl.Readwrite != 0 ? "read-write" : "read-only");
        Row(builder, "format", xl.Format == XlDiskFormat.Unknown ? "raw (the default)" : Code(xl.Format.ToString().ToLowerInvariant()));
        Row(builder, "device type", xl.IsCdrom != 0 ? "CD-ROM (removable)" : "disk");
        Row(builder, "backend", xl.Backend == XlDiskBackend.Unknown ? "chosen by libxl when the disk is attached" : Code(xl.Backend.ToString().ToLowerInvariant()));
        Optional(builder, "backend domain", xl.BackendDomname);
        Optional(builder, "script", xl.Script);
        if (xl.Specification != XlDiskSpecification.Unknown)
        {
            Row(builder, "specification", Code(xl.Specification.ToString().ToLowerInvariant()));
        }

        if (xl.DiscardEnable is { } discard)
        {
            Row(builder, "discard", discard ? "on" : "off");
        }

        if (xl.DirectIoSafe)
        {
            Row(builder, "direct I/O safe", "yes");
        }

        if (xl.Trusted is { } trusted)
        {
            Row(builder, "trusted", trusted ? "yes" : "no");
        }

        if (xl.ColoEnable is { } colo)
        {
            Row(builder, "COLO", colo ? "on" : "off");
        }
    }

    private static void XmTable(StringBuilder builder, XmDiskSpec xm)
    {
        var fatal = xm.Problems.FirstOrDefault(problem => problem.IsFatal);
        if (fatal is not null)
        {
            builder.Append("xm refuses this spec: ").Append(fatal.Message).Append("\n\n");
            return;
        }

        builder.Append("| | |\n|---|---|\n");
        Row(builder, "prefix", xm.Prefix is { } prefix ? Code(prefix.Value + ":") + (xm.TapType is { } tap ? $" with the {Code(tap.Value)} driver" : string.Empty) : "none");
        Row(builder, "target", xm.Target is null ? "none"
            : xm.ResolvedTarget is { } resolved && resolved != xm.Target.Value.Value ? $"{Code(xm.Target.Value.Value)}, which the hotplug script opens as {Code(resolved)}"
            : Code(xm.Target.Value.Value));
        Row(builder, "vdev", xm.Device is { } device
            ? Code(device.Value) + (xm.DeviceNumber is { } number ? string.Create(CultureInfo.InvariantCulture, $" (device number {number})") : string.Empty)
            : "none");
        Row(builder, "device type", xm.IsCdrom ? "CD-ROM" : "disk");
        Row(builder, "mode", xm.Mode is { } mode ? Code(mode.Value) + mode.Value switch
        {
            "w!" => ": read-write, with the hotplug script's sharing check switched off",
            "w" => ": read-write",
            _ => ": read-only",
        } : "none");
        Optional(builder, "backend domain", xm.BackendDomain?.Value);
        Optional(builder, "protocol", xm.Protocol?.Value);
    }

    /// <summary>The parameter of xl's reading under the cursor, described.</summary>
    private static string? UnderCursor(DiskEntry disk, int offset)
    {
        var parameter = disk.Xl.Parameters.LastOrDefault(candidate => disk.SourceSpan(candidate.Span).Contains(offset) || disk.SourceSpan(candidate.ValueSpan).Contains(offset));
        if (parameter is null)
        {
            return null;
        }

        var text = disk.Spec[parameter.Span.Start..parameter.Span.End].TrimEnd(',');
        var what = parameter.Field switch
        {
            XlDiskField.None when parameter.Form == XlDiskParameterForm.LegacyPrefix => "a legacy prefix, which xl only drops",
            XlDiskField.None => "a parameter xl ignores",
            XlDiskField.Target => "the target",
            XlDiskField.Format => "the format",
            XlDiskField.Vdev => "the virtual device",
            XlDiskField.Access => "the access mode",
            XlDiskField.DeviceType => "the device type",
            XlDiskField.BackendDomain => "the backend domain",
            XlDiskField.BackendType => "the backend type",
            XlDiskField.Script => "the hotplug script",
            var field => $"the `{field}` setting",
        };
        var form = parameter.Form switch
        {
            XlDiskParameterForm.Positional => " (positional)",
            XlDiskParameterForm.LegacyPrefix when parameter.Field != XlDiskField.None => " (from a legacy prefix)",
            XlDiskParameterForm.Invalid => " (xl refuses it)",
            _ => string.Empty,
        };
        return $"{Code(text)}, {what}{form}";
    }

    private static string Device(string vdev)
    {
        var device = VirtualDeviceParser.Parse(vdev);
        if (!device.IsValid)
        {
            return Code(vdev) + ": not a name libxl can use";
        }

        var scheme = device.Scheme switch
        {
            VirtualDeviceScheme.Xvd => "Xen PV disk",
            VirtualDeviceScheme.Ide => "emulated IDE disk",
            VirtualDeviceScheme.Scsi => "emulated SCSI disk",
            VirtualDeviceScheme.DiskPartition => "disk",
            _ => "device",
        };
        var detail = device.DiskIndex is { } index && device.Partition is { } partition
            ? string.Create(CultureInfo.InvariantCulture, $"{scheme} {index}, {(partition == 0 ? "whole disk" : $"partition {partition}")}, device number {device.DeviceNumber}")
            : string.Create(CultureInfo.InvariantCulture, $"device number {device.DeviceNumber}");
        var canonical = device.CanonicalName is { } name && name != vdev ? $"; libxl reads it as {Code(name)}" : string.Empty;
        return $"{Code(vdev)}: {detail}{canonical}";
    }

    private static void Optional(StringBuilder builder, string name, string? value)
    {
        if (value is not null)
        {
            Row(builder, name, Code(value));
        }
    }

    private static void Row(StringBuilder builder, string name, string value) =>
        builder.Append("| ").Append(name).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");

    /// <summary>Inline code that survives backticks inside the value.</summary>
    internal static string Code(string value)
    {
        var fence = new string('`', LongestRun(value, '`') + 1);
        var padding = value.StartsWith('`') || value.EndsWith('`') ? " " : string.Empty;
        return fence + padding + value + padding + fence;
    }

    private static int LongestRun(string value, char c)
    {
        int longest = 0, current = 0;
        foreach (var ch in value)
        {
            current = ch == c ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
