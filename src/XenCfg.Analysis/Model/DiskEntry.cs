using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Model;

/// <summary>How a domain may use a disk.</summary>
public enum DiskAccess
{
    ReadOnly,
    ReadWrite,

    /// <summary>xm's <c>w!</c>: read-write, and the hotplug script skips its sharing check.</summary>
    SharedWrite,
}

/// <summary>
/// One element of <c>disk = [...]</c>: its syntax, and its meaning under the file's dialect (xl's reading, or
/// xm's for the xm dialect). Spans inside the spec map back into the file through <see cref="SourceSpan"/>.
/// </summary>
public sealed class DiskEntry
{
    internal DiskEntry(int index, LiteralValueSyntax syntax, Dialect dialect)
    {
        Index = index;
        Syntax = syntax;
        Spec = syntax.ValueText;
        Xl = XlDiskSpecParser.Parse(Spec);
        Xm = dialect == Dialect.Xm ? XmDiskSpecParser.Parse(Spec) : null;
        if (Xm is { } xm)
        {
            Target = xm.ResolvedTarget ?? xm.Target?.Value;
            Vdev = xm.Device?.Value;
            Access = xm.Mode?.Value switch
            {
                "w!" => DiskAccess.SharedWrite,
                "w" => DiskAccess.ReadWrite,
                _ => DiskAccess.ReadOnly,
            };
            IsCdrom = xm.IsCdrom;
            Script = xm.Prefix?.Value is { } prefix and not ("phy" or "file" or "tap" or "tap2") ? "block-" + prefix : null;
        }
        else
        {
            Target = string.IsNullOrEmpty(Xl.PdevPath) ? null : Xl.PdevPath;
            Vdev = Xl.Vdev;
            Access = Xl.Readwrite != 0 ? DiskAccess.ReadWrite : DiskAccess.ReadOnly;
            IsCdrom = Xl.IsCdrom != 0;
            Script = Xl.Script;
        }

        Device = Vdev is null ? null : VirtualDeviceParser.Parse(Vdev);
    }

    /// <summary>Position in the disk list, from 0.</summary>
    public int Index { get; }

    /// <summary>The string in the list.</summary>
    public LiteralValueSyntax Syntax { get; }

    /// <summary>The spec as xl reads the string (quotes removed, escapes applied).</summary>
    public string Spec { get; }

    /// <summary>xl's reading (always computed: moving to xl is the question for every file).</summary>
    public XlDiskSpec Xl { get; }

    /// <summary>xm's reading, for files of the xm dialect.</summary>
    public XmDiskSpec? Xm { get; }

    /// <summary>What the disk refers to (libxl's pdev_path), as the dialect's toolstack reads it; null when absent.</summary>
    public string? Target { get; }

    /// <summary>The guest device name.</summary>
    public string? Vdev { get; }

    public VirtualDevice? Device { get; }

    public DiskAccess Access { get; }

    public bool IsWritable => Access != DiskAccess.ReadOnly;

    public bool IsCdrom { get; }

    /// <summary>The hotplug script (<c>block-iscsi</c>, <c>block-drbd</c>, ...) for network block devices, or null.</summary>
    public string? Script { get; }

    /// <summary>Maps a span of <see cref="Spec"/> to the file.</summary>
    public TextSpan SourceSpan(TextSpan specSpan) => Syntax.Token.StringValue.MapToSource(specSpan);
}
