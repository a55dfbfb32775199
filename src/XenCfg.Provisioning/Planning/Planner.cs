using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Provisioning;
using XenCfg.Provisioning.Host;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Provisioning.Planning;

/// <summary>
/// Builds the plan of a run: reads the annotations of every config, turns each into resources, checks the host for
/// each (what exists, what matches, what would be overwritten) and the preflight conditions (room in the volume
/// groups and file systems, no sharing conflict between the configs). Changes nothing.
/// </summary>
public sealed partial class Planner(HostTools host, ProvisionOptions? options = null, ISharingCheck? sharing = null)
{
    private readonly ProvisionOptions _options = options ?? ProvisionOptions.Default;
    private readonly ISharingCheck _sharing = sharing ?? WorkspaceSharingCheck.Instance;

    public ProvisioningPlan Plan(IReadOnlyList<SyntaxTree> trees)
    {
        var context = new PlanContext(host, _options);
        var notes = new List<string>();
        trees = [.. trees.Select(tree => tree.WithOptions(_options.AnalysisFor(tree.FilePath).ParseOptions))];
        var conflicts = _sharing.Find(trees, _options.AnalysisFor);
        var refusals = new List<PlannedResource>();
        var storage = new List<PlannedResource>();
        var snapshots = new List<PlannedResource>();
        var directories = new List<PlannedResource>();
        var exports = new List<ExportResource>();
        foreach (var tree in trees)
        {
            ReadConfig(tree, conflicts, notes, refusals, storage, snapshots, directories, exports);
        }

        storage = Deduplicate(storage);
        snapshots = Deduplicate(snapshots);
        directories = Deduplicate(directories);
        exports = [.. Deduplicate([.. exports]).Cast<ExportResource>()];
        PlannedResource? reload = exports.Count > 0 ? new ExportReloadResource(exports[0].Origin with { What = "NFS exports" }, exports) : null;

        context.Resources.AddRange(storage.Concat(snapshots));
        // Targets first, then what depends on them: file systems look at their image or volume, snapshots at their
        // origin, and the room checks at everything that takes space.
        ProbeAll(context, storage.Where(resource => resource is not FilesystemResource));
        ProbeAll(context, snapshots);
        CheckVolumeGroupRoom(context, storage.Concat(snapshots));
        CheckFileRoom(context, storage.OfType<ImageResource>());
        ProbeAll(context, storage.OfType<FilesystemResource>());
        ProbeAll(context, directories);
        ProbeAll(context, exports);
        if (reload is not null)
        {
            ProbeAll(context, [reload]);
        }

        List<PlannedResource> ordered = [.. refusals, .. storage, .. snapshots, .. directories, .. exports];
        if (reload is not null)
        {
            ordered.Add(reload);
        }

        return new ProvisioningPlan([.. trees.Select(tree => tree.FilePath)], ordered, notes);
    }

    private void ReadConfig(
        SyntaxTree tree,
        IReadOnlyList<SharingConflict> conflicts,
        List<string> notes,
        List<PlannedResource> refusals,
        List<PlannedResource> storage,
        List<PlannedResource> snapshots,
        List<PlannedResource> directories,
        List<ExportResource> exports)
    {
        var path = tree.FilePath;
        var model = SemanticModel.For(tree);
        var domain = model.Domain.Name?.Text;
        var configOrigin = new ResourceOrigin(path, domain, "config", new TextSpan(0, 0), 1);
        if (!tree.IsReadableByXl)
        {
            var errors = tree.GetDiagnostics().Count(diagnostic => diagnostic.IsRejectedByXl);
            refusals.Add(new Refusal(configOrigin, "config", path, $"xl cannot read this file ({errors} syntax error{(errors == 1 ? string.Empty : "s")}; see xcfg lint)"));
            return;
        }

        // The linter's errors on an annotated disk or NFS root setting (a disk spec xl rejects, a placeholder NFS path,
        // an empty server) refuse it too: storage is made only for what the config says correctly.
        var lintErrors = ConfigAnalyzer.Analyze(tree, _options.AnalysisFor(tree.FilePath))
            .Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error && diagnostic.Descriptor.Category != ProvisioningDescriptors.Category)
            .ToList();
        var intent = ProvisioningIntent.Read(model, _options.Overrides);
        var fileErrors = intent.FileProblems.Where(problem => problem.IsError).ToList();
        if (fileErrors.Count > 0)
        {
            refusals.Add(new Refusal(configOrigin, "config", path, "its annotations have errors: " + Describe(tree, fileErrors)));
            return;
        }

