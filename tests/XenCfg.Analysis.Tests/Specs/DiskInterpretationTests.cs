using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.TestKit;

namespace XenCfg.Analysis.Tests.Specs;

/// <summary>How the xl and xm readings interpret disk specs, and where each piece is.</summary>
public sealed class DiskInterpretationTests
{
    [Theory]
    // The manual's equivalent spellings (docs/man/xl-disk-configuration.5.pod.in).
    [InlineData("/dev/vg/guest-volume,,hda", """{"pdev_path":"/dev/vg/guest-volume","vdev":"hda","format":"raw","readwrite":1}""")]
    [InlineData("raw:/dev/vg/guest-volume,hda,w", """{"pdev_path":"/dev/vg/guest-volume","vdev":"hda","format":"raw","readwrite":1}""")]
    [InlineData("format=raw, vdev=hda, access=rw, target=/dev/vg/guest-volume", """{"pdev_path":"/dev/vg/guest-volume","vdev":"hda","format":"raw","readwrite":1}""")]
    [InlineData("raw:/root/image.iso,hdc:cdrom,ro", """{"pdev_path":"/root/image.iso","vdev":"hdc","format":"raw","removable":1,"is_cdrom":1}""")]
    [InlineData(",hdc:cdrom,r", """{"pdev_path":"","vdev":"hdc","format":"empty","removable":1,"is_cdrom":1}""")]
    [InlineData("tap:qcow2:/img.qcow2,xvda,w", """{"pdev_path":"/img.qcow2","vdev":"xvda","format":"qcow2","readwrite":1}""")]
    [InlineData("iscsi:iqn.2001-05.com.example:disk1,xvda,w", """{"pdev_path":"iqn.2001-05.com.example:disk1","vdev":"xvda","format":"raw","script":"block-iscsi","readwrite":1}""")]
    // Blanks before a parameter are skipped; a blank before a comma stays in the value.
    [InlineData(" /x , , xvda", """{"pdev_path":"/x ","vdev":"xvda","format":"raw","readwrite":1}""")]
    // target= takes everything, and drops one trailing comma.
    [InlineData("vdev=xvda,target=/x,,", """{"pdev_path":"/x,","vdev":"xvda","format":"raw","readwrite":1}""")]
    // access= does not count as the positional access, so a later positional one wins.
    [InlineData("access=r,/x,,xvda,w", """{"pdev_path":"/x","vdev":"xvda","format":"raw","readwrite":1}""")]
    // An unknown-looking prefix followed by a letter is just part of the target.
    [InlineData("foo:bar,,xvda", """{"pdev_path":"foo:bar","vdev":"xvda","format":"raw","readwrite":1}""")]
    // A '=' as the very last character stops the scanner without a word.
    [InlineData("/x,,xvda,=", """{"pdev_path":"/x","vdev":"xvda","format":"raw","readwrite":1}""")]
    // Every optional field, in libxl's IDL order, with yajl's JSON forms.
    [InlineData("direct-io-safe,backend=dd,/x,,xvda,specification=virtio,colo,colo-host=h,colo-port=3,colo-export=e,active-disk=a,hidden-disk=h,grant_usage=1,discard,untrusted",
        """{"backend_domname":"dd","pdev_path":"/x","vdev":"xvda","format":"raw","readwrite":1,"direct_io_safe":true,"discard_enable":"True","specification":"virtio","colo_enable":"True","colo_host":"h","colo_port":3,"colo_export":"e","active_disk":"a","hidden_disk":"h","trusted":"False","grant_usage":"True"}""")]
    // yajl escapes quotes, backslashes and control characters (upper-case hex), not '/' or non-ASCII.
    [InlineData("vdev=xvda,target=/x\u0001\"\\\té", """{"pdev_path":"/x\u0001\"\\\té","vdev":"xvda","format":"raw","readwrite":1}""")]
    public void Xl_reads_the_spec_as_libxl_json(string spec, string json)
    {
        var result = XlDiskSpecParser.Parse(spec);
        Assert.True(result.IsAccepted, string.Join("; ", result.Problems));
        Assert.Equal(json, result.ToLibxlJson());
    }

