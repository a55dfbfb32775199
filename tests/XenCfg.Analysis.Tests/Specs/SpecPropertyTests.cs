using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Analysis.Specs.Vif;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>Strings built mostly from the pieces of disk and vif specs, plus any character at all.</summary>
public static class SpecStrings
{
    private static readonly string[] Pieces =
    [
        "phy:", "file:", "tap:", "aio:", "raw:", "qcow2:", "iscsi:", "foo:", "/dev/vg/a", "img", "xvda", "hdc:cdrom", "w", "w!",
        "r", "rw", ",", ",", ", ", " ", "\t", "=", "format=", "format=raw", "target=", "target=/x", "vdev=", "vdev=xvdb", "cdrom",
        "devtype=x", "access=", "backend=d", "backendtype=qdisk", "colo-port=0", "grant_usage=1", "discard", ":", "mac=",
        "00:16:3e:01:02:03", "ip=", "10.0.0.1", "rate=", "10Mb/s@50ms", "mtu=", "vifname=", "trusted", "@", "/", "0",
    ];

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Elements("abcxyz019:,= \t/@!".ToCharArray())),
        (1, Gen.Elements('\n', '\0', '\r', '\u0001', '\u00e9', '\ud800', '\udc00', '\uffff')),
        (1, Gen.Choose(0, 0xffff).Select(i => (char)i)));

    private static Gen<string> Build(Gen<string> piece) => piece.ArrayOf().Select(parts => string.Concat(parts));

    /// <summary>Anything: spec pieces, control characters, NUL, lone surrogates.</summary>
    public static Arbitrary<string> Strings() =>
        Arb.From(Build(Gen.Frequency((3, Gen.Elements(Pieces)), (2, AnyChar.Select(c => c.ToString())))));
}

/// <summary>Disk specs without newlines and without a comma inside <c>target=</c>.</summary>
public static class PlainDiskSpecs
{
    private static readonly string[] Pieces =
    [
        "phy:/dev/vg/a", "file:/img", "tap:aio:/i", "raw:/r", "/x", "", "raw", "qcow2", "bogus", "xvda", "hdc:cdrom", "w", "r", "rw",
        "w!", "cdrom", "discard", "vdev=xvdb", "access=ro", "format=qed", "backend=dd", "devtype=disk", "foo=bar", "=", "a b",
    ];

    public static Arbitrary<string> Specs() =>
        Arb.From(Gen.Elements(Pieces).ArrayOf().Select(parts => string.Join(",", parts) + ",target=/t")
            .SelectMany(spec => Gen.Elements(spec, spec[..^",target=/t".Length])));
}

/// <summary>Properties that must hold for every input.</summary>
public sealed class SpecPropertyTests
{
    [Property(Arbitrary = [typeof(SpecStrings)], MaxTest = 400)]
    public void No_parser_throws_and_every_span_lies_within_the_input(string text)
    {
        text ??= string.Empty;
        var spans = new List<TextSpan>();
        var xl = XlDiskSpecParser.Parse(text);
        _ = xl.ToLibxlJson();
        spans.AddRange(xl.Problems.Select(p => p.Span));
        spans.AddRange(xl.Parameters.SelectMany(p => new[] { p.Span, p.ValueSpan }));
        var xm = XmDiskSpecParser.Parse(text);
        spans.AddRange(xm.Problems.Select(p => p.Span));
        spans.AddRange(xm.Fields.Select(f => f.Span));
        var vif = VifSpecParser.Parse(text);
        spans.AddRange(vif.Problems.Select(p => p.Span));
        spans.AddRange(vif.Items.SelectMany(i => new[] { i.Span, i.KeySpan, i.ValueSpan }));
        spans.AddRange(VirtualDeviceParser.Parse(text).Problems.Select(p => p.Span));
        spans.AddRange(NetworkValueParser.ParseIpv4(text).Problems.Select(p => p.Span));
        spans.AddRange(NetworkValueParser.ParseNetmask(text).Problems.Select(p => p.Span));
        spans.AddRange(NetworkValueParser.ParseMac(text).Problems.Select(p => p.Span));
        spans.AddRange(NetworkValueParser.CheckHostName(text).Select(p => p.Span));
        spans.AddRange(SizeParser.Parse(text).Problems.Select(p => p.Span));
        var root = KernelArgumentParser.ParseRoot(text);
        spans.AddRange(root.Problems.Select(p => p.Span).Append(root.Device.Span));
        var nfs = KernelArgumentParser.ParseNfsRoot(text);
        spans.AddRange(nfs.Problems.Select(p => p.Span).Append(nfs.Path.Span));
        var ip = KernelArgumentParser.ParseIp(text);
        spans.AddRange(ip.Problems.Select(p => p.Span).Concat(ip.Fields.Select(f => f.Span)));
        var words = KernelArgumentParser.Tokenize(text, out var tokenProblems);
        spans.AddRange(words.SelectMany(w => new[] { w.Span, w.ValueSpan }).Concat(tokenProblems.Select(p => p.Span)));

        Assert.All(spans, span => Assert.True(span.Start >= 0 && span.End <= text.Length, $"{span} outside [0..{text.Length})"));
    }

    [Property(Arbitrary = [typeof(SpecStrings)], MaxTest = 200)]
    public void Every_multi_argument_combination_is_read_without_throwing(string first, string second)
    {
        var result = XlDiskSpecParser.ParseMany([first ?? "", second ?? ""]);

        Assert.All(result.Problems, p => Assert.InRange(p.Argument, 0, 1));
    }

    /// <summary>
    /// xl skips blanks before a parameter (libxlu_disk_l.l's first rule), so blanks after a comma never change
    /// the interpretation. (Commas inside <c>target=</c> are part of the target, and a newline inside a value
    /// changes which flex rule is longest, so the generator avoids both.)
    /// </summary>
    [Property(Arbitrary = [typeof(PlainDiskSpecs)], MaxTest = 400)]
    public void Xl_reading_ignores_blanks_inserted_after_commas(string spec, PositiveInt seed)
    {
        var random = new Random(seed.Get);
        int targetAt = spec.IndexOf("target=", StringComparison.Ordinal);
        var widened = new System.Text.StringBuilder();
        for (int i = 0; i < spec.Length; i++)
        {
            widened.Append(spec[i]);
            if (spec[i] == ',' && (targetAt < 0 || i < targetAt))
                widened.Append(random.Next(3) switch { 0 => "", 1 => " ", _ => " \t " });
        }

        var before = XlDiskSpecParser.Parse(spec);
        var after = XlDiskSpecParser.Parse(widened.ToString());

        Assert.Equal(before.IsAccepted, after.IsAccepted);
        Assert.Equal(before.ToLibxlJson(), after.ToLibxlJson());
        Assert.Equal(before.Problems.Where(p => p.IsFatal).Select(p => p.Kind), after.Problems.Where(p => p.IsFatal).Select(p => p.Kind));
    }
}
