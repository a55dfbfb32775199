using XenCfg.Configuration.Inputs;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Configuration.Tests;

/// <summary>
/// A dom0's <c>/etc/xen</c> as it is, in a temporary folder: configs without an extension, the files beside them
/// that are not domain configs, the <c>auto/</c> links, link cycles and links to devices.
/// </summary>
public class HostLayoutTests
{
    private const string Web = "name = \"web\"\nmemory = 512\nkernel = \"/boot/vmlinuz\"\n";
    private const string Db = "name = \"db\"\ntype = \"pv\"\n";

    private static TempDirectory Host()
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        return dir;
    }

    private static InputExpansion Expand(string currentDirectory, params string[] arguments) =>
        new InputExpander(currentDirectory, null, [], ProjectConfigResolver.Discover()).Expand(arguments);

    /// <summary>The inputs that a reader takes: a file found by the host-layout rule counts only when it is a domain config.</summary>
    private static List<InputFile> Read(InputExpansion expansion) =>
        [.. expansion.Files.Where(file => !ConfigFileReader.Read(file, ParseOptions.Default, 1024 * 1024).IsSkipped)];

    [Fact]
    public void Domain_configs_without_an_extension_in_a_xen_folder_are_read_and_nothing_else_there()
    {
        using var dir = Host();
        dir.Write("etc/xen/web", Web);
        dir.Write("etc/xen/db", Db);
        dir.Write("etc/xen/auto/mail", "name = \"mail\"\nvcpus = 2\n");
        dir.Write("etc/xen/xl.conf", "autoballoon = \"off\"\n");
        dir.Write("etc/xen/xl.conf.dpkg-old", Web);
        dir.Write("etc/xen/xend-config.sxp", "(xend-relocation-server no)\n");
        dir.Write("etc/xen/xend-pci-quirks", Web);
        dir.Write("etc/xen/cpupool", "name = \"Pool-node1\"\nsched = \"credit\"\ncpus = [\"4\", \"5\"]\n");
        dir.Write("etc/xen/README", "Domain configs live here.\n");
        dir.Write("etc/xen/notes", "name = \"just a name\"\n");
        dir.Write("etc/xen/web~", Web);
        dir.Write("etc/xen/#web#", Web);
        dir.Write("etc/xen/web.swp", Web);
        dir.Write("etc/xen/web.bak", Web);
        dir.Write("etc/xen/web.dpkg-dist", Web);
        dir.Write("etc/xen/xlexample.hvm", Web);
        dir.Write("etc/xen/.web.swp", Web);
        dir.Write("etc/xen/scripts/vif-bridge", "#!/bin/sh\nname=x\nmemory=1\n");
        dir.WriteBytes("etc/xen/disk-image", [.. "name = 'x'\nmemory = 1\n"u8, 0, 0]);
        dir.Write("etc/xen/guest.cfg", Web.Replace("web", "guest", StringComparison.Ordinal));
        dir.Write("elsewhere/plain", Web);

        var found = Read(Expand(dir.Path, "."));

        Assert.Equal(["etc/xen/auto/mail", "etc/xen/db", "etc/xen/guest.cfg", "etc/xen/web"], found.Select(file => file.DisplayPath));
        Assert.Equal([true, false, false, false], found.Select(file => file.Autostart));
    }

    [Fact]
    public void An_auto_link_is_the_file_it_points_to_which_is_autostarted_and_named_by_its_own_folder()
    {
        using var dir = Host();
        dir.Write("xen/web", Web);
        dir.Write("xen/db", Db);
        dir.Write("xen/guest.cfg", Db);
        Directory.CreateDirectory(Path.Combine(dir.Path, "xen", "auto"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "xen", "auto", "web"), "../web");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "xen", "auto", "guest.cfg"), Path.Combine(dir.Path, "xen", "guest.cfg"));

        var found = Read(Expand(dir.Path, "xen"));

        Assert.Equal(["xen/db", "xen/guest.cfg", "xen/web"], found.Select(file => file.DisplayPath));
        Assert.Equal([false, true, true], found.Select(file => file.Autostart));
        Assert.Equal([true, false, true], found.Select(file => file.DomainConfigOnly));
    }

    [Fact]
    public void A_file_named_alone_is_autostarted_when_its_auto_folder_links_to_it_and_its_link_named_too_is_one_file()
    {
        using var dir = Host();
        dir.Write("xen/web", Web);
        dir.Write("xen/db", Db);
        Directory.CreateDirectory(Path.Combine(dir.Path, "xen", "auto"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "xen", "auto", "web"), "../web");

        var web = Assert.Single(Expand(dir.Path, "xen/web").Files);
        var db = Assert.Single(Expand(dir.Path, "xen/db").Files);
        var both = Expand(dir.Path, "xen/auto/web", "xen/web").Files;

        Assert.True(web.Autostart);
        Assert.False(web.DomainConfigOnly);
        Assert.False(db.Autostart);
        Assert.Equal("xen/web", Assert.Single(both).DisplayPath);
        Assert.True(both[0].Autostart);
    }

    [SkippableFact]
    public void Link_cycles_end_and_each_real_file_is_found_once()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "directory links are tested on Linux");
        using var dir = Host();
        dir.Write("a/vm.cfg", Web);
        dir.Write("b/other.cfg", Db);
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "loop"), Path.Combine(dir.Path, "a"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "a", "to-b"), Path.Combine(dir.Path, "b"));
        Directory.CreateSymbolicLink(Path.Combine(dir.Path, "b", "to-a"), Path.Combine(dir.Path, "a"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "b", "same.cfg"), Path.Combine(dir.Path, "a", "vm.cfg"));

        var search = Task.Run(() => Expand(dir.Path, "."));
        Assert.True(search.Wait(TimeSpan.FromSeconds(20)), "the search of a folder with two link cycles did not end");

        Assert.Equal(["a/vm.cfg", "b/other.cfg"], search.Result.Files.Select(file => file.DisplayPath));
    }

    [SkippableFact]
    public void Things_that_are_not_files_are_found_by_name_and_refused_when_read_but_a_host_folder_ignores_them()
    {
        Skip.IfNot(OperatingSystem.IsLinux() && File.Exists("/dev/zero"), "needs Linux's /dev/zero");
        using var dir = Host();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "zero.cfg"), "/dev/zero");
        dir.Write("xen/web", Web);
        File.CreateSymbolicLink(Path.Combine(dir.Path, "xen", "null"), "/dev/null");

        var files = Expand(dir.Path, ".").Files;
        var results = files.ToDictionary(file => file.DisplayPath, file => ConfigFileReader.Read(file, ParseOptions.Default, 1024 * 1024));

        Assert.Equal(["xen/null", "xen/web", "zero.cfg"], results.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(results["xen/web"].File);
        Assert.True(results["xen/null"].IsSkipped);
        Assert.Equal("is a symbolic link to /dev/zero, which is a character device, not a regular file: only regular files are read", results["zero.cfg"].Error!.Reason);
    }

    [Fact]
    public void Find_answers_for_one_path_as_the_search_of_the_folder_does()
    {
        using var dir = Host();
        dir.Write(".xcfg.toml", "exclude = [\"attic/\"]\n");
        var web = dir.Write("xen/web", Web);
        var attic = dir.Write("attic/old.cfg", Web);
        var hidden = dir.Write(".hidden/vm.cfg", Web);
        var notes = dir.Write("notes.txt", Web);
        var xlConf = dir.Write("xen/xl.conf", Web);
        Directory.CreateDirectory(Path.Combine(dir.Path, "xen", "auto"));
        var link = Path.Combine(dir.Path, "xen", "auto", "web");
        File.CreateSymbolicLink(link, "../web");
        var expander = new InputExpander(dir.Path, null, [], ProjectConfigResolver.Discover());
        string[] roots = [dir.Path];

        var found = expander.Find(web, roots);

        Assert.NotNull(found);
        Assert.True(found.DomainConfigOnly);
        Assert.True(found.Autostart);
        Assert.Null(expander.Find(link, roots));
        Assert.Null(expander.Find(attic, roots));
        Assert.Null(expander.Find(hidden, roots));
        Assert.Null(expander.Find(notes, roots));
        Assert.Null(expander.Find(xlConf, roots));
        Assert.Null(expander.Find(web, [Path.Combine(dir.Path, "attic")]));
    }

    [Theory]
    [InlineData("name = 'web'\nmemory = 512\n", true)]
    [InlineData("name = 'web'\nbuilder = 'hvm'\n", true)]
    [InlineData("# an xm config with Python in it is still one\nname = 'web'\ndisk = ['phy:/dev/vg/web,xvda,w']\nmemory = 2 * 256\n", true)]
    [InlineData("name = 'Pool-node1'\nsched = 'credit'\ncpus = ['4']\n", false)]
    [InlineData("memory = 512\nkernel = '/boot/vmlinuz'\n", false)]
    [InlineData("This folder holds the domain configs.\n", false)]
    public void A_domain_config_sets_a_name_and_something_a_guest_needs(string text, bool expected) =>
        Assert.Equal(expected, HostLayout.IsDomainConfig(SyntaxTree.Parse(text, ParseOptions.Xm)));
}
