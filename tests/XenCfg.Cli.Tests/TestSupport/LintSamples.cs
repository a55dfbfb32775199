using XenCfg.TestKit;

namespace XenCfg.Cli.Tests.TestSupport;

/// <summary>Small trees of configs the lint tests share.</summary>
internal static class LintSamples
{
    /// <summary>
    /// A scratch directory that is a repository root (it holds `.git`), so the search for .xcfg.toml stops there and
    /// never picks up a file from the machine's own directories.
    /// </summary>
    public static TempDirectory Repository()
    {
        var directory = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory.Path, ".git"));
        return directory;
    }

    /// <summary>
    /// Three files with something of every kind: a volume written by two domains and a MAC they share (errors at
    /// both sites, with related locations in the other file), and in `legacy/db,old.cfg` (a comma in the name, for
    /// escaping) Python formatting with a `%` (error), a misspelt key (warning) and a vif without a MAC (info).
    /// </summary>
    public static TempDirectory MultiFile()
    {
        var directory = Repository();
        directory.Write("web-a.cfg",
            "# Shares a volume read-write with web-b: both errors name the other site.\n" +
            "name   = \"web-a\"\n" +
            "memory = 512\n" +
            "kernel = \"/boot/vmlinuz\"\n" +
            "disk   = [ 'phy:/dev/vg/shared,xvdb,w', 'phy:/dev/vg/web-a-root,xvda,w' ]\n" +
            "root   = \"/dev/xvda ro\"\n" +
            "vif    = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0' ]\n");
        directory.Write("web-b.cfg",
            "name   = \"web-b\"\n" +
            "memory = 512\n" +
            "kernel = \"/boot/vmlinuz\"\n" +
            "disk   = [ 'format=raw, vdev=xvdb, access=rw, target=/dev/mapper/vg-shared',\n" +
            "           'phy:/dev/vg/web-b-root,xvda,w' ]\n" +
            "root   = \"/dev/xvda ro\"\n" +
            "vif    = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0' ]\n");
        directory.Write("legacy/db,old.cfg",
            "name   = \"db%d\" % 1\n" +
            "memroy = 256\n" +
            "kernel = \"/boot/vmlinuz\"\n" +
            "vif    = [ 'bridge=xenbr0' ]\n");
        return directory;
    }

    /// <summary>A clean PV guest.</summary>
    public const string Clean = "name = \"vm\"\nmemory = 512\nkernel = \"/boot/vmlinuz\"\n";
}
