using System.Security.Cryptography;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;

namespace XenCfg.Provisioning.Tests.Planning;

/// <summary>Image files and their file systems, for real: sparse files, mkfs with population, blkid, dumpe2fs, debugfs, e2fsck.</summary>
public sealed class ImageFileTests : IDisposable
{
    private readonly Harness _harness = new();

    public void Dispose() => _harness.Dispose();

    private string Config(string annotation, string image = "{root}/images/vm1.img") =>
        _harness.Config("vm1.cfg", $"name = \"vm1\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\ndisk = [ 'file:{image},xvda,w' ]  # xcfg: {annotation}\n");

    [SkippableFact]
    public void A_new_image_is_a_sparse_file_with_no_block_allocated_and_mode_0600()
    {
        HostRequirements.Tools("stat");
        _harness.Directory("images");
        var config = Config("size=2G");

        var plan = _harness.Run(apply: false, config);
        Assert.Equal(ProvisionExitCodes.Changes, plan.Code);
        Assert.Contains($"+ image  {_harness.PathOf("images/vm1.img")} — 2G sparse file, mode 0600  [vm1.cfg:4 xvda]", plan.Output, StringComparison.Ordinal);
        Assert.EndsWith("Plan: 1 to create, 0 unchanged, 0 refused.\n", plan.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.PathOf("images/vm1.img")), "a plan changes nothing");

        var applied = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Contains("done; verified: regular file, 2147483648 bytes, 0 blocks allocated, mode 0600", applied.Output, StringComparison.Ordinal);
        // The tools agree: 0 blocks, 2 GiB, mode 600.
        Assert.Equal("0 2147483648 600", Commands.Must("stat", "-c", "%b %s %a", _harness.PathOf("images/vm1.img")).Trim());

        var again = _harness.Run(apply: true, config);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Contains("= image  ", again.Output, StringComparison.Ordinal);
        Assert.Contains("Plan: 0 to create, 1 unchanged, 0 refused.", again.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Mkfs_populates_the_image_without_mounting_and_the_result_is_checked_with_dumpe2fs_and_debugfs()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid", "dumpe2fs", "debugfs", "e2fsck", "stat");
        _harness.Directory("images");
        var rootfs = _harness.Directory("rootfs");
        System.IO.Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        File.WriteAllText(Path.Combine(rootfs, "etc", "hostname"), "vm1\n");
        File.WriteAllText(Path.Combine(rootfs, "README"), "populated by xcfg provision\n");
        var config = Config($"size=32M fs=ext4 label=vm1root uuid=0B9C8A7E-1111-4222-8333-444455556666 populate={rootfs}");

        var applied = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Contains("debugfs finds the 2 entries of " + rootfs + " in /", applied.Output, StringComparison.Ordinal);
        var image = _harness.PathOf("images/vm1.img");
        var superblock = Commands.Must("dumpe2fs", "-h", image);
        Assert.Contains("Filesystem volume name:   vm1root", superblock, StringComparison.Ordinal);
        Assert.Contains("Filesystem UUID:          0b9c8a7e-1111-4222-8333-444455556666", superblock, StringComparison.Ordinal);
        Assert.Contains("Block size:               4096", superblock, StringComparison.Ordinal);
        Assert.Equal("vm1\n", Commands.Must("debugfs", "-R", "cat /etc/hostname", image));
        // mkfs -d copies each file with its owner (whoever runs the tests); root_owner=0:0 gives the root directory to root.
        var listing = Commands.Must("debugfs", "-R", "ls -p /", image);
        var owner = Commands.Must("stat", "-c", "%u/%g", Path.Combine(rootfs, "README")).Trim();
        Assert.Contains($"/{owner}/README/", listing, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^/2/040\d{3}/0/0/\./", listing);
        Assert.Equal(0, Commands.Run("e2fsck", "-fn", image).ExitCode);

        var again = _harness.Run(apply: false, config);
        Assert.Equal(ProvisionExitCodes.Success, again.Code);
        Assert.Contains("= ext4   " + image + " — holds ext4 labelled vm1root", again.Output, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("ext3", "mkfs.ext3")]
    [InlineData("ext2", "mkfs.ext2")]
    [InlineData("swap", "mkswap")]
    public void Each_file_system_type_is_made_and_recognised(string type, string tool)
    {
        HostRequirements.Tools(tool, "blkid");
        _harness.Directory("images");
        var config = Config($"size=16M fs={type} label=disk1");

        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: true, config).Code);

        Assert.Contains($"TYPE={type}", Commands.Must("blkid", "-p", "-o", "export", _harness.PathOf("images/vm1.img")), StringComparison.Ordinal);
        Assert.Equal(ProvisionExitCodes.Success, _harness.Run(apply: false, config).Code);
    }

