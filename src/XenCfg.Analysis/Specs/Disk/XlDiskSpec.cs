using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Analysis.Specs.Disk;

/// <summary>libxl's <c>libxl_disk_format</c> (tools/libs/light/libxl_types.idl).</summary>
public enum XlDiskFormat
{
    /// <summary>Not set; xl turns it into <see cref="Raw"/> at the end.</summary>
    Unknown = 0,
    /// <summary>qcow (version 1).</summary>
    Qcow = 1,
    /// <summary>qcow2.</summary>
    Qcow2 = 2,
    /// <summary>VHD.</summary>
    Vhd = 3,
    /// <summary>A raw image or a block device.</summary>
    Raw = 4,
    /// <summary>No medium: an empty CD-ROM drive.</summary>
    Empty = 5,
    /// <summary>QED.</summary>
    Qed = 6,
}

/// <summary>libxl's <c>libxl_disk_backend</c>.</summary>
public enum XlDiskBackend
{
    /// <summary>Not set: libxl chooses when the disk is attached.</summary>
    Unknown = 0,
    /// <summary>The kernel's blkback on a block device.</summary>
    Phy = 1,
    /// <summary>blktap.</summary>
    Tap = 2,
    /// <summary>QEMU's qdisk.</summary>
    Qdisk = 3,
    /// <summary>Only the xenstore data is written.</summary>
    Standalone = 4,
}

/// <summary>libxl's <c>libxl_disk_specification</c>.</summary>
public enum XlDiskSpecification
{
    /// <summary>Not set.</summary>
    Unknown = 0,
    /// <summary>The Xen PV block protocol.</summary>
    Xen = 1,
    /// <summary>virtio-blk.</summary>
    Virtio = 2,
}

/// <summary>Which setting a disk-spec parameter gave a value to.</summary>
public enum XlDiskField
{
    /// <summary>None (a legacy prefix that is only dropped, or a parameter ignored after an error).</summary>
    None,
    /// <summary><c>pdev_path</c>.</summary>
    Target,
    /// <summary><c>format</c>.</summary>
    Format,
    /// <summary><c>vdev</c>.</summary>
    Vdev,
    /// <summary><c>readwrite</c>.</summary>
    Access,
    /// <summary><c>is_cdrom</c>.</summary>
    DeviceType,
    /// <summary><c>backend_domname</c>.</summary>
    BackendDomain,
    /// <summary><c>backend</c> (the backend type).</summary>
    BackendType,
    /// <summary><c>specification</c>.</summary>
    Specification,
    /// <summary><c>script</c>.</summary>
    Script,
    /// <summary><c>direct_io_safe</c>.</summary>
    DirectIoSafe,
    /// <summary><c>discard_enable</c>.</summary>
    Discard,
    /// <summary><c>colo_enable</c>.</summary>
    Colo,
    /// <summary><c>colo_host</c>.</summary>
    ColoHost,
    /// <summary><c>colo_port</c>.</summary>
    ColoPort,
    /// <summary><c>colo_export</c>.</summary>
    ColoExport,
    /// <summary><c>active_disk</c>.</summary>
    ActiveDisk,
    /// <summary><c>hidden_disk</c>.</summary>
    HiddenDisk,
    /// <summary><c>trusted</c>.</summary>
    Trusted,
    /// <summary><c>grant_usage</c>.</summary>
    GrantUsage,
}

/// <summary>How a parameter was written.</summary>
public enum XlDiskParameterForm
{
    /// <summary><c>name=value</c>.</summary>
    Keyword,
    /// <summary>A bare word such as <c>cdrom</c> or <c>discard</c>.</summary>
    Flag,
    /// <summary>A positional parameter (target, format, vdev, access in that order).</summary>
    Positional,
    /// <summary>A deprecated <c>word:</c> prefix (<c>phy:</c>, <c>raw:</c>, <c>iscsi:</c>, ...).</summary>
    LegacyPrefix,
    /// <summary><c>target=</c>, which takes the rest of the string.</summary>
    Target,
    /// <summary>Text xl refuses (an unknown parameter or prefix, a stray <c>=</c>).</summary>
    Invalid,
}

