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
    public void A_loop_device_and_a_symlink_to_it_are_one_device()
    {
        var root = Environment.IsPrivilegedProcess && (File.Exists("/sbin/losetup") || File.Exists("/usr/sbin/losetup"));
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
            var whole = resolver.Resolve(StorageIdentity.ForDisk(device, null)!);

            Assert.Equal(whole, resolver.Resolve(new StorageKey(StorageKind.File, link)));
            Assert.Equal(new StorageKey(StorageKind.HostDevice, "block:" + File.ReadAllText($"/sys/class/block/{Path.GetFileName(device)}/dev").Trim()), whole);
        }
        finally
        {
            Run("losetup", "-d", device);
        }
    }

    /// <summary>
    /// A partition is found through sysfs as Linux lays it out (/sys/dev/block/MAJOR:MINOR links to the partition's
    /// folder, which holds its number and sits in its disk's folder): it resolves to the disk's device number and
    /// its own partition number, so it overlaps the disk and not its sibling. The sysfs tree and stat's answers are
    /// made here: the kernels CI runs on may lack partition tables (no CONFIG_MSDOS_PARTITION), so a real
    /// partitioned loop device cannot be counted on.
    /// </summary>
    [Fact]
    public void A_partition_resolves_to_its_disk_and_number_so_it_overlaps_the_disk_but_not_its_sibling()
    {
        using var sys = new TempDirectory();
        sys.Write("devices/virtual/block/loop3/dev", "7:3\n");
        sys.Write("devices/virtual/block/loop3/loop3p1/dev", "259:0\n");
        sys.Write("devices/virtual/block/loop3/loop3p1/partition", "1\n");
        sys.Write("devices/virtual/block/loop3/loop3p2/dev", "259:1\n");
        sys.Write("devices/virtual/block/loop3/loop3p2/partition", "2\n");
        System.IO.Directory.CreateDirectory(Path.Combine(sys.Path, "dev", "block"));
        Directory.CreateSymbolicLink(Path.Combine(sys.Path, "dev", "block", "7:3"), "../../devices/virtual/block/loop3");
        Directory.CreateSymbolicLink(Path.Combine(sys.Path, "dev", "block", "259:0"), "../../devices/virtual/block/loop3/loop3p1");
        Directory.CreateSymbolicLink(Path.Combine(sys.Path, "dev", "block", "259:1"), "../../devices/virtual/block/loop3/loop3p2");
        var devices = new Dictionary<string, string>
        {
            ["/dev/loop3"] = "block special file\t7\t3\t5\t40\n",
            ["/dev/loop3p1"] = "block special file\t103\t0\t5\t41\n",
            ["/dev/loop3p2"] = "block special file\t103\t1\t5\t42\n",
        };
        var resolver = new HostStorageResolver(run: (tool, arguments) => tool == "stat" && devices.TryGetValue(arguments[^1], out var line) ? (0, line) : (1, string.Empty), sysfs: sys.Path);

        var whole = resolver.Resolve(StorageIdentity.ForDisk("/dev/loop3", null)!);
        var first = resolver.Resolve(StorageIdentity.ForDisk("/dev/loop3p1", null)!);
        var second = resolver.Resolve(StorageIdentity.ForDisk("/dev/loop3p2", null)!);

        Assert.Equal(new StorageKey(StorageKind.HostDevice, "block:7:3"), whole);
        Assert.Equal(new StorageKey(StorageKind.HostDevice, "block:7:3", 1), first);
        Assert.Equal(new StorageKey(StorageKind.HostDevice, "block:7:3", 2), second);
        Assert.True(first.Overlaps(whole) && whole.Overlaps(first), $"{first} does not overlap {whole}");
        Assert.False(first.Overlaps(second), $"{first} overlaps {second}");
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