    [SkippableFact]
    public void An_image_holding_another_file_system_is_never_reformatted()
    {
        HostRequirements.Tools("mkfs.ext3", "blkid");
        _harness.Directory("images");
        var image = _harness.PathOf("images/vm1.img");
        Commands.Must("truncate", "-s", "16M", image);
        Commands.Must("mkfs.ext3", "-q", "-F", "-L", "precious", image);
        var before = Hash(image);
        var config = Config("size=16M fs=ext4");

        var result = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Refused, result.Code);
        Assert.Contains($"! ext4   {image} — refused: {image} holds ext3 labelled precious, the annotation says ext4: never reformatted", result.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing applied: the plan refuses something.", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, Hash(image));
    }

    [SkippableFact]
    public void An_image_holding_data_without_a_signature_is_never_formatted()
    {
        HostRequirements.Tools("blkid");
        _harness.Directory("images");
        var image = _harness.PathOf("images/vm1.img");
        using (var file = File.Create(image))
        {
            file.SetLength(16 << 20);
            file.Position = 8 << 20;
            file.Write(RandomNumberGenerator.GetBytes(4096));
        }

        // The fact that makes the zero check necessary: blkid says "nothing found" for this file as for a blank one.
        Assert.Equal(2, Commands.Run("blkid", "-p", image).ExitCode);
        var before = Hash(image);

        var result = _harness.Run(apply: true, Config("size=16M fs=ext4"));

        Assert.Equal(ProvisionExitCodes.Refused, result.Code);
        Assert.Contains("holds data but no signature blkid knows (random data, an encrypted volume, a partition table it cannot read?): never overwritten", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, Hash(image));
    }

    [SkippableFact]
    public void A_blank_existing_image_of_the_declared_size_is_formatted_in_place()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid", "cmp", "losetup");
        _harness.Directory("images");
        var image = _harness.PathOf("images/vm1.img");
        Commands.Must("truncate", "-s", "16M", image);
        var config = Config("size=16M fs=ext4");

        var plan = _harness.Plan(config);
        Assert.Equal(["= image " + image, "+ ext4 " + image], Harness.Lines(plan));
        var fs = plan.Resources.OfType<FilesystemResource>().Single();
        Assert.Equal("blank (all zeros), formatted in place", fs.Reason);
        Assert.Equal([new AllZeroGuard(image, 16 << 20), new NotLoopAttachedGuard(image)], fs.Guards);

