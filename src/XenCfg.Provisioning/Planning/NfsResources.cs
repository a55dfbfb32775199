using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Planning;

/// <summary>An NFS root directory (mode 0755), optionally filled with a copy of a directory (<c>cp -a SRC/. DIR</c>).</summary>
public sealed class DirectoryResource : PlannedResource
{
    internal DirectoryResource(ResourceOrigin origin, string path, string? populate)
        : base(origin)
    {
        Path = path;
        Populate = populate;
    }

    public string Path { get; }

    public string? Populate { get; }

    public override ResourceKind Kind => ResourceKind.Directory;

    public override string Label => "directory";

    public override string Target => Path;

    public override string Description => Populate is null ? "NFS root, mode 0755" : $"NFS root, mode 0755, copy of {Populate}";

    public string Parent => System.IO.Path.GetDirectoryName(Path) ?? "/";

    public override IReadOnlyList<PlanGuard> Guards => [new DirectoryExistsGuard(Parent), new PathAbsentGuard(Path)];

    public override IReadOnlyList<PlanStep> Steps => Populate is null
        ? [new CreateDirectoryStep(Path)]
        : [new CreateDirectoryStep(Path), new RunStep(["cp", "-a", "--", Populate + "/.", Path])];

    internal override bool SameIntent(PlannedResource other) => other is DirectoryResource directory && directory.Populate == Populate;

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        if (files.Stat(Path) is { } status)
        {
            if (status.Kind == FileKind.Directory)
            {
                KeepAsIs(Populate is null ? "exists" : "exists (populate applies only when the directory is created)");
            }
            else
            {
                Refuse($"{Path} exists and is {ImageResource.Describe(status.Kind)}, not a directory");
            }

            return;
        }

        if (files.Stat(Parent, followLinks: true) is not { Kind: FileKind.Directory })
        {
            Refuse($"the directory {Parent} does not exist; create it first");
        }
        else if (Populate is not null && files.Stat(Populate, followLinks: true) is not { Kind: FileKind.Directory })
        {
            Refuse($"populate={Populate} is not a directory on this host");
        }
    }

    internal override string? Recheck(HostTools host) =>
        host.Files.Stat(Path) is not null ? $"{Path} appeared since the plan was made"
        : host.Files.Stat(Parent, followLinks: true) is not { Kind: FileKind.Directory } ? $"the directory {Parent} is gone"
        : null;

    internal override string Verify(HostTools host)
    {
        if (host.Files.Stat(Path) is not { Kind: FileKind.Directory })
        {
            throw new VerificationException($"{Path} is not a directory");
        }

        if (Populate is null)
        {
            return "directory exists";
        }

        var found = host.Files.ListDirectory(Path).ToHashSet(StringComparer.Ordinal);
        var expected = host.Files.ListDirectory(Populate);
        var missing = expected.Where(name => !found.Contains(name)).ToList();
        return missing.Count == 0
            ? $"directory holds the {FilesystemResource.Entries(expected.Count)} of {Populate}"
            : throw new VerificationException($"{Path} lacks {string.Join(", ", missing.Take(5))} from {Populate}");
    }
}

/// <summary>
/// An exports entry giving exactly one client the NFS root: <c>PATH CLIENT(rw,sync,no_subtree_check,no_root_squash)</c>
/// with no blank between client and options (with one, exports(5) exports to the world), in a file of its own
/// under /etc/exports.d.
/// </summary>
public sealed class ExportResource : PlannedResource
{
    /// <summary>
    /// The options: read-write for the guest's root (no_root_squash, since the guest's root owns its files), sync so a
    /// crash of the server loses nothing acknowledged, no_subtree_check as exports(5) advises.
    /// </summary>
    public const string ExportOptions = "rw,sync,no_subtree_check,no_root_squash";

    internal ExportResource(ResourceOrigin origin, string exportsDirectory, string domain, string path, string client)
        : base(origin)
    {
        ExportsDirectory = exportsDirectory;
        File = System.IO.Path.Combine(exportsDirectory, $"xcfg-{domain}.exports");
        ExportPath = path;
        Client = client;
    }

    public string ExportsDirectory { get; }

    /// <summary>The file written: <c>/etc/exports.d/xcfg-DOMAIN.exports</c>.</summary>
    public string File { get; }

    public string ExportPath { get; }

    public string Client { get; }

    public string Line => $"{ExportPath} {Client}({ExportOptions})";

    public string Content => Line + "\n";

    public override ResourceKind Kind => ResourceKind.Export;

    public override string Label => "export";

    public override string Target => File;

    public override string Description => $"{ExportPath} to {Client} only ({ExportOptions})";

    /// <summary>Set by the planner when the exports directory does not exist yet.</summary>
    internal bool CreatesDirectory { get; set; }

