using System.Text.Json;
using XenCfg.Analysis;
using XenCfg.Provisioning.Execution;
using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Tests.Support;
using XenCfg.Syntax;

namespace XenCfg.Provisioning.Tests.Safety;

/// <summary>
/// Issue 12's cases 3 and 5 to 9, and its exit codes, each as the review tried it: on this host's real file system
/// and tools (sizes, labels, symbolic links, LVM on a loop device), or with a recorded host where a live one cannot
/// be had. The NFS export cases are in <see cref="ExportsTests"/>, the dom0 check in <see cref="Dom0Tests"/>.
/// </summary>
public sealed class AdversarialCaseTests : IDisposable
{
    private readonly Harness _harness = new();
    private LoopVolumeGroup? _group;

    public void Dispose()
    {
        try
        {
            _group?.Dispose();
        }
        finally
        {
            _harness.Dispose();
        }
    }

    private string Disk(string annotation, string image = "{root}/images/vm1.img", string name = "vm1", string file = "vm1.cfg") =>
        _harness.Config(file, $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nmemory = 256\ndisk = [ 'file:{image},xvda,w' ]  # xcfg: {annotation}\n");

    private string NfsGuest(string root, string extra = "", string name = "nfsguest") => _harness.Config(name + ".cfg",
        $"name = \"{name}\"\nkernel = \"/boot/vmlinuz\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"{root}\"  # xcfg: client=192.0.2.11\nip = \"192.0.2.11\"\n{extra}");

    // ---- Case 3: host directories ----

    [SkippableFact]
    public void Case3_host_directories_are_refused_as_nfs_roots_as_written_and_behind_a_symbolic_link()
    {
        _harness.Dialect = Dialect.Xm;
        var written = Assert.Single(_harness.Plan(NfsGuest("/etc")).Resources);
        Assert.Equal(("nfs root", PlanAction.Refused), (written.Label, written.Action));
        Assert.Contains("the NFS root `/etc` is the host's configuration (passwords in /etc/shadow, SSH host keys); exported read-write with no_root_squash, its guest's root would own it (xcfg provision --allow-system-path /etc if that is really meant) (XCFG0415)", written.Reason, StringComparison.Ordinal);

        _harness.Dialect = Dialect.Xl;
        var xl = _harness.Config("xl.cfg", "name = \"xlguest\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nextra = \"nfsroot=192.0.2.1:/etc ip=192.0.2.12::192.0.2.254:255.255.255.0:xl:eth0:off\"  # xcfg: client=192.0.2.12\n");
        Assert.Contains("(XCFG0415)", Assert.Single(_harness.Plan(xl).Resources).Reason, StringComparison.Ordinal);

        _harness.Dialect = Dialect.Xm;
        Directory.CreateSymbolicLink(_harness.PathOf("etc-link"), "/etc");
        var linked = _harness.PathOf("etc-link/ssh");
        var plan = _harness.Plan(NfsGuest(linked));
        Assert.Equal(["! directory " + linked, "! export " + _harness.Options.ExportsDirectory + "/xcfg-nfsguest.exports", "! exportfs 192.0.2.11:" + linked], Harness.Lines(plan));
        Assert.Equal($"the NFS root `{linked}` leads through symbolic links to `/etc/ssh`: `/etc/ssh` is inside `/etc`, the host's configuration (passwords in /etc/shadow, SSH host keys) (xcfg provision --allow-system-path /etc/ssh if that is really meant)", plan.Resources[0].Reason);
        Assert.Equal($"its directory {linked} is refused", plan.Resources[1].Reason);
    }

    [SkippableFact]
    public void Case3_an_allowed_system_directory_is_planned_as_the_admin_asked()
    {
        _harness.Dialect = Dialect.Xm;
        Directory.CreateSymbolicLink(_harness.PathOf("etc-link"), "/etc");
        var linked = _harness.PathOf("etc-link/ssh");
        _harness.Options = _harness.Options with { Overrides = new() { AllowedSystemPaths = new HashSet<string>(["/etc/ssh"]) } };

        var directory = _harness.Plan(NfsGuest(linked)).Resources.OfType<DirectoryResource>().Single();

        Assert.Equal((PlanAction.Unchanged, "exists"), (directory.Action, directory.Reason));
    }

    [SkippableFact]
    public void Case3_system_directories_are_never_a_populate_source_as_written_or_behind_a_link()
    {
        _harness.Directory("images");
        foreach (var source in new[] { "/etc", "/proc", "/root" })
        {
            var refusal = Assert.Single(_harness.Plan(Disk($"size=16M fs=ext4 populate={source}")).Resources);
            Assert.Contains($"populate={source}: `{source}` is", refusal.Reason, StringComparison.Ordinal);
            Assert.Contains("its whole contents would be copied into the guest's disk", refusal.Reason, StringComparison.Ordinal);
        }

        Directory.CreateSymbolicLink(_harness.PathOf("rootfs"), "/etc");
        var plan = _harness.Plan(Disk($"size=16M fs=ext4 populate={_harness.PathOf("rootfs")}"));
        Assert.Equal(PlanAction.Refused, plan.Resources.OfType<FilesystemResource>().Single().Action);
        Assert.Equal($"populate={_harness.PathOf("rootfs")}: `{_harness.PathOf("rootfs")}` leads through symbolic links to `/etc`: `/etc` is the host's configuration (passwords in /etc/shadow, SSH host keys) (xcfg provision --allow-system-path /etc if that is really meant)",
            plan.Resources.OfType<FilesystemResource>().Single().Reason);
        Assert.Equal(ProvisionExitCodes.Refused, _harness.Run(apply: true, Disk($"size=16M fs=ext4 populate={_harness.PathOf("rootfs")}")).Code);
        Assert.False(File.Exists(_harness.PathOf("images/vm1.img")));
    }

    // ---- Case 5: numbers ----

    [SkippableTheory]
    [InlineData("8E", "9223372036854775808")]
    [InlineData("15E", "17293822569102704640")]
    public void Case5_sizes_beyond_what_a_disk_holds_are_refused_and_never_wrap(string size, string bytes)
    {
        _harness.Directory("images");
        var config = Disk($"size={size}");

        var applied = _harness.Run(apply: true, config);
        var script = _harness.Run(apply: false, ProvisionFormat.Sh, config);

        Assert.Equal(ProvisionExitCodes.Refused, applied.Code);
        Assert.Contains($"size={size} is {bytes} bytes: no Linux file or block device holds that much", applied.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.PathOf("images/vm1.img")));
        Assert.Equal(ProvisionExitCodes.Refused, script.Code);
        Assert.Empty(script.Output);
        Assert.DoesNotContain(" -9", script.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Case5_a_size_that_fits_in_a_long_but_not_on_the_disk_is_refused_with_exact_numbers()
    {
        _harness.Directory("images");
        var config = Disk("size=7E");

        var plan = _harness.Plan(config);
        var json = _harness.Run(apply: false, ProvisionFormat.Json, config);

        var image = Assert.Single(plan.Resources);
        Assert.Equal(PlanAction.Refused, image.Action);
        Assert.EndsWith(", the plan's images need 7E", image.Reason, StringComparison.Ordinal);
        Assert.Equal("7E sparse file, mode 0600", image.Description);
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(8070450532247928832L, document.RootElement.GetProperty("resources")[0].GetProperty("size").GetInt64());
    }

    [SkippableFact]
    public void Case5_a_volume_larger_than_lvm_counts_or_than_the_group_holds_is_refused_without_negative_extents()
    {
        _group = LoopVolumeGroup.Create();
        _harness.Host = new MetadataOnlyLvm(_group.Name, _harness.PathOf("stand-ins"), ProcessCommandRunner.Instance, LinuxFileSystem.Instance).Host;
        string Volume(string name, string size) =>
            _harness.Config(name + ".cfg", $"name = \"{name}\"\ndisk = [ 'phy:{_group.Name}/{name},xvda,w' ]  # xcfg: size={size}\n");

        var plan = _harness.Plan(Volume("huge", "16P"), Volume("big", "15P"), Volume("wrap", "8E"));

        Assert.Equal("16P is 4294967296 extents of 4M: LVM makes a volume of at most 4294967295 extents (17179869180M with extents of 4M)", plan.Resources.Single(resource => resource.Target.EndsWith("/huge", StringComparison.Ordinal)).Reason);
        Assert.Equal($"not enough room in volume group {_group.Name}: 15 free extents (60M), the plan needs 4026531840 (15P)", plan.Resources.Single(resource => resource.Target.EndsWith("/big", StringComparison.Ordinal)).Reason);
        Assert.Contains("size=8E is 9223372036854775808 bytes", plan.Resources.Single(resource => resource.Target.EndsWith("/wrap", StringComparison.Ordinal)).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Resources, resource => System.Text.RegularExpressions.Regex.IsMatch(resource.Reason ?? string.Empty, "-[0-9]"));
        Assert.Empty(_group.Volumes());
    }

    [SkippableFact]
    public void Case5_a_sparse_file_the_file_system_cannot_hold_is_removed_again()
    {
        var type = Commands.Must("stat", "-f", "-c", "%T", _harness.Root).Trim();
        Skip.If(type is not ("ext2/ext3"), $"needs a scratch directory on ext2/3/4 (its largest file is 16T); {_harness.Root} is on {type}");
        var path = _harness.PathOf("too-large.img");

        var failure = Assert.Throws<IOException>(() => LinuxFileSystem.Instance.CreateSparseFile(path, 17L << 40));

        Assert.StartsWith($"cannot make {path} 18691697672192 bytes long: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("; the empty file was removed again", failure.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    // ---- Case 6: labels ----

    [SkippableTheory]
    [InlineData("ext4", "label=déjà-vu", "déjà-vu")]
    [InlineData("swap", "label=déjà-vu", "déjà-vu")]
    [InlineData("ext4", "label=\"a b$\\x\"", "a b$\\x")]
    [InlineData("ext2", "label=M-C", "M-C")]
    [InlineData("ext4", "label=ééééééé12", "ééééééé12")]
    [InlineData("swap", "label=ééééééé1", "ééééééé1")]
    public void Case6_any_label_lint_accepts_is_made_verified_and_found_again(string fs, string label, string expected)
    {
        HostRequirements.Tools(fs == "swap" ? "mkswap" : "mkfs." + fs, "blkid", "dumpe2fs", "e2fsck");
        _harness.Directory("images");
        var config = Disk($"size=16M fs={fs} {label}");
        Assert.Empty(ConfigAnalyzer.Analyze(_harness.Tree(config), _harness.EffectiveOptions.Analysis).Where(diagnostic => diagnostic.Id.StartsWith("XCFG04", StringComparison.Ordinal)));

        var applied = _harness.Run(apply: true, config);
        var again = _harness.Run(apply: true, config);

        Assert.True(applied.Code == ProvisionExitCodes.Changes, applied.Output);
        Assert.Contains($"label {expected}", applied.Output, StringComparison.Ordinal);
        Assert.True(again.Code == ProvisionExitCodes.Success, again.Output);
        Assert.Contains($" — holds {fs} labelled {expected}  [", again.Output, StringComparison.Ordinal);
        Assert.Equal(expected, _harness.Host.Probe(_harness.PathOf("images/vm1.img"))!.Label);
    }

    [SkippableFact]
    public void Case6_a_label_mkswap_would_cut_is_refused_before_anything_is_made()
    {
        _harness.Directory("images");
        var config = Disk("size=16M fs=swap label=ééééééé12");
        Assert.Contains(ConfigAnalyzer.Analyze(_harness.Tree(config), _harness.EffectiveOptions.Analysis), diagnostic => diagnostic.Id == "XCFG0404");

        var (code, output, _) = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Contains("label `ééééééé12` is 16 bytes long; mkswap keeps at most 15 bytes of a swap label and silently cuts the rest (XCFG0404)", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.PathOf("images/vm1.img")));
    }

    // ---- Cases 7 and 8: the client and the name ----

    [Theory]
    [InlineData("0.0.0.0", "an address of \"this network\" (0.0.0.0/8), which names no host")]
    [InlineData("255.255.255.255", "the broadcast address")]
    public void Case7_an_xm_ip_that_names_no_one_host_is_never_the_export_client(string ip, string what)
    {
        var files = new FakeFileSystem().Directory("/export").Directory("/etc/exports.d");
        var runner = new RecordingRunner();
        _harness.Host = new HostTools(runner, files);
        _harness.Dialect = Dialect.Xm;
        var config = _harness.Config("nfsguest.cfg", $"name = \"nfsguest\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vm1\"  # xcfg: populate=/srv/rootfs\nip = \"{ip}\"\n");

        var refusal = Assert.Single(_harness.Plan(config).Resources);
        var (code, _, _) = _harness.Run(apply: true, config);

        Assert.Equal($"line 6: the guest's address `{ip}` (from `ip`) is {what}, and the NFS root is exported to exactly one host: add client=ADDRESS to the annotation (XCFG0411)", refusal.Reason);
        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Empty(files.Changes);
        Assert.Empty(runner.Changes);
    }

    [Fact]
    public void Case8_a_name_with_a_trailing_newline_is_refused_and_the_plan_stays_one_line_per_resource()
    {
        var files = new FakeFileSystem().Directory("/export").Directory("/etc/exports.d");
        _harness.Host = new HostTools(new RecordingRunner(), files);
        _harness.Dialect = Dialect.Xm;
        var config = _harness.Config("nl.cfg", "name = \"vmnl\\n\"\nvif = [ '' ]\nroot = \"/dev/nfs\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/vmnl\"  # xcfg: client=192.0.2.11\n");

        var (code, output, _) = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Contains("line 1: the domain name `vmnlU+000A` contains the control character U+000A: xl accepts it", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length == 0 || line.StartsWith("! ", StringComparison.Ordinal) || line.StartsWith("Plan:", StringComparison.Ordinal) || line.StartsWith("Nothing applied", StringComparison.Ordinal), line));
        Assert.Empty(files.Changes);
    }

    // ---- Case 9: the others ----

    [Fact]
    public void Case9_a_failed_command_shows_its_real_cause_not_the_usage_hint()
    {
        // What lvcreate prints on this kind of machine (no device-mapper in the kernel), recorded.
        const string Stderr = "  /dev/mapper/control: open failed: No such device\n  Failure to communicate with kernel device-mapper driver.\n  Check that device-mapper is available in the kernel.\n"
            + "  Incompatible libdevmapper 1.02.185 (2022-05-18) and kernel driver (unknown version).\n  striped: Required device-mapper target(s) not detected in your kernel.\n  Run `lvcreate --help' for more information.\n";

        Assert.Equal(
            "/dev/mapper/control: open failed: No such device; Failure to communicate with kernel device-mapper driver; Check that device-mapper is available in the kernel; "
            + "Incompatible libdevmapper 1.02.185 (2022-05-18) and kernel driver (unknown version); striped: Required device-mapper target(s) not detected in your kernel",
            new CommandResult(3, string.Empty, Stderr).Reason);
        Assert.Equal("Logical Volume \"dup\" already exists in volume group \"vg\"", new CommandResult(5, string.Empty, "  WARNING: Activation disabled.\n  Logical Volume \"dup\" already exists in volume group \"vg\"\n").Reason);
        Assert.Equal("mkfs.ext4: invalid block size - 3", new CommandResult(1, string.Empty, "mkfs.ext4: invalid block size - 3\nUsage: mkfs.ext4 [-c|-l filename] [-b block-size]\n\t[-C cluster-size] [-i bytes-per-inode]\n").Reason);
    }

    [SkippableFact]
    public void Case9_a_real_lvcreate_that_fails_shows_why_and_exits_1_as_nothing_changed()
    {
        Skip.If(File.ReadAllText("/proc/devices").Contains("device-mapper", StringComparison.Ordinal), "this kernel has device-mapper: a plain lvcreate succeeds here");
        _group = LoopVolumeGroup.Create();
        var config = _harness.Config("vm1.cfg", $"name = \"vm1\"\ndisk = [ 'phy:{_group.Name}/lv1,xvda,w' ]  # xcfg: size=8M\n");

        var (code, output, _) = _harness.Run(apply: true, config);

        Assert.Equal(ProvisionExitCodes.Error, code);
        Assert.Contains("failed: lvcreate exited with ", output, StringComparison.Ordinal);
        Assert.Contains("striped: Required device-mapper target(s) not detected in your kernel", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--help", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed: the failed step left no trace.", output, StringComparison.Ordinal);
        Assert.Empty(_group.Volumes());
    }

    [SkippableFact]
    public void Case9_one_image_named_two_ways_is_planned_once_for_one_domain_and_refused_for_two()
    {
        _harness.Directory("images");
        Directory.CreateSymbolicLink(_harness.PathOf("alias"), _harness.PathOf("images"));
        var first = Disk("size=16M", file: "vm1.cfg");
        var copy = Disk("size=16M", "{root}/alias/vm1.img", file: "vm1-copy.cfg");

        var plan = _harness.Plan(first, copy);
        var applied = _harness.Run(apply: true, first, copy);

        var image = Assert.Single(plan.Resources);
        Assert.Equal([first, copy], image.Origins.Select(origin => origin.ConfigPath));
        Assert.Equal(ProvisionExitCodes.Changes, applied.Code);
        Assert.Equal(ProvisionExitCodes.Success, _harness.Run(apply: true, first, copy).Code);

        var other = Disk("size=16M", "{root}/alias/vm1.img", name: "vm2", file: "vm2.cfg");
        var shared = _harness.Plan(first, other).Resources;
        Assert.All(shared, resource => Assert.StartsWith("sharing conflict (XCFG0300): `", resource.Reason, StringComparison.Ordinal));

        var twice = _harness.Config("twice.cfg", "name = \"vm3\"\ndisk = [ 'file:{root}/images/vm3.img,xvda,w',  # xcfg: size=16M\n         'file:{root}/alias/vm3.img,xvdb,w' ]  # xcfg: size=16M\n");
        Assert.All(_harness.Plan(twice).Resources, resource => Assert.Equal(
            $"{twice} names one image twice, as {_harness.PathOf("images/vm3.img")} (xvda) and {_harness.PathOf("alias/vm3.img")} (xvdb): give each disk its own", resource.Reason));
    }

    [Fact]
    public void Case9_two_configs_with_one_nfs_root_that_do_not_boot_from_it_export_nothing()
    {
        var files = new FakeFileSystem().Directory("/export").Directory("/etc/exports.d");
        var runner = new RecordingRunner();
        _harness.Host = new HostTools(runner, files);
        _harness.Dialect = Dialect.Xm;
        string Guest(string name, string ip) => _harness.Config(name + ".cfg",
            $"name = \"{name}\"\ndisk = [ 'phy:vg/{name},xvda,w' ]\nroot = \"/dev/xvda1 ro\"\nnfs_server = \"192.0.2.1\"\nnfs_root = \"/export/shared\"  # xcfg: client={ip}\nip = \"{ip}\"\n");

        var (code, output, _) = _harness.Run(apply: true, Guest("a", "192.0.2.21"), Guest("b", "192.0.2.22"));

        Assert.Equal(ProvisionExitCodes.Refused, code);
        Assert.Equal(2, output.Split('\n').Count(line => line.StartsWith("! nfs root  /export/shared — refused: line 5: this guest does not boot from NFS (its root is `/dev/xvda1`, not /dev/nfs)", StringComparison.Ordinal)));
        Assert.Empty(files.Changes);
        Assert.Empty(runner.Changes);
    }

    // ---- Exit codes ----

    [SkippableFact]
    public void A_failure_after_a_change_exits_4_and_the_journal_says_what_was_done()
    {
        HostRequirements.Tools("mkfs.ext4", "blkid");
        _harness.Directory("images");
        var rootfs = _harness.Directory("rootfs");
        var config = Disk($"size=16M fs=ext4 populate={rootfs}");
        var plan = _harness.Plan(config);
        Directory.Delete(rootfs);
        var journal = new MemoryJournal();

        var result = new Executor(_harness.Host, journal, TextWriter.Null).Apply(plan);

        Assert.Equal(ProvisionExitCodes.PartlyApplied, result.ExitCode);
        Assert.Equal(["start", "done", "start", "failed", "end"], journal.Entries.Select(entry => entry.Event));
        Assert.Equal("Partly applied: 1 created and verified before the run stopped; see the journal for what was done.", journal.Entries[^1].Detail);
        Assert.True(File.Exists(_harness.PathOf("images/vm1.img")));
    }

    [Fact]
    public void A_journal_that_cannot_be_written_stops_the_run_with_a_clear_message()
    {
        var files = new FakeFileSystem().Directory("/srv/xen");
        var host = new HostTools(new RecordingRunner(), files);
        _harness.Host = host;
        var config = _harness.Config("vm1.cfg", "name = \"vm1\"\ndisk = [ 'file:/srv/xen/a.img,xvda,w',  # xcfg: size=8M\n         'file:/srv/xen/b.img,xvdb,w' ]  # xcfg: size=8M\n");
        var plan = _harness.Plan(config);

        foreach (var (failAt, exitCode, summary) in new[]
        {
            (1, ProvisionExitCodes.Error, "Stopped: disk full. Nothing was changed."),
            (3, ProvisionExitCodes.PartlyApplied, "Stopped: disk full. 1 resource(s) were created before: image /srv/xen/a.img."),
        })
        {
            files.Changes.Clear();
            foreach (var path in new[] { "/srv/xen/a.img", "/srv/xen/b.img" })
            {
                if (files.Stat(path) is not null)
                {
                    files.DeleteFile(path);
                }
            }

            var progress = new StringWriter { NewLine = "\n" };
            var result = new Executor(host, new FailingJournal(failAt), progress).Apply(plan);

            Assert.Equal(exitCode, result.ExitCode);
            Assert.EndsWith(summary + "\n", progress.ToString(), StringComparison.Ordinal);
        }
    }

    private sealed class FailingJournal(int failAt) : IJournal
    {
        private int _writes;

        public void Write(string kind, PlannedResource? resource, string detail)
        {
            if (++_writes == failAt)
            {
                throw new IOException("disk full");
            }
        }
    }
}
