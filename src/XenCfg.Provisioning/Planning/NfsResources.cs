using XenCfg.Analysis.Provisioning;
using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Planning;

/// <summary>An NFS root directory (mode 0755), optionally filled with a copy of a directory (<c>cp -a SRC/. DIR</c>).</summary>
public sealed class DirectoryResource : PlannedResource
{
    internal DirectoryResource(ResourceOrigin origin, string path, string realPath, string? populate)
        : base(origin)
    {
        Path = path;
        RealPath = realPath;
        Populate = populate;
    }

    public string Path { get; }

    /// <summary>The directory with every symbolic link of its existing part resolved.</summary>
    public string RealPath { get; }

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

    internal override string Identity => $"{Kind}:{RealPath}";

    internal override bool SameIntent(PlannedResource other) => other is DirectoryResource directory && directory.Populate == Populate;

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        if (SystemDirectoryBehindLinks(context, Path, RealPath) is { } system)
        {
            Refuse($"the NFS root {system}");
            return;
        }

        if (Populate is not null && SystemDirectoryBehindLinks(context, Populate, files.RealPath(Populate)) is { } populateSystem)
        {
            Refuse($"populate={Populate}: {populateSystem}");
            return;
        }

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

    /// <summary>
    /// The check lint made on the path as written, made again on where its symbolic links lead: a link to /etc is /etc.
    /// Null when the real path is no system directory, or is one the admin allowed (--allow-system-path).
    /// </summary>
    internal static string? SystemDirectoryBehindLinks(PlanContext context, string path, string realPath)
    {
        if (realPath == path || context.Options.Overrides.AllowedSystemPaths.Contains(realPath))
        {
            return null;
        }

        return SystemPaths.Check(realPath) is { } why
            ? $"`{path}` leads through symbolic links to `{realPath}`: {why} (xcfg provision --allow-system-path {realPath} if that is really meant)"
            : null;
    }

    internal override string? Recheck(HostTools host) =>
        host.Files.Stat(Path) is not null ? $"{Path} appeared since the plan was made"
        : host.Files.Stat(Parent, followLinks: true) is not { Kind: FileKind.Directory } ? $"the directory {Parent} is gone"
        : host.Files.RealPath(Path) != RealPath ? $"{Path} now leads to {host.Files.RealPath(Path)} (a symbolic link changed since the plan was made)"
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

    internal override bool Untouched(HostTools host) => host.Files.Stat(Path) is null;
}

/// <summary>
/// An exports entry giving exactly one client the NFS root: <c>PATH CLIENT(rw,sync,no_subtree_check,no_root_squash)</c>
/// with no blank between client and options (with one, exports(5) exports to the world), in a file of its own
/// under /etc/exports.d. Refused when the root, a directory above it or one inside it is exported to anyone else, in
/// the NFS server now or in an exports file (which the next exportfs -r would activate), or by another config of the run.
/// </summary>
public sealed class ExportResource : PlannedResource
{
    /// <summary>
    /// The options: read-write for the guest's root (no_root_squash, since the guest's root owns its files), sync so a
    /// crash of the server loses nothing acknowledged, no_subtree_check as exports(5) advises.
    /// </summary>
    public const string ExportOptions = "rw,sync,no_subtree_check,no_root_squash";

    internal ExportResource(ResourceOrigin origin, string exportsDirectory, string domain, string path, string realPath, string client)
        : base(origin)
    {
        ExportsDirectory = exportsDirectory;
        File = System.IO.Path.Combine(exportsDirectory, $"xcfg-{domain}.exports");
        ExportPath = path;
        RealPath = realPath;
        Client = client;
    }

    public string ExportsDirectory { get; }

    /// <summary>The file written: <c>/etc/exports.d/xcfg-DOMAIN.exports</c>.</summary>
    public string File { get; }

    public string ExportPath { get; }

    /// <summary>The exported directory with its symbolic links resolved, as exportfs resolves it.</summary>
    public string RealPath { get; }

    public string Client { get; }

    public string Line => $"{ExportPath} {Client}({ExportOptions})";

    public string Content => Line + "\n";

    public override ResourceKind Kind => ResourceKind.Export;

    public override string Label => "export";

    public override string Target => File;

    public override string Description => $"{ExportPath} to {Client} only ({ExportOptions})";

    /// <summary>Set by the planner when the exports directory does not exist yet.</summary>
    internal bool CreatesDirectory { get; set; }