    public override IReadOnlyList<PlanGuard> Guards => [new PathAbsentGuard(File)];

    public override IReadOnlyList<PlanStep> Steps => CreatesDirectory
        ? [new CreateDirectoryStep(ExportsDirectory), new WriteFileStep(File, Content)]
        : [new WriteFileStep(File, Content)];

    internal override bool SameIntent(PlannedResource other) => other is ExportResource export && export.Content == Content;

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        var others = context.ActiveExports.Where(export => export.Path == ExportPath && export.Client != Client).Select(export => export.Client).Distinct().ToList();
        if (others.Count > 0)
        {
            var world = others.Contains("*") || others.Contains("<world>") ? " (to the world)" : string.Empty;
            Refuse($"{ExportPath} is already exported to {string.Join(", ", others)}{world} by another entry: remove it first, the NFS root is exported to {Client} only");
            return;
        }

        switch (files.Stat(ExportsDirectory, followLinks: true))
        {
            case null:
                CreatesDirectory = true;
                return;
            case { Kind: not FileKind.Directory } status:
                Refuse($"{ExportsDirectory} is {ImageResource.Describe(status.Kind)}, not a directory");
                return;
        }

        var existing = files.ReadText(File);
        if (existing is null)
        {
            return;
        }

        if (existing == Content)
        {
            KeepAsIs("exists");
        }
        else
        {
            Refuse($"{File} exists with other content: never overwritten");
        }
    }

    internal override string? Recheck(HostTools host) =>
        host.Files.Stat(File) is not null ? $"{File} appeared since the plan was made" : null;

    internal override string Verify(HostTools host) =>
        host.Files.ReadText(File) == Content ? $"{File} holds `{Line}`" : throw new VerificationException($"{File} does not hold `{Line}`");
}

/// <summary><c>exportfs -ra</c>: the NFS server re-reads the exports, so the new entries take effect.</summary>
public sealed class ExportReloadResource : PlannedResource
{
    internal ExportReloadResource(ResourceOrigin origin, IReadOnlyList<ExportResource> exports)
        : base(origin)
    {
        Exports = exports;
    }

    public IReadOnlyList<ExportResource> Exports { get; }

    public override ResourceKind Kind => ResourceKind.ExportReload;

    public override string Label => "exportfs";

    public override string Target => "exportfs -ra";

    public override string Description => $"activate {Exports.Count} export{(Exports.Count == 1 ? string.Empty : "s")}";

    public override IReadOnlyList<PlanStep> Steps => [new RunStep(["exportfs", "-ra"])];

    internal override bool SameIntent(PlannedResource other) => false;

    internal override void Probe(PlanContext context)
    {
        if (Exports.Any(export => export.Action == PlanAction.Refused))
        {
            Refuse("an export it would activate is refused");
            return;
        }

        var active = context.ActiveExports;
        var inactive = Exports.Where(export => export.Action == PlanAction.Create || !active.Any(entry => entry.Path == export.ExportPath && entry.Client == export.Client)).ToList();
        if (inactive.Count == 0)
        {
            KeepAsIs("every export is active");
        }
    }

    internal override string? Recheck(HostTools host) => null;

    internal override string Verify(HostTools host)
    {
        var active = host.ActiveExports();
        foreach (var export in Exports)
        {
            var clients = active.Where(entry => entry.Path == export.ExportPath).Select(entry => entry.Client).Distinct().ToList();
            if (clients is not [var only] || only != export.Client)
            {
                throw new VerificationException($"exportfs shows {export.ExportPath} exported to {(clients.Count == 0 ? "nobody" : string.Join(", ", clients))}, not to {export.Client} alone");
            }
        }

        return $"exportfs -s shows {string.Join(", ", Exports.Select(export => $"{export.ExportPath} to {export.Client} alone"))}";
    }
}

/// <summary>
/// Something asked for that cannot be provisioned at all: a config xl cannot read or whose annotations have errors
/// not tied to one disk, or a disk whose annotation has errors. Always refused.
/// </summary>
public sealed class Refusal : PlannedResource
{
    internal Refusal(ResourceOrigin origin, string label, string target, string reason)
        : base(origin)
    {
        Label = label;
        Target = target;
        Refuse(reason);
    }

    public override ResourceKind Kind => ResourceKind.Config;

    public override string Label { get; }

    public override string Target { get; }

    public override string Description => string.Empty;

    public override IReadOnlyList<PlanStep> Steps => [];

    internal override bool SameIntent(PlannedResource other) => false;

    internal override void Probe(PlanContext context)
    {
    }

    internal override string? Recheck(HostTools host) => Reason;

    internal override string Verify(HostTools host) => throw new VerificationException(Reason ?? "refused");
}
