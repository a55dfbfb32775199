using XenCfg.Provisioning.Host;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// A private NFS configuration for one test: exportfs runs for real, but in its own mount namespace
/// (<c>unshare --mount</c>) where /etc is an overlay whose upper layer is a scratch directory (so /etc/exports is an
/// empty file of ours and /etc/exports.d our directory) and /var/lib/nfs is a scratch directory bound over the real
/// one. Nothing outside the scratch directory changes; no NFS server needs to run. The provisioner writes its
/// exports file into <see cref="ExportsDirectory"/>, which the namespace sees as /etc/exports.d.
/// </summary>
internal sealed class NamespacedExports : ICommandRunner, IDisposable
{
    // The namespace set-up. Paths come in as positional parameters, never spliced into the text.
    private const string Setup = """
        set -eu
        upper=$1 work=$2 lib=$3
        shift 3
        mount --make-rprivate /
        mount -t overlay overlay -o "lowerdir=/etc,upperdir=$upper,workdir=$work" /etc
        mount --bind "$lib" /var/lib/nfs
        exec "$@"
        """;

    private readonly TempDirectory _directory;
    private readonly ICommandRunner _runner;

    public NamespacedExports(ICommandRunner? runner = null)
    {
        HostRequirements.Root();
        HostRequirements.Tools("unshare", "mount", "exportfs", "bash");
        _runner = runner ?? ProcessCommandRunner.Instance;
        _directory = new TempDirectory("xcfg-nfs");
        Upper = Path.Combine(_directory.Path, "etc");
        Work = Path.Combine(_directory.Path, "work");
        VarLibNfs = Path.Combine(_directory.Path, "var-lib-nfs");
        Directory.CreateDirectory(Upper);
        Directory.CreateDirectory(Work);
        Directory.CreateDirectory(VarLibNfs);
        File.WriteAllText(Path.Combine(Upper, "exports"), string.Empty);
        File.WriteAllText(Path.Combine(VarLibNfs, "etab"), string.Empty);
        File.WriteAllText(Path.Combine(VarLibNfs, "rmtab"), string.Empty);
    }

    private string Upper { get; }

    private string Work { get; }

    /// <summary>The scratch directory the namespace sees as /var/lib/nfs (etab is here).</summary>
    public string VarLibNfs { get; }

    /// <summary>The host path of what the namespace sees as /etc/exports (an empty file at first).</summary>
    public string ExportsFile => Path.Combine(Upper, "exports");

    /// <summary>The host path of what the namespace sees as /etc/exports.d (not created: the provisioner makes it).</summary>
    public string ExportsDirectory => Path.Combine(Upper, "exports.d");

    /// <summary>The exports table exportfs wrote (/var/lib/nfs/etab in the namespace).</summary>
    public string Etab => File.ReadAllText(Path.Combine(VarLibNfs, "etab"));

    public CommandResult Run(IReadOnlyList<string> argv) =>
        argv[0] == "exportfs"
            ? _runner.Run(["unshare", "--mount", "--", "bash", "-c", Setup, "xcfg-nfs-namespace", Upper, Work, VarLibNfs, .. argv])
            : _runner.Run(argv);

    public void Dispose() => _directory.Dispose();
}
