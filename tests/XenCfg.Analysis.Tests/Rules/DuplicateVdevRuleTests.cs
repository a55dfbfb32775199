using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class DuplicateVdevRuleTests
{
    [Fact]
    public void The_same_vdev_twice_is_an_error_on_the_second() =>
        RuleAssert.ReportsWithSeverity("XCFG0121", "name = 'a'\ndisk = [ '/dev/vg/a,,xvda', '/dev/vg/b,,[|xvda|]' ]\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`xvda` is the same guest device as `xvda` of disk 1; each disk needs its own vdev");

    [Fact]
    public void Names_with_the_same_device_number_collide() =>
        RuleAssert.Reports("XCFG0121", "name = 'a'\ndisk = [ '/dev/vg/a,,xvda', '/dev/vg/b,,[|51712|]', '/dev/vg/c,,[|d0p0|]' ]\n",
            "`51712` is the same guest device as `xvda` of disk 1; each disk needs its own vdev",
            "`d0p0` is the same guest device as `xvda` of disk 1; each disk needs its own vdev");

    [Fact]
    public void The_related_location_points_at_the_first_disk()
    {
        var diagnostic = RuleAssert.Single("XCFG0121", "name = 'a'\ndisk = [ '/dev/vg/a,,xvda',\n         '/dev/vg/b,,xvda' ]\n");

        var related = Assert.Single(diagnostic.RelatedLocations);
        Assert.Equal("/etc/xen/test.cfg", related.FilePath);
        Assert.Equal(1, related.LineSpan.Start.Line);
        Assert.Equal(21, related.LineSpan.Start.Character);
        Assert.Equal("disk 1 uses `xvda`", related.Message);
    }

    [Fact]
    public void On_hvm_hdX_and_xvdX_are_the_same_emulated_disk() =>
        RuleAssert.Reports("XCFG0121", "name = 'a'\ntype = 'hvm'\ndisk = [ '/dev/vg/a,,hda', '/dev/vg/b,,[|xvda|]' ]\n",
            "`xvda` is the same guest device as `hda` of disk 1 (on an HVM guest hdX and xvdX are the same emulated disk); each disk needs its own vdev");

    [Fact]
    public void The_hvm_builder_of_an_xm_config_counts_as_hvm() =>
        RuleAssert.Reports("XCFG0121", "name = 'a'\nbuilder = 'hvm'\ndisk = [ 'phy:/dev/vg/a,hdc:cdrom,r', 'phy:/dev/vg/b,[|xvdc|],w' ]\n", Dialect.Xm,
            "`xvdc` is the same guest device as `hdc` of disk 1 (on an HVM guest hdX and xvdX are the same emulated disk); each disk needs its own vdev");

    [Theory]
    [InlineData("type = 'pv'\n")]
    [InlineData("type = 'pvh'\n")]
    [InlineData("")]
    public void On_pv_and_pvh_hdX_and_xvdX_are_different_devices(string type) =>
        RuleAssert.Silent("XCFG0121", $"name = 'a'\n{type}disk = [ '/dev/vg/a,,hda', '/dev/vg/b,,xvda' ]\n");

    [Theory]
    [InlineData("disk = [ '/dev/vg/a,,xvda', '/dev/vg/b,,xvdb', '/dev/vg/c,,xvda1' ]")]
    [InlineData("type = 'hvm'\ndisk = [ '/dev/vg/a,,hda', '/dev/vg/b,,xvdb', '/dev/vg/c,,hdc', '/dev/vg/d,,xvdc1' ]")]
    [InlineData("type = 'hvm'\ndisk = [ '/dev/vg/a,,sda', '/dev/vg/b,,xvda' ]")]
    [InlineData("disk = [ '/dev/vg/a,,xvd1', '/dev/vg/b,,xvd1' ]")]
    public void Distinct_devices_and_invalid_names_are_not_reported(string settings) =>
        RuleAssert.Silent("XCFG0121", $"name = 'a'\n{settings}\n");

    [Fact]
    public void Under_xm_the_vdev_without_its_type_is_underlined() =>
        RuleAssert.Reports("XCFG0121", "name = 'a'\ndisk = [ 'phy:/dev/vg/a,hdc:cdrom,r', 'file:/srv/b.iso,[|hdc|]:cdrom,r' ]\n", Dialect.Xm,
            "`hdc` is the same guest device as `hdc` of disk 1; each disk needs its own vdev");
}