        notes.AddRange(intent.FileProblems.Select(problem => $"{path}:{LineOf(tree, problem.Span) + 1}: {problem.Message}"));
        notes.AddRange(intent.UnannotatedDisks.Select(disk => $"{path}: disk {disk.Vdev ?? "?"} ({disk.Target ?? disk.Spec}) has no `# xcfg:` annotation; left alone"));

        foreach (var disk in intent.Disks)
        {
            var origin = new ResourceOrigin(path, domain, disk.Disk.Vdev ?? "disk", disk.Disk.Syntax.Span, LineOf(tree, disk.Disk.Syntax.Span) + 1);
            if (disk.HasErrors)
            {
                refusals.Add(new Refusal(origin, "disk", disk.Disk.Target ?? disk.Disk.Spec, Describe(tree, disk.Problems.Where(problem => problem.IsError))));
                continue;
            }

            var length = (long)disk.Size!.Value.Bytes;
            PlannedResource target;
            if (disk.IsSnapshot)
            {
                target = new SnapshotResource(origin, disk.VolumeGroup!, disk.Volume!, disk.SnapshotOrigin!, length);
                snapshots.Add(target);
            }
            else
            {
                target = disk.Kind == DiskStorageKind.ImageFile
                    ? new ImageResource(origin, disk.Path, length)
                    : new VolumeResource(origin, disk.VolumeGroup!, disk.Volume!, length);
                storage.Add(target);
                if (disk.Filesystem != FilesystemType.None)
                {
                    storage.Add(new FilesystemResource(origin, target, disk.Path, length, disk.Filesystem, disk.Label, disk.Uuid, disk.Populate));
                }
            }

            RefuseOnConflict(target, conflicts);
            RefuseOnLintError(target, lintErrors);
        }