    [Fact]
    public void Xl_reports_where_each_parameter_and_value_is()
    {
        var spec = XlDiskSpecParser.Parse("phy:/dev/vg/a, xvda,  w,backend=dd");
        Assert.Collection(spec.Parameters,
            p => Assert.Equal((XlDiskParameterForm.LegacyPrefix, new TextSpan(0, 4), new TextSpan(0, 3)), (p.Form, p.Span, p.ValueSpan)),
            p => Assert.Equal((XlDiskParameterForm.Positional, XlDiskField.Target, "/dev/vg/a", new TextSpan(4, 9)), (p.Form, p.Field, p.Value, p.ValueSpan)),
            p => Assert.Equal((XlDiskField.Vdev, "xvda", new TextSpan(15, 4)), (p.Field, p.Value, p.ValueSpan)),
            p => Assert.Equal((XlDiskField.Access, "w", new TextSpan(22, 1)), (p.Field, p.Value, p.ValueSpan)),
            p => Assert.Equal((XlDiskParameterForm.Keyword, XlDiskField.BackendDomain, "dd", new TextSpan(32, 2)), (p.Form, p.Field, p.Value, p.ValueSpan)));
        Assert.Equal(new TextSpan(15, 4), spec.SettingOf(XlDiskField.Vdev)!.ValueSpan);
        Assert.Equal("dd", spec.BackendDomname);
    }

    [Fact]
    public void Xl_combines_several_arguments_like_block_attach()
    {
        // The positional order carries over from one argument to the next.
        var result = XlDiskSpecParser.ParseMany(["/dev/vg/a", ",", "xvda", "r"]);

        Assert.True(result.IsAccepted);
        Assert.Equal("""{"pdev_path":"/dev/vg/a","vdev":"xvda","format":"raw"}""", result.ToLibxlJson());
        Assert.Equal([0, 1, 2, 3], result.Parameters.Select(p => p.Argument));
    }