    /// <summary>The other exports of the run (set by the planner): one of them on a parent or child directory is a conflict too.</summary>
    internal IReadOnlyList<ExportResource> Siblings { get; set; } = [];

    public override IReadOnlyList<PlanGuard> Guards => [new PathAbsentGuard(File)];

    public override IReadOnlyList<PlanStep> Steps => CreatesDirectory
        ? [new CreateDirectoryStep(ExportsDirectory), new WriteFileStep(File, Content)]
        : [new WriteFileStep(File, Content)];

    internal override bool SameIntent(PlannedResource other) => other is ExportResource export && export.Content == Content;

    internal override void Probe(PlanContext context)
    {
        var files = context.Host.Files;
        // Every other export the run asks for counts, refused or not: two nested roots refuse each other, whichever is probed first.
        var planned = Siblings
            .Select(sibling => new ExportEntry(sibling.ExportPath, sibling.Client, $"by this run for {sibling.Origin.ConfigPath}", Active: false));
        if (ExportConflicts.Find(this, context.ConfiguredExports.Concat(context.ActiveExports).Concat(planned), files) is { } conflict)
        {
            Refuse(conflict);
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
        host.Files.Stat(File) is not null ? $"{File} appeared since the plan was made"
        : ExportConflicts.Find(this, ExportConflicts.Current(host, ExportsFile, ExportsDirectory), host.Files);

    /// <summary>The exports file exportfs reads besides the directory (set by the planner from the options).</summary>
    internal string ExportsFile { get; init; } = "/etc/exports";

    internal override string Verify(HostTools host) =>
        host.Files.ReadText(File) == Content ? $"{File} holds `{Line}`" : throw new VerificationException($"{File} does not hold `{Line}`");

    internal override bool Untouched(HostTools host) => host.Files.Stat(File) is null;

    internal override string? Undo(HostTools host, IReadOnlySet<PlannedResource> createdThisRun) => RemoveFile(host);

    /// <summary>Removes the file this run wrote, if it still holds only what the run wrote.</summary>
    internal string? RemoveFile(HostTools host)
    {
        try
        {
            if (host.Files.ReadText(File) != Content)
            {
                return host.Files.Stat(File) is null ? null : $"{File} was left as it is (its content is no longer what this run wrote)";
            }

            host.Files.DeleteFile(File);
            return $"removed {File}";
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"could not remove {File}: {exception.Message}; remove it by hand";
        }
    }
}

/// <summary>
/// Activates one export: <c>exportfs -i -o OPTIONS CLIENT:PATH</c> exports exactly this directory to exactly this client,
/// and nothing else. (<c>exportfs -ra</c> would also activate every other pending entry of the exports files, and drop
/// exports made by hand.) The entry in /etc/exports.d keeps it across reboots. After it, exportfs -s must show the
/// directory exported to this client alone and nothing above or inside it exported to anyone else; when that fails,
/// the export is taken back (<c>exportfs -u</c>) and the run's exports file removed.
/// </summary>
public sealed class ExportActivationResource : PlannedResource
{
    internal ExportActivationResource(ExportResource export)
        : base(export.Origin)
    {
        Export = export;
        DependsOn = export;
    }

    public ExportResource Export { get; }

    public override ResourceKind Kind => ResourceKind.ExportActivation;

    public override string Label => "exportfs";

    public override string Target => $"{Export.Client}:{Export.ExportPath}";

    public override string Description => $"export {Export.ExportPath} to {Export.Client} now";

    public override IReadOnlyList<PlanStep> Steps => [new RunStep(["exportfs", "-i", "-o", ExportResource.ExportOptions, Target])];

    internal override bool SameIntent(PlannedResource other) => other is ExportActivationResource activation && activation.Export.SameIntent(Export);

    internal override void Probe(PlanContext context)
    {
        if (Export.Action == PlanAction.Refused)
        {
            Refuse("its exports entry is refused");
            return;
        }

        if (context.ActiveExports.Any(entry => entry.IsOnly(Export.Client) && ExportConflicts.Real(context.Host.Files, entry.Path) == Export.RealPath))
        {
            KeepAsIs("exported (exportfs -s)");
        }
    }

    internal override string? Recheck(HostTools host) =>
        ExportConflicts.Find(Export, ExportConflicts.Current(host, Export.ExportsFile, Export.ExportsDirectory), host.Files);

    internal override string Verify(HostTools host)
    {
        var active = ExportConflicts.Active(host);
        if (!active.Any(entry => entry.IsOnly(Export.Client) && ExportConflicts.Real(host.Files, entry.Path) == Export.RealPath))
        {
            throw new VerificationException($"exportfs -s does not show {Export.ExportPath} exported to {Export.Client}");
        }

        if (ExportConflicts.Find(Export, active, host.Files) is { } conflict)
        {
            throw new VerificationException(conflict);
        }

        return $"exportfs -s shows {Export.ExportPath} exported to {Export.Client} alone, and nothing above or inside it to anyone else";
    }

    internal override bool Untouched(HostTools host) =>
        !ExportConflicts.Active(host).Any(entry => entry.IsOnly(Export.Client) && ExportConflicts.Real(host.Files, entry.Path) == Export.RealPath);

    internal override string Undo(HostTools host, IReadOnlySet<PlannedResource> createdThisRun)
    {
        var done = new List<string>();
        var result = host.Runner.Run(["exportfs", "-u", Target]);
        done.Add(result.Succeeded ? $"exportfs -u {Target}" : $"exportfs -u {Target} failed ({result.Reason}): unexport it by hand");
        if (createdThisRun.Contains(Export) && Export.RemoveFile(host) is { } removed)
        {
            done.Add(removed);
        }

        try
        {
            var left = ExportConflicts.Active(host).Where(entry => ExportConflicts.Real(host.Files, entry.Path) == Export.RealPath).ToList();
            if (left.Count > 0)
            {
                done.Add($"exportfs -s still shows {Export.ExportPath} exported to {string.Join(", ", left.Select(entry => entry.ClientText).Distinct())}, not by this run: remove that export");
            }
        }
        catch (HostToolException exception)
        {
            done.Add($"cannot check the exports afterwards: {exception.Message}");
        }

        return string.Join("; ", done);
    }
}

/// <summary>Whether exporting an NFS root to its one client is what would really happen, given every other export.</summary>
internal static class ExportConflicts
{
    /// <summary>
    /// Why <paramref name="export"/>'s root would be reachable by someone other than its client: an entry for the root
    /// itself, a directory above it or one inside it, to any other client (the world, a network, a name, another
    /// address). Paths are compared with their symbolic links resolved. Null when there is none.
    /// </summary>
    public static string? Find(ExportResource export, IEnumerable<ExportEntry> entries, IHostFileSystem files)
    {
        var found = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.IsOnly(export.Client))
            {
                continue;
            }

            var real = Real(files, entry.Path);
            var relation = real == export.RealPath ? "the NFS root itself"
                : IsInside(real, export.RealPath) ? "a directory above the NFS root"
                : IsInside(export.RealPath, real) ? "a directory inside the NFS root"
                : null;
            if (relation is not null)
            {
                found.Add($"{entry.Path} ({relation}) is exported to {entry.ClientText} {entry.Where}");
            }
        }

        found = [.. found.Distinct(StringComparer.Ordinal)];
        if (found.Count == 0)
        {
            return null;
        }

        var shown = string.Join("; ", found.Take(3)) + (found.Count > 3 ? $"; and {found.Count - 3} more" : string.Empty);
        return $"{export.ExportPath} would not be exported to {export.Client} alone: {shown}; remove {(found.Count == 1 ? "that export" : "those exports")} (or narrow {(found.Count == 1 ? "it" : "them")} to {export.Client}) first";
    }

    /// <summary>What exportfs -s shows now, as entries.</summary>
    public static IReadOnlyList<ExportEntry> Active(HostTools host) =>
        [.. host.ActiveExports().Select(export => new ExportEntry(export.Path, export.Client, "right now (exportfs -s)", Active: true))];

    /// <summary>The exports files and the NFS server, read afresh.</summary>
    public static IReadOnlyList<ExportEntry> Current(HostTools host, string exportsFile, string exportsDirectory) =>
        [.. ExportsFileParser.ReadConfigured(host.Files, exportsFile, exportsDirectory), .. Active(host)];

    /// <summary>The path as exportfs sees it: symbolic links resolved (nfs-utils resolves them with realpath); as written when that fails.</summary>
    public static string Real(IHostFileSystem files, string path)
    {
        if (!path.StartsWith('/'))
        {
            return path;
        }

        try
        {
            return files.RealPath(path);
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static bool IsInside(string directory, string path) =>
        directory == "/" ? path.Length > 1 : path.StartsWith(directory + "/", StringComparison.Ordinal);
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
