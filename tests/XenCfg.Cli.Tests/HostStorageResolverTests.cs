using System.Diagnostics;
using XenCfg.Analysis;
using XenCfg.Analysis.Workspace;
using XenCfg.Cli.Host;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Cli.Tests;

public class HostStorageResolverTests
{
    private static List<string> ConflictIds(IStorageResolver resolver, params (string Path, string Text)[] files)
    {
        var workspace = new ConfigWorkspace(resolver);
        workspace.SetMany([.. files.Select(file => new WorkspaceFile(SyntaxTree.Parse(file.Text, filePath: file.Path), AnalysisOptions.Default))]);
        return [.. files.SelectMany(file => workspace.GetDiagnostics(file.Path)).Where(d => d.Id.StartsWith("XCFG03", StringComparison.Ordinal)).Select(d => d.Id)];
    }

    [Fact]
    public void A_file_reached_through_a_symlink_is_the_same_storage()
    {
        using var dir = new TempDirectory();
        var image = dir.Write("images/vm.img", "");
        var link = Path.Combine(dir.Path, "alias.img");
        File.CreateSymbolicLink(link, image);
        var a = ("/etc/xen/a.cfg", $"name = 'a'\ndisk = [ 'file:{image},xvda,w' ]\n");
        var b = ("/etc/xen/b.cfg", $"name = 'b'\ndisk = [ 'file:{link},xvda,w' ]\n");

        Assert.Empty(ConflictIds(ConfigOnlyResolver.Instance, a, b));
        Assert.Equal(["XCFG0300", "XCFG0300"], ConflictIds(new HostStorageResolver(), a, b));
    }

    [Fact]
    public void Different_files_stay_different_and_unknown_paths_stay_as_written()
    {
        using var dir = new TempDirectory();
        var first = dir.Write("a.img", "");
        var second = dir.Write("b.img", "");
        var resolver = new HostStorageResolver();

        Assert.NotEqual(resolver.Resolve(new StorageKey(StorageKind.File, first)), resolver.Resolve(new StorageKey(StorageKind.File, second)));
        var missing = new StorageKey(StorageKind.File, Path.Combine(dir.Path, "missing.img"));
        Assert.Equal(missing, resolver.Resolve(missing));
    }

    [Fact]
    public void Snapshot_origins_come_from_lvs()
    {
        const string lvs = """{"report":[{"lv":[{"vg_name":"vg","lv_name":"master","origin":""},{"vg_name":"vg","lv_name":"clone1","origin":"master"}]}]}""";
        var resolver = new HostStorageResolver(run: (tool, _) => tool == "lvs" ? (0, lvs) : (1, string.Empty));

        var pairs = resolver.SnapshotsOf([new StorageKey(StorageKind.LogicalVolume, "vg/clone1")]);

        Assert.Equal([(new StorageKey(StorageKind.LogicalVolume, "vg/clone1"), new StorageKey(StorageKind.LogicalVolume, "vg/master"))], pairs.ToArray());
        Assert.Equal(["XCFG0303"], ConflictIds(resolver,
            ("/master.cfg", "name = 'master'\ndisk = [ 'phy:/dev/vg/master,xvda,w' ]\n"),
            ("/clone1.cfg", "name = 'clone1'\ndisk = [ 'phy:/dev/vg/clone1,xvda,w' ]\n")));
    }

    [SkippableFact]
    public void A_loop_device_and_a_symlink_to_it_are_one_device_and_its_partition_overlaps_it()
    {
        var root = Environment.UserName == "root" && (File.Exists("/sbin/losetup") || File.Exists("/usr/sbin/losetup"));
        Skip.If(!root && Environment.GetEnvironmentVariable("XCFG_REQUIRE_HOST_TESTS") != "1", "needs root and losetup for a loop device");

        using var dir = new TempDirectory();
        var backing = Path.Combine(dir.Path, "disk.img");
        using (var stream = File.Create(backing))
        {
            stream.SetLength(8 * 1024 * 1024);
        }

        var device = Run("losetup", "--find", "--show", backing).Trim();
        try
        {
            var link = Path.Combine(dir.Path, "by-name");
            File.CreateSymbolicLink(link, device);
            var resolver = new HostStorageResolver();

            Assert.Equal(resolver.Resolve(StorageIdentity.ForDisk(device, null)!), resolver.Resolve(new StorageKey(StorageKind.File, link)));
            Assert.Equal(StorageKind.HostDevice, resolver.Resolve(StorageIdentity.ForDisk(device, null)!).Kind);
        }
        finally
        {
            Run("losetup", "-d", device);
        }
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }
}
