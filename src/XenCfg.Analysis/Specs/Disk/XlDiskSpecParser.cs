using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Specs.Disk;

/// <summary>
/// Reads a disk spec exactly as xl does: the scanner of tools/libs/util/libxlu_disk_l.l and the
/// defaults and final checks of <c>xlu_disk_parse</c> in libxlu_disk.c (Xen c447b7308b), plus the
/// traps that xl accepts silently (see <see cref="DiskProblemKind"/>). The user-facing description is
/// Xen's docs/man/xl-disk-configuration.5.pod.in.
/// </summary>
public static class XlDiskSpecParser
{
    /// <summary>Reads one disk spec (one string of a <c>disk = [...]</c> list, already unquoted). Never throws.</summary>
    public static XlDiskSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return ParseMany([spec]);
    }

    /// <summary>
    /// Reads a disk given as several arguments, as <c>xl block-attach DOMAIN ARG ARG...</c> does: the
    /// arguments are scanned one after the other into one disk, and the positional order, the
    /// legacy-prefix flag and the first error carry over from one argument to the next. Spans are
    /// relative to each argument; <see cref="SpecProblem{TKind}.Argument"/> says which. Never throws.
    /// </summary>
    public static XlDiskSpec ParseMany(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var reader = new Reader();
        for (int i = 0; i < arguments.Count && !reader.State.Error; i++)
            reader.Scan(arguments[i] ?? string.Empty, i);
        reader.Finish(arguments.Count == 0 ? string.Empty : arguments[^1] ?? string.Empty, Math.Max(0, arguments.Count - 1));
        return new XlDiskSpec(reader.State, reader.Parameters, reader.Problems);
    }

    /// <summary>Every name xl accepts before <c>=</c>; used to spot parameters swallowed by <c>target=</c>.</summary>
    internal static readonly string[] KeywordNames =
    [
        "format", "devtype", "access", "backend", "backendtype", "specification", "vdev", "script", "colo-host",
        "colo-port", "colo-export", "active-disk", "hidden-disk", "grant_usage", "target",
    ];

    /// <summary>Every flag xl accepts.</summary>
    internal static readonly string[] FlagNames =
        ["cdrom", "direct-io-safe", "discard", "no-discard", "colo", "no-colo", "trusted", "untrusted"];

    private sealed class Reader
    {
        public XlDiskState State { get; } = new();
        public List<XlDiskParameter> Parameters { get; } = [];
        public List<SpecProblem<DiskProblemKind>> Problems { get; } = [];

        private string _text = string.Empty;
        private int _argument;
        private XlDiskParameter? _targetParameter;
        private XlDiskParameter? _vdevParameter;
        private readonly HashSet<(int Argument, int Start)> _blankReported = [];

        public void Scan(string argument, int index)
        {
            _argument = index;
            // xl hands the scanner a C string: it ends at the first NUL.
            int nul = argument.IndexOf('\0', StringComparison.Ordinal);
            if (nul >= 0)
            {
                Add(DiskProblemKind.EmbeddedNul, TextSpan.FromBounds(nul, argument.Length), fatal: false,
                    "The disk spec contains a NUL character; xl stops reading there and ignores everything after it. Remove it.");
                argument = argument[..nul];
            }

            _text = argument;
            var lexer = new XlDiskLexer(argument);
            int position = 0;
            while (position < argument.Length)
            {
                var token = lexer.Next(position);
                position = token.End;
                if (!Apply(token))
                    break;
            }

            CheckBlanksBeforeCommas(index);
        }

        /// <summary>The defaults and final checks of <c>xlu_disk_parse</c>, then the silent traps.</summary>
        public void Finish(string lastArgument, int lastIndex)
        {
            var s = State;
            if (s.Format == XlDiskFormat.Unknown)
                s.Format = XlDiskFormat.Raw;
            if (s.IsCdrom != 0)
            {
                s.Removable = 1;
                s.Readwrite = 0;
                if (string.IsNullOrEmpty(s.PdevPath))
                    s.Format = XlDiskFormat.Empty;
            }

            if (!s.Error)
            {
                var whole = new TextSpan(0, CLibrary.UpToNul(lastArgument).Length);
                _argument = lastIndex;
                if (s.Vdev is null)
                {
                    Add(DiskProblemKind.NoVdev, whole, fatal: true,
                        "xl refuses a disk without a virtual device (\"no vdev specified\"). Add the guest device name, e.g. `vdev=xvda` or as the third positional parameter (`/path,,xvda`).");
                    s.Error = true;
                }
                else if (s.PdevPath is null && s.Removable == 0)
                {
                    Add(DiskProblemKind.NoTarget, whole, fatal: true,
                        "xl refuses a disk without a target unless it is a CD-ROM (\"no target specified (and device not removable)\"). Add `target=/path/to/image-or-device`, or mark an empty drive with `cdrom`.");
                    s.Error = true;
                }
            }

            // A swallowed parameter often explains a refusal ("no vdev specified"), so look for it in any case.
            if (_targetParameter is { Form: XlDiskParameterForm.Target } target)
                CheckTargetIsLast(target);
            if (!s.Error)
                CheckTraps();
        }

        // ---------------------------------------------------------------- token actions

        /// <summary>Applies one token as the flex action does; false when the action returns (stops the scan).</summary>
        private bool Apply(XlDiskToken token)
        {
            var s = State;
            var span = TextSpan.FromBounds(token.Start, token.End);
            string text = _text[token.Start..token.End];
            switch (token.Rule)
            {
                case XlDiskRule.Blank:
                    return true;
                case XlDiskRule.Format:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.Format, span, value, valueSpan);
                        SetFormat(value, valueSpan, positional: false);
                        return true;
                    }
                case XlDiskRule.Cdrom:
                case XlDiskRule.DevtypeCdrom:
                    s.IsCdrom = 1;
                    RecordFixed(token, XlDiskField.DeviceType);
                    return true;
                case XlDiskRule.DevtypeDisk:
                    s.IsCdrom = 0;
                    RecordFixed(token, XlDiskField.DeviceType);
                    return true;
                case XlDiskRule.DevtypeOther:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.DeviceType, span, value, valueSpan);
                        if (!ReportTrimmable(value, valueSpan, v => v is "cdrom" or "disk", "device type"))
                        {
                            Add(DiskProblemKind.UnknownDeviceType, valueSpan, fatal: true,
                                $"xl refuses the device type `{value}` (\"unknown value for type\"). Write `devtype=cdrom` or `devtype=disk`.");
                        }

                        return true;
                    }
                case XlDiskRule.Access:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.Access, span, value, valueSpan);
                        SetAccess(value, valueSpan);
                        return true;
                    }
                case XlDiskRule.Backend:
                    return SaveKeywordString(token, XlDiskField.BackendDomain, "backend", ref s.BackendDomname);
                case XlDiskRule.BackendType:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.BackendType, span, value, valueSpan);
                        XlDiskBackend? backend = value switch
                        {
                            "phy" => XlDiskBackend.Phy,
                            "tap" => XlDiskBackend.Tap,
                            "qdisk" => XlDiskBackend.Qdisk,
                            "standalone" => XlDiskBackend.Standalone,
                            _ => null,
                        };
                        if (backend is { } b)
                        {
                            SetEnum(ref s.Backend, b, "backendtype", value, valueSpan);
                        }
                        else if (!ReportTrimmable(value, valueSpan, v => v is "phy" or "tap" or "qdisk" or "standalone", "backend type"))
                        {
                            Add(DiskProblemKind.UnknownBackendType, valueSpan, fatal: true,
                                $"xl refuses the backend type `{value}` (\"unknown value for backendtype\"). Write `phy`, `qdisk`, `tap` or `standalone`, or leave `backendtype=` out to let libxl choose.");
                        }

                        return true;
                    }
                case XlDiskRule.Specification:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.Specification, span, value, valueSpan);
                        XlDiskSpecification? specification = value switch
                        {
                            "xen" => XlDiskSpecification.Xen,
                            "virtio" => XlDiskSpecification.Virtio,
                            _ => null,
                        };
                        if (specification is { } sp)
                        {
                            SetEnum(ref s.Specification, sp, "specification", value, valueSpan);
                        }
                        else if (!ReportTrimmable(value, valueSpan, v => v is "xen" or "virtio", "specification"))
                        {
                            Add(DiskProblemKind.UnknownSpecification, valueSpan, fatal: true,
                                $"xl refuses the specification `{value}` (\"unknown value for specification\"). Write `xen` or `virtio`.");
                        }

                        return true;
                    }
                case XlDiskRule.Vdev:
                    {
                        bool ok = SaveKeywordString(token, XlDiskField.Vdev, "vdev", ref s.Vdev);
                        if (s.Vdev is not null && Parameters[^1].Field == XlDiskField.Vdev)
                            _vdevParameter = Parameters[^1];
                        return ok;
                    }
                case XlDiskRule.Script:
                    return SaveKeywordString(token, XlDiskField.Script, "script", ref s.Script);
                case XlDiskRule.DirectIoSafe:
                    s.DirectIoSafe = true;
                    RecordFixed(token, XlDiskField.DirectIoSafe);
                    return true;
                case XlDiskRule.Discard:
                case XlDiskRule.NoDiscard:
                    s.DiscardEnable = token.Rule == XlDiskRule.Discard;
                    RecordFixed(token, XlDiskField.Discard);
                    return true;
                case XlDiskRule.Colo:
                case XlDiskRule.NoColo:
                    s.ColoEnable = token.Rule == XlDiskRule.Colo;
                    RecordFixed(token, XlDiskField.Colo);
                    return true;
                case XlDiskRule.ColoHost:
                    return SaveKeywordString(token, XlDiskField.ColoHost, "colo-host", ref s.ColoHost);
                case XlDiskRule.ColoPort:
                    {
                        var (value, valueSpan) = KeywordValue(token);
                        Record(XlDiskParameterForm.Keyword, XlDiskField.ColoPort, span, value, valueSpan);
                        int port = CLibrary.AtoI(value);
                        if (port != 0)
                        {
                            s.ColoPort = port;
                        }
                        else
                        {
                            Add(DiskProblemKind.BadColoPort, valueSpan, fatal: true,
                                $"xl refuses the COLO port `{value}` (\"unknown value for colo_port\"): it must read as a non-zero number. Write a port number such as `colo-port=9000`.");
                        }

                        return true;
                    }
                case XlDiskRule.ColoExport:
                    return SaveKeywordString(token, XlDiskField.ColoExport, "colo-export", ref s.ColoExport);
                case XlDiskRule.ActiveDisk:
                    return SaveKeywordString(token, XlDiskField.ActiveDisk, "active-disk", ref s.ActiveDisk);
                case XlDiskRule.HiddenDisk:
                    return SaveKeywordString(token, XlDiskField.HiddenDisk, "hidden-disk", ref s.HiddenDisk);
                case XlDiskRule.Trusted:
                case XlDiskRule.Untrusted:
                    s.Trusted = token.Rule == XlDiskRule.Trusted;
                    RecordFixed(token, XlDiskField.Trusted);
                    return true;
                case XlDiskRule.GrantUsageOn:
                case XlDiskRule.GrantUsageOff:
                    s.GrantUsage = token.Rule == XlDiskRule.GrantUsageOn;
                    RecordFixed(token, XlDiskField.GrantUsage);
                    return true;
                case XlDiskRule.Target:
                    {
                        int valueStart = token.Start + "target=".Length;
                        int valueEnd = token.End;
                        // STRIP(','): one trailing comma is dropped, so "target=/x," is "/x" but "target=/x,," is "/x,".
                        if (valueEnd > valueStart && _text[valueEnd - 1] == ',')
                            valueEnd--;
                        var valueSpan = TextSpan.FromBounds(valueStart, valueEnd);
                        string value = _text[valueStart..valueEnd];
                        var parameter = Record(XlDiskParameterForm.Target, XlDiskField.Target, span, value, valueSpan);
                        if (SaveString("target", ref s.PdevPath, value, valueSpan))
                            _targetParameter = parameter;
                        return true;
                    }
                case XlDiskRule.UnknownParameter:
                    {
                        Record(XlDiskParameterForm.Invalid, XlDiskField.None, span, text, span);
                        int equals = text.IndexOf('=', StringComparison.Ordinal);
                        string name = text[..equals];
                        // The rule takes one character of the value only, so the name is the useful part to underline.
                        var rest = _text.AsSpan(token.Start);
                        int comma = rest.IndexOf(',');
                        var whole = TextSpan.FromBounds(token.Start, comma < 0 ? _text.Length : token.Start + comma);
                        string hint = name switch
                        {
                            "type" => " To say CD-ROM or disk, write `devtype=cdrom` or `devtype=disk`.",
                            "mode" => " To set read-only or read-write, write `access=ro` or `access=rw`.",
                            "dev" or "device" => " To name the guest device, write `vdev=`.",
                            "path" or "file" or "source" => " To name the image or device, write `target=` (last).",
                            "backend-type" or "backend_type" => " Write `backendtype=`.",
                            "grant-usage" => " Write `grant_usage=0` or `grant_usage=1`.",
                            _ => " Check the spelling against xl-disk-configuration(5).",
                        };
                        Add(DiskProblemKind.UnknownParameter, whole, fatal: true,
                            $"xl does not know the disk parameter `{name}=` (\"unknown parameter\") and refuses the disk.{hint}");
                        return true;
                    }
                case XlDiskRule.FormatPrefix:
                    {
                        string word = text[..^1];
                        s.HadDeprecatedPrefix = true;
                        Record(XlDiskParameterForm.LegacyPrefix, XlDiskField.Format, span, word, TextSpan.FromBounds(token.Start, token.End - 1));
                        SetFormat(word, TextSpan.FromBounds(token.Start, token.End - 1), positional: false);
                        return true;
                    }
                case XlDiskRule.ScriptPrefix:
                    {
                        string word = text[..^1];
                        s.HadDeprecatedPrefix = true;
                        var wordSpan = TextSpan.FromBounds(token.Start, token.End - 1);
                        Record(XlDiskParameterForm.LegacyPrefix, XlDiskField.Script, span, "block-" + word, wordSpan);
                        SaveString("script", ref s.Script, "block-" + word, wordSpan);
                        return true;
                    }
                case XlDiskRule.TapdiskPrefix:
                case XlDiskRule.TapPrefix:
                case XlDiskRule.AioPrefix:
                case XlDiskRule.IoemuPrefix:
                case XlDiskRule.FilePrefix:
                case XlDiskRule.PhyPrefix:
                    s.HadDeprecatedPrefix = true;
                    Record(XlDiskParameterForm.LegacyPrefix, XlDiskField.None, span, text[..^1], TextSpan.FromBounds(token.Start, token.End - 1));
                    return true;
                case XlDiskRule.UnknownPrefix:
                    {
                        string word = text[..^1];
                        Record(XlDiskParameterForm.Invalid, XlDiskField.None, span, text, span);
                        string hint = word is "vbd" or "blktap" or "tap3" or "qdisk"
                            ? " Drop the prefix and give the backend with `backendtype=`."
                            : " Known prefixes are phy:, file:, tap:, tap2:, aio:, raw:, qcow:, qcow2:, vhd:, iscsi:, nbd:, enbd: and drbd:; better, drop the prefix and use `target=` (last) for a target that contains `:`.";
                        Add(DiskProblemKind.UnknownPrefix, span, fatal: true,
                            $"xl does not know the disk prefix `{text}` (\"unknown deprecated disk prefix\") and refuses the disk.{hint}");
                        return false;
                    }
                case XlDiskRule.Positional:
                    return ApplyPositional(token);
                case XlDiskRule.Stray:
                    return ApplyStray(token);
                default:
                    return true;
            }
        }

        private bool ApplyPositional(XlDiskToken token)
        {
            var s = State;
            int end = token.End;
            if (end > token.Start && _text[end - 1] == ',')
                end--;
            var valueSpan = TextSpan.FromBounds(token.Start, end);
            var span = TextSpan.FromBounds(token.Start, token.End);
            string value = _text[token.Start..end];

            if (s.Error)
            {
                // libxlu ignores positional parameters once an error has been reported.
                Record(XlDiskParameterForm.Positional, XlDiskField.None, span, value, valueSpan);
                return true;
            }

            if (s.PdevPath is null)
            {
                var parameter = Record(XlDiskParameterForm.Positional, XlDiskField.Target, span, value, valueSpan);
                if (SaveString("target", ref s.PdevPath, value, valueSpan))
                    _targetParameter = parameter;
                return true;
            }

            if (!s.HadDeprecatedPrefix && s.Format == XlDiskFormat.Unknown)
            {
                // The format slot. With an empty target, "VDEV:TYPE" here is the vdev of an empty drive (",hdc:cdrom,r").
                if (s.PdevPath.Length == 0 && value.Contains(':', StringComparison.Ordinal))
                {
                    var parameter = Record(XlDiskParameterForm.Positional, XlDiskField.Vdev, span, value, valueSpan);
                    VdevAndDeviceType(value, valueSpan, parameter);
                    s.Format = XlDiskFormat.Empty;
                    return true;
                }

                Record(XlDiskParameterForm.Positional, XlDiskField.Format, span, value, valueSpan);
                SetFormat(value, valueSpan, positional: true);
                return true;
            }

            if (s.Vdev is null)
            {
                var parameter = Record(XlDiskParameterForm.Positional, XlDiskField.Vdev, span, value, valueSpan);
                if (value.Contains(':', StringComparison.Ordinal))
                    VdevAndDeviceType(value, valueSpan, parameter);
                else if (SaveString("vdev", ref s.Vdev, value, valueSpan))
                    _vdevParameter = parameter;
                return true;
            }

            if (!s.AccessSet)
            {
                s.AccessSet = true;
                Record(XlDiskParameterForm.Positional, XlDiskField.Access, span, value, valueSpan);
                SetAccess(value, valueSpan);
                return true;
            }

            Record(XlDiskParameterForm.Positional, XlDiskField.None, span, value, valueSpan);
            Add(DiskProblemKind.TooManyPositional, valueSpan, fatal: true,
                $"xl refuses `{value}`: a disk spec has at most four positional parameters (target, format, vdev, access) (\"too many positional parameters\"). Write flags and other settings as `name=value`, or remove the extra field.");
            return false;
        }

        private bool ApplyStray(XlDiskToken token)
        {
            var span = TextSpan.FromBounds(token.Start, token.End);
            Record(XlDiskParameterForm.Invalid, XlDiskField.None, span, _text[token.Start..token.End], span);
            switch (token.Stray)
            {
                case StrayOutcome.BadSyntax:
                    Add(DiskProblemKind.BadSyntax, span, fatal: true,
                        $"xl cannot read the disk spec from the `=` at `{_text[token.Start..token.End]}` (\"bad disk syntax\"): only known parameter names, written in lower case, may come before `=`. Check the name before the `=`, or move a target that contains `=` into `target=` at the end.");
                    return false;
                case StrayOutcome.Jammed:
                    Add(DiskProblemKind.BadSyntax, TextSpan.FromBounds(token.Start, token.End + 1), fatal: true,
                        "An `=` directly followed by a newline makes xl's disk scanner abort (\"flex scanner jammed\"), which ends xl. Remove the `=` or the newline.");
                    return false;
                default:
                    // A stray '=' as the very last character: flex reaches the end and stops without a word.
                    return false;
            }
        }

        // ---------------------------------------------------------------- setters (libxlu_disk_l.l helpers)

        /// <summary><c>setformat</c>, including DSET's "respecified" check.</summary>
        private void SetFormat(string value, TextSpan valueSpan, bool positional)
        {
            if (ParseFormat(value) is { } format)
            {
                SetEnum(ref State.Format, format, "format", value, valueSpan);
                return;
            }

            if (ReportTrimmable(value, valueSpan, v => ParseFormat(v) is not null, "format"))
                return;

            if (positional && LooksLikeVdev(value))
            {
                string before = _text[..valueSpan.Start];
                string after = _text[valueSpan.Start..];
                Add(DiskProblemKind.VdevInFormatPosition, valueSpan, fatal: true,
                    $"`{value}` is in the format position: the second positional parameter is the format, so xl refuses it (\"unknown value for format\"). Leave the format empty: `{before},{after}`, or name the settings (`vdev={value}, ..., target=...`).");
                return;
            }

            Add(DiskProblemKind.UnknownFormat, valueSpan, fatal: true,
                $"xl does not know the disk format `{value}` (\"unknown value for format\"). Write one of raw, qcow, qcow2, vhd, qed or empty (lower case); an empty format means raw.");
        }

        private static XlDiskFormat? ParseFormat(string value) => value switch
        {
            "" or "raw" => XlDiskFormat.Raw,
            "qcow" => XlDiskFormat.Qcow,
            "qcow2" => XlDiskFormat.Qcow2,
            "vhd" => XlDiskFormat.Vhd,
            "empty" => XlDiskFormat.Empty,
            "qed" => XlDiskFormat.Qed,
            _ => null,
        };

        private static bool LooksLikeVdev(string value)
        {
            int colon = value.LastIndexOf(':');
            string name = colon >= 0 ? value[..colon] : value;
            return name.Length > 0 && VirtualDeviceParser.Parse(name) is { IsValid: true, Scheme: not VirtualDeviceScheme.Number };
        }

        /// <summary><c>setaccess</c>: r/ro read-only; w/rw/empty read-write; anything else refused.</summary>
        private void SetAccess(string value, TextSpan valueSpan)
        {
            switch (value)
            {
                case "r" or "ro":
                    State.Readwrite = 0;
                    return;
                case "w" or "rw" or "":
                    State.Readwrite = 1;
                    return;
            }

            if (value == "w!")
            {
                Add(DiskProblemKind.XmOnlyAccessMode, valueSpan, fatal: true,
                    "xl refuses the access mode `w!` (\"unknown value for access\"); it was xm's way to skip the sharing check, and xl has no such mode. Write `w` (and make sure no other domain uses the disk), or share it read-only with `r`.");
                return;
            }

            if (ReportTrimmable(value, valueSpan, v => v is "r" or "ro" or "w" or "rw", "access mode"))
                return;
            Add(DiskProblemKind.BadAccessMode, valueSpan, fatal: true,
                $"xl does not know the access mode `{value}` (\"unknown value for access\"). Write `r` (read-only) or `w` (read-write).");
        }

        private void SetEnum<T>(ref T field, T value, string name, string text, TextSpan valueSpan)
            where T : struct, Enum
        {
            if (Convert.ToInt32(field, System.Globalization.CultureInfo.InvariantCulture) != 0 && !field.Equals(value))
            {
                Add(DiskProblemKind.Respecified, valueSpan, fatal: true,
                    $"xl refuses a second, different {name} `{text}` (\"{(name == "backendtype" ? "backend" : name)} respecified\"): it was already {field.ToString().ToLowerInvariant()}. Give the {name} once.");
                return;
            }

            field = value;
        }

        /// <summary><c>savestring</c>: a second value is refused unless the first one was empty.</summary>
        private bool SaveString(string name, ref string? field, string value, TextSpan valueSpan)
        {
            if (!string.IsNullOrEmpty(field))
            {
                Add(DiskProblemKind.Respecified, valueSpan, fatal: true,
                    $"xl refuses a second {name} `{value}` (\"{name} respecified\"): it already has `{field}`. Give the {name} once.");
                return false;
            }

            field = value;
            return true;
        }

        private bool SaveKeywordString(XlDiskToken token, XlDiskField fieldKind, string name, ref string? field)
        {
            var (value, valueSpan) = KeywordValue(token);
            Record(XlDiskParameterForm.Keyword, fieldKind, TextSpan.FromBounds(token.Start, token.End), value, valueSpan);
            SaveString(name, ref field, value, valueSpan);
            return true;
        }

        /// <summary><c>vdev_and_devtype</c>: "VDEV:TYPE", split at the last colon.</summary>
        private void VdevAndDeviceType(string value, TextSpan valueSpan, XlDiskParameter parameter)
        {
            int colon = value.LastIndexOf(':');
            if (SaveString("vdev", ref State.Vdev, value[..colon], new TextSpan(valueSpan.Start, colon)))
                _vdevParameter = parameter with { Value = value[..colon], ValueSpan = new TextSpan(valueSpan.Start, colon) };
            string type = value[(colon + 1)..];
            var typeSpan = TextSpan.FromBounds(valueSpan.Start + colon + 1, valueSpan.End);
            if (type == "cdrom")
            {
                State.IsCdrom = 1;
            }
            else if (type == "disk")
            {
                State.IsCdrom = 0;
            }
            else if (!ReportTrimmable(type, typeSpan, v => v is "cdrom" or "disk", "device type"))
            {
                Add(DiskProblemKind.UnknownDeprecatedType, typeSpan, fatal: true,
                    $"xl does not know the device type `{type}` after the vdev (\"unknown deprecated type\"). Write `{value[..colon]}:cdrom` or `{value[..colon]}:disk`, or better `devtype=cdrom`.");
            }
        }

        /// <summary>
        /// When <paramref name="value"/> is refused only because of blanks at its end, reports that as the cause
        /// (the blank before a comma stays in the value) and returns true.
        /// </summary>
        private bool ReportTrimmable(string value, TextSpan valueSpan, Func<string, bool> isValid, string what)
        {
            string trimmed = value.TrimEnd(' ', '\t', '\n');
            if (trimmed.Length == value.Length || !isValid(trimmed))
                return false;
            var blanks = TextSpan.FromBounds(valueSpan.Start + trimmed.Length, valueSpan.End);
            _blankReported.Add((_argument, blanks.Start));
            Add(DiskProblemKind.BlankBeforeComma, blanks, fatal: true,
                $"The blank after `{trimmed}` is part of the value, so xl reads the {what} `{value}` and refuses it. Remove the blank before the comma.");
            return true;
        }

        // ---------------------------------------------------------------- traps xl does not report

        private void CheckBlanksBeforeCommas(int argument)
        {
            foreach (var parameter in Parameters)
            {
                if (parameter.Argument != argument || parameter.Form is XlDiskParameterForm.Flag or XlDiskParameterForm.LegacyPrefix or XlDiskParameterForm.Invalid)
                    continue;
                string value = parameter.Value;
                string trimmed = value.TrimEnd(' ', '\t');
                if (trimmed.Length == value.Length || trimmed.Length == 0)
                    continue;
                var blanks = TextSpan.FromBounds(parameter.ValueSpan.Start + trimmed.Length, parameter.ValueSpan.End);
                if (!_blankReported.Add((argument, blanks.Start)))
                    continue;
                bool atEnd = parameter.ValueSpan.End == _text.Length;
                Add(DiskProblemKind.BlankBeforeComma, blanks, fatal: false,
                    atEnd
                        ? $"The blank after `{trimmed}` at the end of the spec is part of the value: xl reads `{value}`. Remove it."
                        : $"The blank after `{trimmed}` is part of the value: xl reads `{value}`. Remove the blank before the comma (blanks after a comma are fine).");
            }
        }

        private void CheckTraps()
        {
            var s = State;
            if (_targetParameter is { } t && s.PdevPath is { Length: > 0 } path && !path.StartsWith('/')
                && s.Script is null && s.BackendDomname is null
                && s.Backend is XlDiskBackend.Unknown or XlDiskBackend.Phy or XlDiskBackend.Standalone
                && s.Format != XlDiskFormat.Empty)
            {
                _argument = t.Argument;
                string absolute = "/dev/" + path.TrimStart();
                Add(DiskProblemKind.RelativeTarget, t.ValueSpan, fatal: false,
                    $"The target `{path}` is not an absolute path. xl hands it to libxl as written, and libxl looks it up relative to xl's own working directory (xend used to look for `phy:` names under /dev). Write the full path, e.g. `{absolute}` for a block device.");
            }

            if (_vdevParameter is { } v && s.Vdev is { } vdev)
            {
                var device = VirtualDeviceParser.Parse(vdev);
                if (!device.IsValid)
                {
                    _argument = v.Argument;
                    Add(DiskProblemKind.InvalidVdev, v.ValueSpan, fatal: false, device.Problems[0].Message);
                }
            }
        }

        /// <summary>
        /// Finds parameters swallowed by <c>target=</c> (it takes the rest of the string, commas included):
        /// an item after a comma that is a known <c>name=</c>, a known flag, or a vdev name.
        /// </summary>
        private void CheckTargetIsLast(XlDiskParameter target)
        {
            string value = target.Value;
            int comma = -1;
            while ((comma = value.IndexOf(',', comma + 1)) >= 0)
            {
                string piece = value[(comma + 1)..].TrimStart(' ', '\t', '\n');
                int nextComma = piece.IndexOf(',', StringComparison.Ordinal);
                string item = (nextComma < 0 ? piece : piece[..nextComma]).TrimEnd(' ', '\t');
                int equals = item.IndexOf('=', StringComparison.Ordinal);
                bool looksLikeParameter = equals > 0
                    ? KeywordNames.Contains(item[..equals], StringComparer.Ordinal)
                    : FlagNames.Contains(item, StringComparer.Ordinal) || LooksLikeVdev(item);
                if (!looksLikeParameter)
                    continue;

                // Empty items just before the parameter (",,xvda") belong to the swallowed part too.
                while (comma > 0 && value[..comma].TrimEnd(' ', '\t', '\n').EndsWith(','))
                    comma = value[..comma].TrimEnd(' ', '\t', '\n').Length - 1;
                string realTarget = value[..comma];
                string swallowed = value[(comma + 1)..].Trim(' ', '\t', '\n', ',');
                // Moved in front of target=, a bare vdev would become the target: name it.
                string moved = string.Join(", ", swallowed.Split(',')
                    .Select(i => i.Trim(' ', '\t', '\n'))
                    .Where(i => i.Length > 0)
                    .Select(i => !i.Contains('=', StringComparison.Ordinal) && LooksLikeVdev(i) ? "vdev=" + i : i));
                _argument = target.Argument;
                Add(DiskProblemKind.TargetNotLast, TextSpan.FromBounds(target.ValueSpan.Start + comma, target.ValueSpan.End), fatal: false,
                    $"`target=` takes the rest of the string, commas included, so xl reads the target as `{value}` and never sees `{swallowed}`. Put `target=` last: `{moved}, target={realTarget}`.");
                return;
            }
        }

        // ---------------------------------------------------------------- helpers

        private (string Value, TextSpan Span) KeywordValue(XlDiskToken token)
        {
            int equals = _text.IndexOf('=', token.Start);
            int start = equals + 1;
            int end = token.End;
            if (end > start && _text[end - 1] == ',')
                end--;
            return (_text[start..end], TextSpan.FromBounds(start, end));
        }

        private XlDiskParameter Record(XlDiskParameterForm form, XlDiskField field, TextSpan span, string value, TextSpan valueSpan)
        {
            var parameter = new XlDiskParameter(form, field, span, value, valueSpan) { Argument = _argument };
            Parameters.Add(parameter);
            return parameter;
        }

        private void RecordFixed(XlDiskToken token, XlDiskField field)
        {
            int end = token.End;
            if (end > token.Start && _text[end - 1] == ',')
                end--;
            string text = _text[token.Start..end];
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            var form = equals < 0 ? XlDiskParameterForm.Flag : XlDiskParameterForm.Keyword;
            var valueSpan = equals < 0 ? TextSpan.FromBounds(token.Start, end) : TextSpan.FromBounds(token.Start + equals + 1, end);
            Record(form, field, TextSpan.FromBounds(token.Start, token.End), _text[valueSpan.Start..valueSpan.End], valueSpan);
        }

        private void Add(DiskProblemKind kind, TextSpan span, bool fatal, string message)
        {
            if (fatal)
                State.Error = true;
            Problems.Add(new SpecProblem<DiskProblemKind>(kind, span, message) { IsFatal = fatal, Argument = _argument });
        }
    }
}