    [Fact]
    public void Xl_reads_nothing_from_an_empty_argument()
    {
        // An empty argument holds no parameter, so "xvda" lands in the format position, as with xl block-attach.
        var result = XlDiskSpecParser.ParseMany(["/dev/vg/a", "", "xvda", "r"]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((DiskProblemKind.VdevInFormatPosition, 2), (problem.Kind, problem.Argument));
    }

    [Fact]
    public void Xl_problem_in_a_later_argument_names_that_argument()
    {
        var result = XlDiskSpecParser.ParseMany(["vdev=xvda", "target=/x", "access=w!"]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((DiskProblemKind.XmOnlyAccessMode, 2, new TextSpan(7, 2)), (problem.Kind, problem.Argument, problem.Span));
    }

    [Fact]
    public void Xl_reports_every_error_it_prints_not_just_the_first()
    {
        // libxlu goes on scanning after most errors (and prints each); positional parameters are then ignored.
        var result = XlDiskSpecParser.Parse("format=foo,access=bar,/x,,xvda");

        Assert.Equal([DiskProblemKind.UnknownFormat, DiskProblemKind.BadAccessMode], result.Problems.Select(p => p.Kind));
        Assert.Null(result.ToLibxlJson());
    }

    /// <summary>Many empty-ish positional parameters and a long target: a quadratic scan would show (see <see cref="Scaling"/>).</summary>
    [Fact]
    public void Xl_parsing_is_linear_in_the_length_of_the_spec()
    {
        var time = Scaling.ProcessorTime(Scaling.Doublings(50_000), parameters =>
        {
            var huge = string.Concat(Enumerable.Repeat("a ,", parameters)) + new string('x', 2 * parameters);
            return () => Assert.False(XlDiskSpecParser.Parse(huge).IsAccepted);
        });

        Assert.True(time.Exponent < Scaling.LinearLimit, $"parsing a disk spec grows faster than linearly: {time}");
    }

    [Theory]
    [InlineData("xvda", VirtualDeviceScheme.Xvd, 51712, 0, 0)]
    [InlineData("xvdb1", VirtualDeviceScheme.Xvd, 51729, 1, 1)]
    [InlineData("xvdp15", VirtualDeviceScheme.Xvd, 51967, 15, 15)]
    [InlineData("xvdq", VirtualDeviceScheme.Xvd, 268439552, 16, 0)]
    [InlineData("xvda16", VirtualDeviceScheme.Xvd, 268435472, 0, 16)]
    [InlineData("xvdaa", VirtualDeviceScheme.Xvd, 268442112, 26, 0)]
    [InlineData("hda", VirtualDeviceScheme.Ide, 768, 0, 0)]
    [InlineData("hdb", VirtualDeviceScheme.Ide, 832, 1, 0)]
    [InlineData("hdc", VirtualDeviceScheme.Ide, 5632, 2, 0)]
    [InlineData("hdd63", VirtualDeviceScheme.Ide, 5759, 3, 63)]
    [InlineData("sda", VirtualDeviceScheme.Scsi, 2048, 0, 0)]
    [InlineData("sdp15", VirtualDeviceScheme.Scsi, 2303, 15, 15)]
    [InlineData("d0p0", VirtualDeviceScheme.DiskPartition, 51712, 0, 0)]
    [InlineData("d16p1", VirtualDeviceScheme.DiskPartition, 268439553, 16, 1)]
    public void Vdev_gets_libxls_device_number(string vdev, VirtualDeviceScheme scheme, int number, int disk, int partition)
    {
        var device = VirtualDeviceParser.Parse(vdev);

        Assert.True(device.IsValid);
        Assert.Equal((scheme, number, disk, partition), (device.Scheme, device.DeviceNumber, device.DiskIndex!.Value, device.Partition!.Value));
        Assert.Empty(device.Problems);
    }

    [Fact]
    public void Plain_number_vdev_is_its_own_device_number_without_an_index()
    {
        var device = VirtualDeviceParser.Parse("0xca00");

        Assert.Equal((VirtualDeviceScheme.Number, 51712, (int?)null), (device.Scheme, device.DeviceNumber, device.DiskIndex));
    }

    [Fact]
    public void Hda_and_xvda_are_the_same_emulated_disk_on_hvm_but_not_the_same_device_number()
    {
        var hda = VirtualDeviceParser.Parse("hda");
        var xvda = VirtualDeviceParser.Parse("xvda");

        Assert.True(hda.IsSameEmulatedDiskAs(xvda));
        Assert.NotEqual(hda.DeviceNumber, xvda.DeviceNumber);
        Assert.False(hda.IsSameEmulatedDiskAs(VirtualDeviceParser.Parse("hdb")));
    }

    [Theory]
    [InlineData(0, "a")]
    [InlineData(25, "z")]
    [InlineData(26, "aa")]
    [InlineData(701, "zz")]
    [InlineData(702, "aaa")]
    public void Disk_letters_count_like_spreadsheet_columns(int index, string letters) =>
        Assert.Equal(letters, VirtualDeviceParser.DiskLetters(index));

    [Fact]
    public void Xm_splits_the_legacy_form_into_its_fields()
    {
        var spec = XmDiskSpecParser.Parse("tap:aio:/img/a.img,ioemu:hdc:cdrom,r,dom1,x86_32-abi");

        Assert.True(spec.IsAccepted, string.Join("; ", spec.Problems));
        Assert.Equal(("tap", new TextSpan(0, 3)), (spec.Prefix!.Value.Value, spec.Prefix.Value.Span));
        Assert.Equal(("aio", new TextSpan(4, 3)), (spec.TapType!.Value.Value, spec.TapType.Value.Span));
        Assert.Equal(("/img/a.img", new TextSpan(8, 10)), (spec.Target!.Value.Value, spec.Target.Value.Span));
        Assert.Equal(("hdc", new TextSpan(25, 3)), (spec.Device!.Value.Value, spec.Device.Value.Span));
        Assert.True(spec.IsCdrom);
        Assert.False(spec.IsWritable);
        Assert.Equal("dom1", spec.BackendDomain!.Value.Value);
        Assert.Equal("x86_32-abi", spec.Protocol!.Value.Value);
        Assert.Equal(5632, spec.DeviceNumber);
    }

    [Theory]
    [InlineData("phy:hda3,sda1,w", "/dev/hda3")]
    [InlineData("phy:vg/lvm1,sda2,w", "/dev/vg/lvm1")]
    [InlineData("phy:/dev/vg/a,xvda,w", "/dev/vg/a")]
    [InlineData("file:/img,xvda,w", "/img")]
    public void Xm_resolves_relative_phy_names_under_dev(string spec, string resolved)
    {
        var result = XmDiskSpecParser.Parse(spec);

        Assert.True(result.IsAccepted);
        Assert.Equal(resolved, result.ResolvedTarget);
        Assert.DoesNotContain(result.Problems, p => p.Kind == DiskProblemKind.RelativeTarget);
    }

    [Fact]
    public void Xm_names_xls_positional_form_once_instead_of_every_field()
    {
        var spec = XmDiskSpecParser.Parse("/dev/vg/a,raw,xvda,rw");

        var problem = Assert.Single(spec.Problems);
        Assert.Equal(DiskProblemKind.XlSyntaxUnderXm, problem.Kind);
        Assert.Contains("`phy:/dev/vg/a,xvda,w`", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sdq", 16640)]
    [InlineData("/dev/sdaa", 16800)]
    [InlineData("hdt", 23360)]
    [InlineData("xvdq", 268439552)]
    [InlineData("0x800", 2048)]
    [InlineData("2049", 2049)]
    public void Xm_device_numbers_follow_xends_table(string name, int number) =>
        Assert.Equal(number, XmDiskSpecParser.XmDeviceNumber(name));
}