/// <summary>
/// One parameter of a disk spec as xl's scanner cut it.
/// </summary>
/// <param name="Form">How it was written.</param>
/// <param name="Field">The setting it gave a value to.</param>
/// <param name="Span">The whole parameter, including its comma.</param>
/// <param name="Value">The value as xl keeps it (no comma, no <c>name=</c>; blanks before a comma kept).</param>
/// <param name="ValueSpan">Where <paramref name="Value"/> is.</param>
public sealed record XlDiskParameter(XlDiskParameterForm Form, XlDiskField Field, TextSpan Span, string Value, TextSpan ValueSpan)
{
    /// <summary>Which argument the spans are relative to (always 0 for a config-file spec).</summary>
    public int Argument { get; init; }
}

/// <summary>
/// A disk spec as xl reads it: libxl's <c>libxl_device_disk</c> fields after <c>xlu_disk_parse</c>, the
/// parameters with their spans, and the problems found.
/// </summary>
public sealed class XlDiskSpec
{
    internal XlDiskSpec(XlDiskState state, IReadOnlyList<XlDiskParameter> parameters, IReadOnlyList<SpecProblem<DiskProblemKind>> problems)
    {
        PdevPath = state.PdevPath;
        Vdev = state.Vdev;
        Backend = state.Backend;
        Format = state.Format;
        Script = state.Script;
        Removable = state.Removable;
        Readwrite = state.Readwrite;
        IsCdrom = state.IsCdrom;
        BackendDomname = state.BackendDomname;
        DirectIoSafe = state.DirectIoSafe;
        DiscardEnable = state.DiscardEnable;
        Specification = state.Specification;
        ColoEnable = state.ColoEnable;
        ColoHost = state.ColoHost;
        ColoPort = state.ColoPort;
        ColoExport = state.ColoExport;
        ActiveDisk = state.ActiveDisk;
        HiddenDisk = state.HiddenDisk;
        Trusted = state.Trusted;
        GrantUsage = state.GrantUsage;
        Parameters = parameters;
        Problems = problems;
    }

    /// <summary><c>pdev_path</c>: the target; null when none was given, "" for an empty CD-ROM drive.</summary>
    public string? PdevPath { get; }
    /// <summary><c>vdev</c>: the guest device name.</summary>
    public string? Vdev { get; }
    /// <summary><c>backend</c>: the backend type (<c>backendtype=</c>).</summary>
    public XlDiskBackend Backend { get; }
    /// <summary><c>format</c> (raw unless set; empty for a CD-ROM drive with no target).</summary>
    public XlDiskFormat Format { get; }
    /// <summary><c>script</c>: the hotplug script (<c>script=</c>, or <c>block-iscsi</c> etc. from a prefix).</summary>
    public string? Script { get; }
    /// <summary><c>removable</c>: 1 for a CD-ROM.</summary>
    public int Removable { get; }
    /// <summary><c>readwrite</c>: 1 read-write, 0 read-only (always 0 for a CD-ROM).</summary>
    public int Readwrite { get; }
    /// <summary><c>is_cdrom</c>.</summary>
    public int IsCdrom { get; }
    /// <summary><c>backend_domname</c>: the driver domain (<c>backend=</c>).</summary>
    public string? BackendDomname { get; }
    /// <summary><c>direct_io_safe</c>.</summary>
    public bool DirectIoSafe { get; }
    /// <summary><c>discard_enable</c>: null when left at libxl's default.</summary>
    public bool? DiscardEnable { get; }
    /// <summary><c>specification</c>.</summary>
    public XlDiskSpecification Specification { get; }
    /// <summary><c>colo_enable</c>: null when left at the default.</summary>
    public bool? ColoEnable { get; }
    /// <summary><c>colo_host</c>.</summary>
    public string? ColoHost { get; }
    /// <summary><c>colo_port</c> (0 = not set).</summary>
    public int ColoPort { get; }
    /// <summary><c>colo_export</c>.</summary>
    public string? ColoExport { get; }
    /// <summary><c>active_disk</c>.</summary>
    public string? ActiveDisk { get; }
    /// <summary><c>hidden_disk</c>.</summary>
    public string? HiddenDisk { get; }
    /// <summary><c>trusted</c>: null when left at the default.</summary>
    public bool? Trusted { get; }
    /// <summary><c>grant_usage</c>: null when left at the default.</summary>
    public bool? GrantUsage { get; }

