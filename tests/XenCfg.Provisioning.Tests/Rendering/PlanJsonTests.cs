using System.Text.Json;
using XenCfg.Provisioning.Tests.Support;

namespace XenCfg.Provisioning.Tests.Rendering;

/// <summary>The documented JSON plan (--format json).</summary>
public sealed class PlanJsonTests : IDisposable
{
    private readonly Harness _harness = new();

    public void Dispose() => _harness.Dispose();

    [SkippableFact]
    public void The_plan_has_the_documented_shape_and_after_apply_each_result()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid", "dumpe2fs", "e2fsck");
        _harness.Directory("images");
        var config = _harness.Config("vm1.cfg", "name = \"vm1\"\ndisk = [ 'file:{root}/images/vm1.img,xvda,w' ]  # xcfg: size=8M fs=ext4\n");

        var (code, output, _) = _harness.Run(apply: false, ProvisionFormat.Json, config);

        Assert.Equal(ProvisionExitCodes.Changes, code);
        using var plan = JsonDocument.Parse(output);
        var root = plan.RootElement;
        Assert.Equal("xcfg-provision-plan", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(2, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("create").GetInt32());
        var resources = root.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(["image", "filesystem"], resources.Select(resource => resource.GetProperty("kind").GetString()));
        var image = resources[0];
        Assert.Equal("create", image.GetProperty("action").GetString());
        Assert.Equal(8 << 20, image.GetProperty("size").GetInt64());
        Assert.Equal(JsonValueKind.Null, image.GetProperty("dependsOn").ValueKind);
        Assert.Equal("create-sparse-file", image.GetProperty("steps")[0].GetProperty("type").GetString());
        Assert.Equal("0600", image.GetProperty("steps")[0].GetProperty("mode").GetString());
        Assert.Equal(["directory-exists", "path-absent"], image.GetProperty("guards").EnumerateArray().Select(guard => guard.GetProperty("type").GetString()));
        Assert.Equal(2, image.GetProperty("origins")[0].GetProperty("line").GetInt32());
        Assert.Equal("xvda", image.GetProperty("origins")[0].GetProperty("what").GetString());
        var fs = resources[1];
        Assert.Equal(0, fs.GetProperty("dependsOn").GetInt32());
        Assert.Equal("ext4", fs.GetProperty("label").GetString());
        Assert.Equal(
            ["mkfs.ext4", "-F", "-q", "-b", "4096", "-E", "root_owner=0:0", "--", _harness.PathOf("images/vm1.img")],
            fs.GetProperty("steps")[0].GetProperty("argv").EnumerateArray().Select(word => word.GetString()));
        Assert.False(image.TryGetProperty("result", out _));

        var applied = _harness.Run(apply: true, ProvisionFormat.Json, config);
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Contains("[2/2] + ext4", applied.Error, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(applied.Output);
        Assert.All(result.RootElement.GetProperty("resources").EnumerateArray(), resource =>
            Assert.Equal("created", resource.GetProperty("result").GetProperty("outcome").GetString()));
    }
}
