using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Rules.Disk;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Syntax;

namespace XenCfg.Analysis.CodeFixes;

/// <summary>
/// Fixes for disk findings: <c>w!</c> to <c>w</c>, the positional trap, and rewriting a legacy spec in xl's
/// explicit <c>key=value</c> form (with an absolute target), which leaves nothing to the positional rules.
/// </summary>
public sealed class DiskFixes : CodeFixProvider
{
    public override IReadOnlyCollection<string> FixableIds { get; } =
    [
        DiskSpecRule.XmOnlyAccess.Id, DiskSpecRule.VdevInFormatPosition.Id, DiskSpecRule.RelativeTarget.Id, LegacyVdevOnPvRule.Descriptor.Id,
    ];

    public override IEnumerable<CodeFix> GetFixes(CodeFixContext context)
    {
        var diagnostic = context.Diagnostic;
        var disk = SemanticModel.For(context.Tree).Disks.FirstOrDefault(candidate => candidate.Syntax.Span.Contains(diagnostic.Span.Start));
        switch (diagnostic.Id)
        {
            case "XCFG0122":
                yield return Fix(context, "Write `w` (this domain must then be the disk's only user)", safe: false, new TextChange(diagnostic.Span, "w"));
                break;
            case "XCFG0132":
                yield return Fix(context, "Leave the format empty: add `,` before the vdev", safe: true, new TextChange(new TextSpan(diagnostic.Span.Start, 0), ","));
                break;
            case "XCFG0133" when disk?.Device is { IsValid: true, DiskIndex: >= 0 } device:
                var xvd = "xvd" + VirtualDeviceParser.DiskLetters(device.DiskIndex.Value) + (device.Partition > 0 ? device.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
                yield return Fix(context, $"Write `{xvd}`", safe: false, new TextChange(diagnostic.Span, xvd));
                break;
        }

        if (disk is not null && XlForm(disk) is { } rewritten && diagnostic.Id != "XCFG0132")
        {
            yield return Fix(context, "Rewrite this disk in xl's key=value form", safe: false, new TextChange(disk.Syntax.Span, Quote(rewritten, disk.Syntax.Token.Text[0])));
        }
    }

    /// <summary>
    /// The disk written as <c>format=..., vdev=..., access=..., target=...</c>, the target made absolute as xm did
    /// for bare names (under /dev); null when the spec cannot be read.
    /// </summary>
    internal static string? XlForm(DiskEntry disk)
    {
        if (disk.Vdev is null || disk.Target is null && !disk.IsCdrom)
        {
            return null;
        }

        var format = disk.Xl.IsAccepted && disk.Xl.Format != XlDiskFormat.Unknown ? disk.Xl.Format.ToString().ToLowerInvariant() : "raw";
        var builder = new StringBuilder();
        builder.Append("format=").Append(format).Append(", vdev=").Append(disk.Vdev);
        builder.Append(", access=").Append(disk.Access == DiskAccess.ReadOnly ? "ro" : "rw");
        if (disk.IsCdrom)
        {
            builder.Append(", devtype=cdrom");
        }

        if (disk.Script is { } script)
        {
            builder.Append(", script=").Append(script);
        }

        if ((disk.Xl.BackendDomname ?? disk.Xm?.BackendDomain?.Value) is { Length: > 0 } backend)
        {
            builder.Append(", backend=").Append(backend);
        }

        if (disk.Target is { } target)
        {
            var absolute = target.StartsWith('/') || disk.Script is not null ? target : "/dev/" + target;
            builder.Append(", target=").Append(absolute);
        }

        return builder.ToString();
    }

    private static string Quote(string value, char quote) =>
        quote + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(quote.ToString(), "\\" + quote, StringComparison.Ordinal) + quote;
}