        if (intent.NfsRoot is { } nfs)
        {
            var origin = new ResourceOrigin(path, domain, "NFS root", nfs.Anchor.Setting.Syntax.Span, nfs.Anchor.Setting.Line + 1);
            if (nfs.HasErrors)
            {
                refusals.Add(new Refusal(origin, "nfs root", nfs.Path, Describe(tree, nfs.Problems.Where(problem => problem.IsError))));
                return;
            }

            if (domain is null || !SafeDomainName().IsMatch(domain))
            {
                refusals.Add(new Refusal(origin, "nfs root", nfs.Path,
                    domain is null ? "the config has no name, and the exports file is named after the domain" : $"the domain name `{domain}` is not usable in a file name (letters, digits, _ . - only)"));
                return;
            }

            var directory = new DirectoryResource(origin, nfs.Path, nfs.Populate);
            var export = new ExportResource(origin, _options.ExportsDirectory, domain, nfs.Path, nfs.Client!.Value.ToString());
            RefuseOnConflict(directory, conflicts);
            RefuseOnConflict(export, conflicts);
            RefuseOnLintError(directory, lintErrors);
            RefuseOnLintError(export, lintErrors);
            directories.Add(directory);
            exports.Add(export);
        }
    }

    private static void RefuseOnConflict(PlannedResource resource, IReadOnlyList<SharingConflict> conflicts)
    {
        var origin = resource.Origin;
        if (conflicts.FirstOrDefault(conflict => conflict.FilePath == origin.ConfigPath && origin.Span.Contains(conflict.Span)) is { } found)
        {
            resource.Refuse($"sharing conflict ({found.Id}): {found.Message}");
        }
    }

    private static void RefuseOnLintError(PlannedResource resource, List<ConfigDiagnostic> errors)
    {
        if (resource.Action != PlanAction.Refused && errors.FirstOrDefault(error => resource.Origin.Span.Contains(error.Span)) is { } found)
        {
            resource.Refuse($"the config has an error here ({found.Id}): {found.Message}");
        }
    }

    /// <summary>The same resource asked for by several configs is planned once when they agree, and refused when they do not.</summary>
    private static List<PlannedResource> Deduplicate(List<PlannedResource> resources)
    {
        var kept = new List<PlannedResource>();
        var byIdentity = new Dictionary<string, PlannedResource>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            if (!byIdentity.TryGetValue(resource.Identity, out var first))
            {
                byIdentity[resource.Identity] = resource;
                kept.Add(resource);
                continue;
            }

            if (first.SameIntent(resource) && first.Origin.ConfigPath != resource.Origin.ConfigPath)
            {
                if (first.Action == PlanAction.Refused || resource.Action == PlanAction.Refused)
                {
                    // Each refusal keeps its own line and reason.
                    kept.Add(resource);
                }
                else
                {
                    first.AddOrigin(resource.Origin);
                }

                continue;
            }

            var reason = $"{first.Origin.ConfigPath} ({first.Origin.What}) and {resource.Origin.ConfigPath} ({resource.Origin.What}) ask for {resource.Target} differently";
            first.Refuse(reason);
            resource.Refuse(reason);
            kept.Add(resource);
        }

        return kept;
    }

    private static void ProbeAll(PlanContext context, IEnumerable<PlannedResource> resources)
    {
        foreach (var resource in resources.Where(resource => resource.Action != PlanAction.Refused))
        {
            try
            {
                resource.Probe(context);
            }
            catch (Exception exception) when (exception is HostToolException or IOException or UnauthorizedAccessException)
            {
                resource.Refuse(exception.Message);
            }
        }
    }

    /// <summary>Every new volume and snapshot of a volume group must fit in its free extents together (each rounded up to whole extents).</summary>
    private static void CheckVolumeGroupRoom(PlanContext context, IEnumerable<PlannedResource> resources)
    {
        var pending = resources
            .Where(resource => resource.Action == PlanAction.Create)
            .Select(resource => resource switch
            {
                VolumeResource volume => (Resource: resource, Group: volume.VolumeGroup, Extents: volume.Extents ?? 0),
                SnapshotResource snapshot => (Resource: resource, Group: snapshot.VolumeGroup, Extents: snapshot.Extents ?? 0),
                _ => (Resource: resource, Group: (string?)null, Extents: 0L),
            })
            .Where(entry => entry.Group is not null)
            .GroupBy(entry => entry.Group!);
        foreach (var group in pending)
        {
            var info = context.VolumeGroups.First(candidate => candidate.Name == group.Key);
            var needed = group.Sum(entry => entry.Extents);
            if (needed <= info.FreeExtents)
            {
                continue;
            }

            var reason = $"not enough room in volume group {group.Key}: {info.FreeExtents} free extents ({PlannedResource.Size(info.FreeExtents * info.ExtentSize)}), the plan needs {needed} ({PlannedResource.Size(needed * info.ExtentSize)})";
            foreach (var entry in group)
            {
                entry.Resource.Refuse(reason);
            }
        }
    }

    /// <summary>
    /// The new images on one file system must fit in its available space together. A sparse image takes no space
    /// when it is made, but the guest will fill it; an image that cannot be filled is a guest that fails later.
    /// </summary>
    private static void CheckFileRoom(PlanContext context, IEnumerable<ImageResource> images)
    {
        var files = context.Host.Files;
        var pending = images.Where(image => image.Action == PlanAction.Create)
            .GroupBy(image => files.Stat(image.Directory, followLinks: true)?.Device ?? image.Directory);
        foreach (var group in pending)
        {
            var directory = group.First().Directory;
            long available;
            try
            {
                available = files.AvailableBytes(directory);
            }
            catch (IOException exception)
            {
                group.ToList().ForEach(image => image.Refuse(exception.Message));
                continue;
            }

            var needed = group.Sum(image => image.Length);
            if (needed > available)
            {
                var reason = $"not enough room for the images on the file system of {directory}: {PlannedResource.Size(available)} available, the plan's images need {PlannedResource.Size(needed)}";
                group.ToList().ForEach(image => image.Refuse(reason));
            }
        }
    }

    private static int LineOf(SyntaxTree tree, TextSpan span) => tree.Text.Lines.GetLineFromPosition(span.Start).LineNumber;

    private static string Describe(SyntaxTree tree, IEnumerable<IntentProblem> problems) =>
        string.Join("; ", problems.Select(problem => $"line {LineOf(tree, problem.Span) + 1}: {problem.Message} ({problem.Descriptor.Id})"));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex SafeDomainName();
}
