namespace XenCfg.TestKit;

/// <summary>
/// Files of Xen's own tree at several revisions, kept beside the repository in ../shared/xen-sources (or the folder
/// named by XCFG_XEN_SOURCES; see <see cref="SharedData"/>): one folder per revision, each file at its path in Xen's
/// tree. Tests that read them call <see cref="Require"/> first: skipped, visibly, without them; a failure under CI.
/// Nothing from them is copied into the project.
/// </summary>
public static class XenSources
{
    /// <summary>The development tree after 4.22 that the key catalogue was written against.</summary>
    public const string DevelopmentTree = "c447b7308b";

    /// <summary>The parent of the commit that removed xend and xm: xm's last create.py.</summary>
    public const string XendLast = "xend-last";

    /// <summary>The releases kept, oldest first (Debian 12 and Ubuntu 24.04 ship 4.17, Debian 13 ships 4.20).</summary>
    public static readonly IReadOnlyList<string> Releases = ["RELEASE-4.17.7", "RELEASE-4.20.4", "RELEASE-4.22.0"];

    /// <summary>Every revision with xl's sources: the releases and the development tree.</summary>
    public static IReadOnlyList<string> XlRevisions { get; } = [.. Releases, DevelopmentTree];

    public const string XlParsePath = "tools/xl/xl_parse.c";
    public const string XlCfgPodPath = "docs/man/xl.cfg.5.pod.in";
    public const string XlDiskPodPath = "docs/man/xl-disk-configuration.5.pod.in";
    public const string XlNetworkPodPath = "docs/man/xl-network-configuration.5.pod.in";
    public const string LibxlTypesPath = "tools/libs/light/libxl_types.idl";
    public const string XmCreatePath = "tools/python/xen/xm/create.py";

    public const string SkipReason = "Xen's sources (../shared/xen-sources, or XCFG_XEN_SOURCES) are not present";

    private static readonly Lazy<string?> Location = new(() => SharedData.Locate("XCFG_XEN_SOURCES", "xen-sources", DevelopmentTree));

    /// <summary>The folder holding one folder per revision, or null when it cannot be found.</summary>
    public static string? Root => Location.Value;

    /// <summary>Skips the calling test when the sources are absent (fails it under CI).</summary>
    public static void Require() => SharedData.Require(Root is not null, SkipReason);

    /// <summary>The text of <paramref name="path"/> (as in Xen's tree) at <paramref name="revision"/>; call <see cref="Require"/> first.</summary>
    public static string Read(string revision, string path)
    {
        var root = Root ?? throw new InvalidOperationException(SkipReason);
        var file = Path.Combine(root, revision, path);
        return File.Exists(file)
            ? File.ReadAllText(file)
            : throw new FileNotFoundException($"{file} is missing: {root} should hold {path} for {revision} (see its README.md)", file);
    }

    public static string XlParse(string revision = DevelopmentTree) => Read(revision, XlParsePath);

    public static string XlCfgPod(string revision = DevelopmentTree) => Read(revision, XlCfgPodPath);

    public static string XmCreate => Read(XendLast, XmCreatePath);

    /// <summary>The Xen manual pages and help texts of a revision, with xm's create.py: prose our descriptions must not copy.</summary>
    public static IEnumerable<(string Name, string Text)> ProseSources(string revision = DevelopmentTree) =>
    [
        ($"{revision}/xl.cfg.5.pod.in", XlCfgPod(revision)),
        ($"{revision}/xl-disk-configuration.5.pod.in", Read(revision, XlDiskPodPath)),
        ($"{revision}/xl-network-configuration.5.pod.in", Read(revision, XlNetworkPodPath)),
        ("xm create.py", XmCreate),
    ];
}