    /// <summary>The parameters as xl's scanner cut them, in order.</summary>
    public IReadOnlyList<XlDiskParameter> Parameters { get; }

    /// <summary>Every problem found, xl's refusals and the silent traps alike.</summary>
    public IReadOnlyList<SpecProblem<DiskProblemKind>> Problems { get; }

    /// <summary>True when xl accepts the spec (no fatal problem).</summary>
    public bool IsAccepted => !Problems.Any(p => p.IsFatal);

    /// <summary>The last parameter that gave <paramref name="field"/> its value, if any.</summary>
    public XlDiskParameter? SettingOf(XlDiskField field) => Parameters.LastOrDefault(p => p.Field == field);

    /// <summary>
    /// The interpretation as libxl prints a <c>libxl_device_disk</c> in JSON (one line, fields in IDL order,
    /// fields at their default left out, yajl's string escaping); null when xl refuses the spec.
    /// </summary>
    public string? ToLibxlJson()
    {
        if (!IsAccepted)
            return null;
        var json = new StringBuilder("{");
        bool first = true;
        void Key(string name)
        {
            if (!first)
                json.Append(',');
            first = false;
            AppendString(json, name);
            json.Append(':');
        }

        void Str(string name, string? value)
        {
            if (value is null)
                return;
            Key(name);
            AppendString(json, value);
        }

        void Int(string name, int value)
        {
            if (value == 0)
                return;
            Key(name);
            json.Append(value.ToString(CultureInfo.InvariantCulture));
        }

        void DefBool(string name, bool? value)
        {
            if (value is not { } v)
                return;
            Key(name);
            json.Append(v ? "\"True\"" : "\"False\"");
        }

        void Enum(string name, int value, string text)
        {
            if (value == 0)
                return;
            Key(name);
            AppendString(json, text);
        }

        Str("backend_domname", BackendDomname);
        Str("pdev_path", PdevPath);
        Str("vdev", Vdev);
        Enum("backend", (int)Backend, Backend.ToString().ToLowerInvariant());
        Enum("format", (int)Format, Format.ToString().ToLowerInvariant());
        Str("script", Script);
        Int("removable", Removable);
        Int("readwrite", Readwrite);
        Int("is_cdrom", IsCdrom);
        if (DirectIoSafe)
        {
            Key("direct_io_safe");
            json.Append("true");
        }

        DefBool("discard_enable", DiscardEnable);
        Enum("specification", (int)Specification, Specification.ToString().ToLowerInvariant());
        DefBool("colo_enable", ColoEnable);
        Str("colo_host", ColoHost);
        Int("colo_port", ColoPort);
        Str("colo_export", ColoExport);
        Str("active_disk", ActiveDisk);
        Str("hidden_disk", HiddenDisk);
        DefBool("trusted", Trusted);
        DefBool("grant_usage", GrantUsage);
        json.Append('}');
        return json.ToString();
    }

    /// <summary>yajl's string encoding: <c>"</c> <c>\</c> and control characters escaped, <c>/</c> and non-ASCII as is.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }

        json.Append('"');
    }
}

/// <summary>The mutable <c>libxl_device_disk</c> and scanner context while a spec is read.</summary>
internal sealed class XlDiskState
{
    public string? PdevPath;
    public string? Vdev;
    public XlDiskBackend Backend;
    public XlDiskFormat Format;
    public string? Script;
    public int Removable;
    public int Readwrite = 1;
    public int IsCdrom;
    public string? BackendDomname;
    public bool DirectIoSafe;
    public bool? DiscardEnable;
    public XlDiskSpecification Specification;
    public bool? ColoEnable;
    public string? ColoHost;
    public int ColoPort;
    public string? ColoExport;
    public string? ActiveDisk;
    public string? HiddenDisk;
    public bool? Trusted;
    public bool? GrantUsage;

    // DiskParseContext: kept across the arguments of one multi-argument spec, as xl does.
    public bool AccessSet;
    public bool HadDeprecatedPrefix;
    public bool Error;
}