        Assert.Equal(ProvisionExitCodes.Changes, _harness.Run(apply: true, config).Code);
        Assert.Contains("TYPE=ext4", Commands.Must("blkid", "-p", "-o", "export", image), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_blank_image_attached_to_a_loop_device_is_refused()
    {
        HostRequirements.LoopDevices();
        _harness.Directory("images");
        var image = _harness.PathOf("images/vm1.img");
        Commands.Must("truncate", "-s", "16M", image);
        var device = Commands.Must("losetup", "--find", "--show", image).Trim();
        try
        {
            var plan = _harness.Plan(Config("size=16M fs=ext4"));

            var fs = plan.Resources.OfType<FilesystemResource>().Single();
            Assert.Equal(PlanAction.Refused, fs.Action);
            Assert.Equal($"{image} has no file system and is attached to {device}", fs.Reason);
        }
        finally
        {
            Commands.Run("losetup", "-d", device);
        }
    }

    [SkippableFact]
    public void An_image_of_another_size_is_never_resized()
    {
        _harness.Directory("images");
        Commands.Must("truncate", "-s", "8M", _harness.PathOf("images/vm1.img"));

        var image = Assert.Single(_harness.Plan(Config("size=16M")).Resources);

        Assert.Equal(PlanAction.Refused, image.Action);
        Assert.Equal($"{_harness.PathOf("images/vm1.img")} exists with 8388608 bytes (8M), the annotation says 16777216 (16M): an image is never resized", image.Reason);
    }

    [SkippableFact]
    public void Targets_that_are_not_regular_files_are_refused()
    {
        _harness.Directory("images");
        File.CreateSymbolicLink(_harness.PathOf("images/link.img"), "/etc/passwd");
        _harness.Directory("images/dir.img");

        var link = Assert.Single(_harness.Plan(Config("size=16M", "{root}/images/link.img")).Resources);
        var directory = Assert.Single(_harness.Plan(Config("size=16M", "{root}/images/dir.img")).Resources);

        Assert.Equal($"{_harness.PathOf("images/link.img")} is a symbolic link; name the file itself in the config", link.Reason);
        Assert.Equal($"{_harness.PathOf("images/dir.img")} exists and is not a regular file (a directory)", directory.Reason);
    }

    [SkippableFact]
    public void A_missing_directory_or_populate_source_is_refused()
    {
        var missingDirectory = Assert.Single(_harness.Plan(Config("size=16M", "{root}/nowhere/vm1.img")).Resources);
        Assert.Equal($"the directory {_harness.PathOf("nowhere")} does not exist; create it first", missingDirectory.Reason);

        _harness.Directory("images");
        var plan = _harness.Plan(Config($"size=16M fs=ext4 populate={_harness.PathOf("no-rootfs")}"));
        Assert.Equal(["+ image " + _harness.PathOf("images/vm1.img"), "! ext4 " + _harness.PathOf("images/vm1.img")], Harness.Lines(plan));
        Assert.Equal($"populate={_harness.PathOf("no-rootfs")} is not a directory on this host", plan.Resources[1].Reason);
    }

    [SkippableFact]
    public void Images_that_would_not_fit_in_the_file_system_are_refused_together()
    {
        _harness.Directory("images");
        var available = LinuxFileSystemAvailable(_harness.Root);
        var half = (available / 2 / (1 << 20) + 1) << 20;
        var first = _harness.Config("a.cfg", $"name = \"a\"\ndisk = [ 'file:{{root}}/images/a.img,xvda,w' ]  # xcfg: size={half}b\n");
        var second = _harness.Config("b.cfg", $"name = \"b\"\ndisk = [ 'file:{{root}}/images/b.img,xvda,w' ]  # xcfg: size={half}b\n");

        Assert.Equal(PlanAction.Create, Assert.Single(_harness.Plan(first).Resources).Action);
        var plan = _harness.Plan(first, second);

        Assert.All(plan.Resources, resource => Assert.Equal(PlanAction.Refused, resource.Action));
        Assert.StartsWith($"not enough room for the images on the file system of {_harness.PathOf("images")}: ", plan.Resources[0].Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_same_image_asked_for_identically_by_two_configs_is_planned_once_and_differently_is_refused()
    {
        _harness.Directory("images");
        var a = _harness.Config("a.cfg", "name = \"a\"\ndisk = [ 'file:{root}/images/shared.img,xvdb,r' ]  # xcfg: size=16M\n");
        var b = _harness.Config("b.cfg", "name = \"b\"\ndisk = [ 'file:{root}/images/shared.img,xvdb,r' ]  # xcfg: size=16M\n");
        var c = _harness.Config("c.cfg", "name = \"c\"\ndisk = [ 'file:{root}/images/shared.img,xvdb,r' ]  # xcfg: size=32M\n");

        var agreed = Assert.Single(_harness.Plan(a, b).Resources);
        Assert.Equal(PlanAction.Create, agreed.Action);
        Assert.Equal([a, b], agreed.Origins.Select(origin => origin.ConfigPath));

        var disagreeing = _harness.Plan(a, c);
        Assert.All(disagreeing.Resources, resource => Assert.Equal(PlanAction.Refused, resource.Action));
        Assert.Equal($"{a} (xvdb) and {c} (xvdb) ask for {_harness.PathOf("images/shared.img")} differently", disagreeing.Resources[0].Reason);
    }

    [SkippableFact]
    public void A_sharing_conflict_between_the_configs_refuses_the_disk()
    {
        _harness.Directory("images");
        var a = _harness.Config("a.cfg", "name = \"a\"\ndisk = [ 'file:{root}/images/shared.img,xvdb,w' ]  # xcfg: size=16M\n");
        var b = _harness.Config("b.cfg", "name = \"b\"\ndisk = [ 'file:{root}/images/shared.img,xvdb,w' ]  # xcfg: size=16M\n");

        var plan = _harness.Plan(a, b);

        Assert.All(plan.Resources, resource => Assert.Equal(PlanAction.Refused, resource.Action));
        Assert.StartsWith("sharing conflict (XCFG0300): ", plan.Resources[0].Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_file_appearing_between_plan_and_apply_stops_the_run_before_anything_is_changed()
    {
        _harness.Directory("images");
        var plan = _harness.Plan(Config("size=16M fs=none"));
        File.WriteAllText(_harness.PathOf("images/vm1.img"), "someone else's");
        var journal = new Execution.MemoryJournal();

        var result = new Execution.Executor(_harness.Host, journal, TextWriter.Null).Apply(plan);

        Assert.Equal(ProvisionExitCodes.Refused, result.ExitCode);
        Assert.Equal("someone else's", File.ReadAllText(_harness.PathOf("images/vm1.img")));
        Assert.Equal(["stopped", "end"], journal.Entries.Select(entry => entry.Event));
        Assert.Equal($"{_harness.PathOf("images/vm1.img")} appeared since the plan was made", journal.Entries[0].Detail);
    }

    [SkippableFact]
    public void A_failing_step_after_a_created_resource_is_a_partial_apply_recorded_in_the_journal()
    {
        HostRequirements.Tools("mkfs.ext4");
        _harness.Directory("images");
        var rootfs = _harness.Directory("rootfs");
        // 4 MiB of incompressible data cannot go into a 2 MiB file system: mkfs -d fails after the image exists.
        File.WriteAllBytes(Path.Combine(rootfs, "big"), RandomNumberGenerator.GetBytes(4 << 20));
        var config = Config($"size=2M fs=ext4 populate={rootfs}");

        var result = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.PartlyApplied, result.Code);
        Assert.Contains("[2/2] + ext4 " + _harness.PathOf("images/vm1.img") + " ... failed: mkfs.ext4 exited with", result.Output, StringComparison.Ordinal);
        Assert.Contains("Partly applied: 1 created and verified before the run stopped; see the journal for what was done.", result.Output, StringComparison.Ordinal);
        var journal = File.ReadAllLines(_harness.Journal);
        Assert.Equal(["start", "done", "start", "failed", "end"], journal.Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()));
        Assert.Contains("\"kind\":\"image\"", journal[1], StringComparison.Ordinal);
    }

    private static long LinuxFileSystemAvailable(string directory) => Host.LinuxFileSystem.Instance.AvailableBytes(directory);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
