using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Analysis.Specs.Values;
using XenCfg.Analysis.Workspace;
using XenCfg.Syntax;
using XenCfg.Syntax.Text;

namespace XenCfg.Analysis.Provisioning;

/// <summary>What kind of storage a disk annotation asks for.</summary>
public enum DiskStorageKind
{
    /// <summary>A raw image file (a sparse file).</summary>
    ImageFile,

    /// <summary>An LVM logical volume (or a copy-on-write snapshot of one).</summary>
    LogicalVolume,
}

/// <summary>The file system to make on a new disk.</summary>
public enum FilesystemType
{
    None,
    Ext2,
    Ext3,
    Ext4,
    Swap,
}

/// <summary>A problem found while reading the annotations of a file, with the span it underlines.</summary>
public sealed record IntentProblem(DiagnosticDescriptor Descriptor, TextSpan Span, string[] Arguments)
{
    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public string Message => string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Arguments);
}

/// <summary>
/// What an annotated disk asks for. <see cref="Problems"/> holds what is wrong with it; when one of them is an error
/// the disk must not be provisioned (and the other properties may be incomplete).
/// </summary>
public sealed class DiskIntent
{
    internal DiskIntent(DiskEntry disk, ProvisioningAnnotation annotation)
    {
        Disk = disk;
        Annotation = annotation;
    }

    public DiskEntry Disk { get; }

    public ProvisioningAnnotation Annotation { get; }

    public DiskStorageKind Kind { get; internal set; }

    /// <summary>The image file's path, or the volume's device path <c>/dev/VG/LV</c>.</summary>
    public string Path { get; internal set; } = string.Empty;

    public string? VolumeGroup { get; internal set; }

    public string? Volume { get; internal set; }

    public ByteSize? Size { get; internal set; }

    public FilesystemType Filesystem { get; internal set; }

    public string? Populate { get; internal set; }

    public string? Label { get; internal set; }

    /// <summary>The file-system UUID in lower case, when one was given.</summary>
    public string? Uuid { get; internal set; }

    /// <summary>For a snapshot, the origin volume's name (in <see cref="VolumeGroup"/>).</summary>
    public string? SnapshotOrigin { get; internal set; }

    public bool IsSnapshot => SnapshotOrigin is not null;

    public IReadOnlyList<IntentProblem> Problems => MutableProblems;

    public bool HasErrors => MutableProblems.Any(problem => problem.IsError);

    /// <summary>How the disk is named in plans: its vdev and target.</summary>
    public string DisplayName => Disk.Vdev is { } vdev ? $"{vdev} ({Path})" : Path;

    internal List<IntentProblem> MutableProblems { get; } = [];
}

/// <summary>What an annotated NFS root asks for: a directory exported to exactly one client.</summary>
public sealed class NfsRootIntent
{
    internal NfsRootIntent(ProvisioningAnnotation annotation, ScalarSetting anchor, string path, string? server)
    {
        Annotation = annotation;
        Anchor = anchor;
        Path = path;
        Server = server;
    }

    public ProvisioningAnnotation Annotation { get; }

    /// <summary>The setting the annotation is on: <c>nfs_root</c>, or <c>extra</c>/<c>cmdline</c> with nfsroot=.</summary>
    public ScalarSetting Anchor { get; }

    /// <summary>The exported directory (on this host, which is taken to be the NFS server).</summary>
    public string Path { get; }

    /// <summary>The server address the guest mounts from, as the config says (for display).</summary>
    public string? Server { get; }

    /// <summary>The one address the directory is exported to.</summary>
    public Ipv4Address? Client { get; internal set; }

    /// <summary>Where <see cref="Client"/> came from (<c>client=</c>, <c>ip</c>, or <c>ip=</c>), for plans.</summary>
    public string? ClientSource { get; internal set; }

    public string? Populate { get; internal set; }

    public IReadOnlyList<IntentProblem> Problems => MutableProblems;

    public bool HasErrors => MutableProblems.Any(problem => problem.IsError);

    internal List<IntentProblem> MutableProblems { get; } = [];
}

/// <summary>Values given on the command line that replace the annotations' (see <see cref="ProvisioningIntent.Read"/>).</summary>
/// <param name="Size">Replaces size= on every annotated disk.</param>
/// <param name="Filesystem">Replaces fs= on every annotated disk that is not a snapshot.</param>
public sealed record ProvisioningOverrides(string? Size = null, string? Filesystem = null)
{
    public static ProvisioningOverrides None { get; } = new();

    /// <summary>
    /// System directories (<see cref="SystemPaths"/>) the admin explicitly accepts as an NFS root or populate source
    /// (<c>--allow-system-path</c>): exactly these paths, nothing below or above them.
    /// </summary>
    public IReadOnlySet<string> AllowedSystemPaths { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Why <paramref name="path"/> is refused as a system directory, or null (not one, or explicitly allowed).</summary>
    public string? SystemDirectory(string path) => AllowedSystemPaths.Contains(path) ? null : SystemPaths.Check(path);
}

/// <summary>
/// Everything a config's <c># xcfg:</c> annotations ask to provision, validated: the annotated disks, the annotated
/// NFS root, and the problems found (each with its span). The linter reports the problems; the provisioner refuses
/// what they affect. See <c>docs/provisioning.md</c> for the syntax.
/// </summary>
public sealed class ProvisioningIntent
{
    private ProvisioningIntent(SemanticModel model, IReadOnlyList<ProvisioningAnnotation> annotations, IReadOnlyList<DiskIntent> disks, NfsRootIntent? nfsRoot, IReadOnlyList<IntentProblem> fileProblems)
    {
        Model = model;
        Annotations = annotations;
        Disks = disks;
        NfsRoot = nfsRoot;
        FileProblems = fileProblems;
    }

    public SemanticModel Model { get; }

    /// <summary>Every annotation in the file, attached or not.</summary>
    public IReadOnlyList<ProvisioningAnnotation> Annotations { get; }

    /// <summary>The annotated disks, in disk-list order.</summary>
    public IReadOnlyList<DiskIntent> Disks { get; }

    public NfsRootIntent? NfsRoot { get; }

    /// <summary>Problems not tied to one disk or NFS root: annotations attached to nothing, or to several disks.</summary>
    public IReadOnlyList<IntentProblem> FileProblems { get; }

    /// <summary>Every problem, in file order.</summary>
    public IEnumerable<IntentProblem> AllProblems =>
        FileProblems.Concat(Disks.SelectMany(disk => disk.Problems)).Concat(NfsRoot?.Problems ?? []).OrderBy(problem => problem.Span.Start);

    /// <summary>The disks the config lists that carry no annotation (they are left alone).</summary>
    public IEnumerable<DiskEntry> UnannotatedDisks => Model.Disks.Where(disk => Disks.All(intent => intent.Disk != disk));

    /// <summary>Reads and validates the annotations of <paramref name="model"/>'s file.</summary>
    public static ProvisioningIntent Read(SemanticModel model, ProvisioningOverrides? overrides = null)
    {
        overrides ??= ProvisioningOverrides.None;
        var tree = model.Tree;
        var annotations = Collect(tree);
        var fileProblems = new List<IntentProblem>();
        if (annotations.Count == 0)
        {
            return new ProvisioningIntent(model, annotations, [], null, fileProblems);
        }

        var disksByLine = model.Disks
            .GroupBy(disk => LineOf(tree, disk.Syntax.Span.Start))
            .ToDictionary(group => group.Key, group => group.ToList());
        var nfsAnchors = NfsAnchors(model);
        var diskAnnotations = new Dictionary<DiskEntry, ProvisioningAnnotation>();
        (ProvisioningAnnotation Annotation, NfsAnchor Anchor)? nfs = null;
        foreach (var annotation in annotations)
        {
            var line = annotation.IsOwnLine ? annotation.Line + 1 : annotation.Line;
            var disks = disksByLine.GetValueOrDefault(line) ?? [];
            if (disks.Count > 1)
            {
                fileProblems.Add(new IntentProblem(ProvisioningDescriptors.Ambiguous, annotation.CommentSpan, [disks.Count.ToString(CultureInfo.InvariantCulture)]));
            }
            else if (disks.Count == 1)
            {
                if (diskAnnotations.TryGetValue(disks[0], out var first))
                {
                    fileProblems.Add(new IntentProblem(ProvisioningDescriptors.AnnotatedTwice, annotation.CommentSpan, [$"on line {first.Line + 1}"]));
                }
                else
                {
                    diskAnnotations[disks[0]] = annotation;
                }
            }
            else if (nfsAnchors.FirstOrDefault(anchor => anchor.Line == line) is { } anchor)
            {
                if (nfs is { } existing)
                {
                    fileProblems.Add(new IntentProblem(ProvisioningDescriptors.AnnotatedTwice, annotation.CommentSpan, [$"on line {existing.Annotation.Line + 1} (the NFS root takes one)"]));
                }
                else
                {
                    nfs = (annotation, anchor);
                }
            }
            else
            {
                fileProblems.Add(new IntentProblem(ProvisioningDescriptors.NotAttached, annotation.CommentSpan, [NotAttachedMessage(annotation)]));
            }

        }

        var diskIntents = model.Disks
            .Where(diskAnnotations.ContainsKey)
            .Select(disk => ReadDisk(model, disk, diskAnnotations[disk], overrides))
            .ToList();
        var nfsIntent = nfs is { } found ? ReadNfsRoot(model, found.Annotation, found.Anchor, overrides) : null;

        // A malformed annotation refuses what it is attached to (its intent is not fully known); unattached, it is the file's.
        foreach (var annotation in annotations)
        {
            var owner = diskIntents.FirstOrDefault(intent => intent.Annotation == annotation)?.MutableProblems
                ?? (nfsIntent?.Annotation == annotation ? nfsIntent.MutableProblems : fileProblems);
            owner.InsertRange(0, annotation.Problems.Select(problem => new IntentProblem(ProvisioningDescriptors.Malformed, problem.Span, [problem.Message])));
        }

        return new ProvisioningIntent(model, annotations, diskIntents, nfsIntent, fileProblems);
    }

    private static string NotAttachedMessage(ProvisioningAnnotation annotation) => annotation.IsOwnLine
        ? "the line after this annotation is not a disk entry, nor the NFS root setting: an annotation on a line of its own describes the disk entry on the next line"
        : "this line holds no disk entry and no NFS root setting, so nothing reads this annotation: put it after a disk entry in `disk = [...]`, or on the `nfs_root` line";

    /// <summary>Every annotation comment in the file, in order.</summary>
    private static List<ProvisioningAnnotation> Collect(SyntaxTree tree)
    {
        var found = new List<ProvisioningAnnotation>();

        // Most files have no annotation: finding no marker in the text is far cheaper than walking every token's
        // trivia (the walk realises every token of the tree, on every keystroke in the language server).
        if (!SourceTextSearch.Contains(tree.Text, AnnotationParser.Marker))
        {
            return found;
        }

        foreach (var token in tree.Root.DescendantTokens())
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.Kind != SyntaxKind.CommentTrivia || !AnnotationParser.IsAnnotation(trivia.Text))
                {
                    continue;
                }

                var line = tree.Text.Lines.GetLineFromPosition(trivia.Span.Start);
                var before = tree.Text.ToString(TextSpan.FromBounds(line.Start, trivia.Span.Start));
                var ownLine = before.All(c => c is ' ' or '\t');
                found.Add(AnnotationParser.Parse(trivia.Text, trivia.Span.Start, line.LineNumber, ownLine)!);
            }
        }

        return found;
    }

    private static int LineOf(SyntaxTree tree, int position) => tree.Text.Lines.GetLineFromPosition(position).LineNumber;

    private sealed record NfsAnchor(int Line, ScalarSetting Setting, string Path, string? Server);

    /// <summary>
    /// The lines an NFS-root annotation may be on: the nfs_root assignment (xm's keys) and the extra/cmdline
    /// assignment holding nfsroot= (what xl passes). The annotation's line decides which one is meant.
    /// </summary>
    private static List<NfsAnchor> NfsAnchors(SemanticModel model)
    {
        var anchors = new List<NfsAnchor>();
        var boot = model.Boot;
        if (boot.NfsRoot is { } nfsRoot)
        {
            anchors.Add(new NfsAnchor(nfsRoot.Setting.Line, nfsRoot, nfsRoot.Text, boot.NfsServer?.Text));
        }

        if (boot.FindArgument("nfsroot") is { Value: { } value } && boot.ArgumentsSetting is { } setting)
        {
            var parsed = KernelArgumentParser.ParseNfsRoot(value);
            anchors.Add(new NfsAnchor(setting.Setting.Line, setting, parsed.Path.Value, parsed.Server?.Value.ToString()));
        }

        return anchors;
    }

    /// <summary>The annotation's items with the command-line overrides applied (an override replaces the item).</summary>
    private static List<AnnotationItem> EffectiveItems(ProvisioningAnnotation annotation, ProvisioningOverrides overrides)
    {
        var items = annotation.Items.ToList();
        var isSnapshot = items.Any(item => item.Key == AnnotationKeys.SnapshotOf);
        void Override(string key, string? value)
        {
            if (value is null)
            {
                return;
            }

            // The value comes from the command line: problems with it underline the whole annotation.
            items.RemoveAll(item => item.Key == key);
            items.Add(new AnnotationItem(key, value, annotation.CommentSpan, annotation.CommentSpan) { Span = annotation.CommentSpan });
        }

        Override(AnnotationKeys.Size, overrides.Size);
        if (!isSnapshot)
        {
            Override(AnnotationKeys.Fs, overrides.Filesystem);
        }

        return items;
    }

    /// <summary>
    /// Checks keys (unknown, repeated, not for this target) and returns the last value of each known key that
    /// applies to <paramref name="target"/>.
    /// </summary>
    private static Dictionary<string, AnnotationItem> KnownItems(IEnumerable<AnnotationItem> items, AnnotationTargets target, List<IntentProblem> problems)
    {
        var known = new Dictionary<string, AnnotationItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (AnnotationKeys.Find(item.Key) is not { } key)
            {
                var suggestion = AnnotationKeys.Suggest(item.Key);
                problems.Add(new IntentProblem(ProvisioningDescriptors.UnknownKey, item.KeySpan,
                    [AnnotationParser.Printable(item.Key), suggestion is null ? $" (known keys: {string.Join(", ", AnnotationKeys.All.Where(candidate => (candidate.AppliesTo & target) != 0).Select(candidate => candidate.Name))})" : $"; did you mean `{suggestion}`?"]));
                continue;
            }

            if ((key.AppliesTo & target) == 0)
            {
                var where = target == AnnotationTargets.Disk ? "a disk" : "an NFS root";
                var belongs = key.AppliesTo == AnnotationTargets.Disk ? "disks" : "NFS roots";
                problems.Add(new IntentProblem(ProvisioningDescriptors.KeyDoesNotApply, item.KeySpan, [$"`{item.Key}` does not apply to {where}; it is for {belongs}"]));
                continue;
            }

            if (known.ContainsKey(item.Key))
            {
                problems.Add(new IntentProblem(ProvisioningDescriptors.DuplicateKey, item.Span, [item.Key]));
                continue;
            }

            known[item.Key] = item;
        }

        return known;
    }

    private static DiskIntent ReadDisk(SemanticModel model, DiskEntry disk, ProvisioningAnnotation annotation, ProvisioningOverrides overrides)
    {
        var intent = new DiskIntent(disk, annotation);
        var problems = intent.MutableProblems;
        var items = KnownItems(EffectiveItems(annotation, overrides), AnnotationTargets.Disk, problems);
        ClassifyTarget(disk, intent);

        if (items.TryGetValue(AnnotationKeys.Size, out var size))
        {
            var parsed = SizeParser.Parse(size.Value);
            if (parsed.Value is { Bytes: > long.MaxValue } tooLarge)
            {
                problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, size.ValueSpan,
                    [$"size={size.Value} is {tooLarge.Bytes} bytes: no Linux file or block device holds that much (at most {long.MaxValue} bytes, 8E less one byte)"]));
            }
            else if (parsed.Value is { } bytes && bytes.Bytes > 0)
            {
                intent.Size = bytes;
            }
            else
            {
                var why = parsed.Problems.Count > 0 ? parsed.Problems[0].Message : "A size of zero creates nothing.";
                problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, size.ValueSpan, [$"size={size.Value}: {why}"]));
            }
        }

        if (items.TryGetValue(AnnotationKeys.Fs, out var fs))
        {
            intent.Filesystem = fs.Value switch
            {
                "ext4" => FilesystemType.Ext4,
                "ext3" => FilesystemType.Ext3,
                "ext2" => FilesystemType.Ext2,
                "swap" => FilesystemType.Swap,
                "none" => FilesystemType.None,
                _ => BadFilesystem(fs, problems),
            };
        }

        if (items.TryGetValue(AnnotationKeys.Populate, out var populate))
        {
            intent.Populate = CheckPopulate(populate, overrides, problems);
        }

        if (items.TryGetValue(AnnotationKeys.Label, out var label))
        {
            var bytes = Encoding.UTF8.GetByteCount(label.Value);
            var (most, holder) = MostLabelBytes(intent.Filesystem);
            if (label.Value.Length == 0 || bytes > most)
            {
                problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, label.ValueSpan,
                    [label.Value.Length == 0 ? "label= is empty; leave it out for no label" : $"label `{label.Value}` is {bytes} bytes long; {holder}"]));
            }
            else
            {
                intent.Label = label.Value;
            }
        }

        if (items.TryGetValue(AnnotationKeys.Uuid, out var uuid))
        {
            if (Guid.TryParseExact(uuid.Value, "D", out var guid) && guid != Guid.Empty)
            {
                intent.Uuid = guid.ToString("D");
            }
            else
            {
                problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, uuid.ValueSpan, [$"uuid `{uuid.Value}` is not a UUID: write 8-4-4-4-12 hexadecimal digits, e.g. 0b9c8a7e-1111-4222-8333-444455556666 (not all zeros)"]));
            }
        }

        if (items.TryGetValue(AnnotationKeys.SnapshotOf, out var snapshot))
        {
            ReadSnapshotOrigin(intent, snapshot, problems);
        }

        CheckCombinations(intent, items, annotation, problems);
        return intent;
    }

    /// <summary>
    /// The longest label, in bytes, that the file system stores whole, and why. ext2/3/4 keep 16 bytes (s_volume_name,
    /// e2fsprogs' EXT2_LABEL_LEN); a swap header also has 16, but mkswap (util-linux disk-utils/mkswap.c) copies the
    /// label with a terminating NUL, so it keeps 15 and cuts the rest with only a warning ("Label was truncated",
    /// checked with mkswap 2.38.1): such a label would be made, fail its check and be refused on every later run.
    /// </summary>
    private static (int Bytes, string Why) MostLabelBytes(FilesystemType filesystem) => filesystem == FilesystemType.Swap
        ? (15, "mkswap keeps at most 15 bytes of a swap label and silently cuts the rest")
        : (16, "ext2/3/4 labels hold at most 16");

    private static FilesystemType BadFilesystem(AnnotationItem fs, List<IntentProblem> problems)
    {
        var suggestion = AnnotationKeys.SuggestFilesystem(fs.Value);
        var hint = suggestion is null ? string.Empty : $"; did you mean `{suggestion}`?";
        problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, fs.ValueSpan,
            [$"fs={AnnotationParser.Printable(fs.Value)} is not a file system xcfg provision makes: use ext4, ext3, ext2, swap or none{hint}"]));
        return FilesystemType.None;
    }

    private static string? CheckPath(AnnotationItem item, string what, List<IntentProblem> problems)
    {
        if (SafePaths.Check(item.Value) is { } why)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnsafePath, item.ValueSpan, [$"{what}: {why}"]));
            return null;
        }

        return item.Value;
    }

    /// <summary>A populate source: a safe path that is not a system directory (as written; the provisioner checks it again with links resolved).</summary>
    private static string? CheckPopulate(AnnotationItem item, ProvisioningOverrides overrides, List<IntentProblem> problems)
    {
        if (CheckPath(item, "populate", problems) is not { } path)
        {
            return null;
        }

        if (overrides.SystemDirectory(path) is { } system)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.SystemDirectory, item.ValueSpan,
                [$"populate={path}: {system}; its whole contents would be copied into the guest's disk (xcfg provision --allow-system-path {path} if that is really meant)"]));
            return null;
        }

        return path;
    }

    private static void ReadSnapshotOrigin(DiskIntent intent, AnnotationItem snapshot, List<IntentProblem> problems)
    {
        var text = snapshot.Value.StartsWith("/dev/", StringComparison.Ordinal) ? snapshot.Value["/dev/".Length..] : snapshot.Value;
        var parts = text.Split('/');
        if (parts.Length != 2)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, snapshot.ValueSpan, [$"snapshot-of=`{AnnotationParser.Printable(snapshot.Value)}` is not VG/LV: name the origin volume as volume-group/volume, e.g. vg/master"]));
            return;
        }

        if ((LvmNames.CheckVolumeGroup(parts[0]) ?? LvmNames.CheckVolume(parts[1])) is { } invalid)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, snapshot.ValueSpan, [$"snapshot-of: {invalid}"]));
            return;
        }

        if (intent.Kind == DiskStorageKind.LogicalVolume && intent.VolumeGroup is { } group && group != parts[0])
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, snapshot.ValueSpan,
                [$"snapshot-of={snapshot.Value} is in volume group `{parts[0]}`, but this disk is in `{group}`: LVM makes a snapshot in its origin's volume group"]));
            return;
        }

        if (intent.Kind == DiskStorageKind.LogicalVolume && intent.Volume == parts[1])
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, snapshot.ValueSpan, [$"snapshot-of names this disk's own volume `{snapshot.Value}`"]));
            return;
        }

        intent.SnapshotOrigin = parts[1];
    }

    private static void CheckCombinations(DiskIntent intent, Dictionary<string, AnnotationItem> items, ProvisioningAnnotation annotation, List<IntentProblem> problems)
    {
        if (items.TryGetValue(AnnotationKeys.SnapshotOf, out var snapshot))
        {
            if (intent.Kind == DiskStorageKind.ImageFile && !problems.Any(problem => problem.Descriptor == ProvisioningDescriptors.NotProvisionable))
            {
                problems.Add(new IntentProblem(ProvisioningDescriptors.Contradiction, snapshot.KeySpan, ["snapshot-of= needs an LVM volume (phy:VG/LV); this disk is an image file"]));
            }

            foreach (var key in new[] { AnnotationKeys.Fs, AnnotationKeys.Populate, AnnotationKeys.Label, AnnotationKeys.Uuid })
            {
                if (items.TryGetValue(key, out var item))
                {
                    problems.Add(new IntentProblem(ProvisioningDescriptors.Contradiction, item.KeySpan,
                        [$"`{key}` on a snapshot: a copy-on-write snapshot holds its origin's file system; making a new one would destroy the copy. Drop `{key}`"]));
                }
            }
        }
        else
        {
            if (intent.Populate is not null && intent.Filesystem is FilesystemType.None or FilesystemType.Swap)
            {
                var item = items[AnnotationKeys.Populate];
                problems.Add(new IntentProblem(ProvisioningDescriptors.Contradiction, item.KeySpan,
                    [intent.Filesystem == FilesystemType.Swap ? "populate= on swap: a swap area holds no files" : "populate= needs a file system to copy into: add fs=ext4 (or ext3, ext2)"]));
            }

            foreach (var key in new[] { AnnotationKeys.Label, AnnotationKeys.Uuid })
            {
                if (items.TryGetValue(key, out var item) && intent.Filesystem == FilesystemType.None)
                {
                    problems.Add(new IntentProblem(ProvisioningDescriptors.Contradiction, item.KeySpan, [$"{key}= needs a file system to carry it: add fs=ext4 (or ext3, ext2, swap)"]));
                }
            }
        }

        if (intent.Size is null && !items.ContainsKey(AnnotationKeys.Size))
        {
            var what = intent.IsSnapshot ? "the snapshot's copy-on-write space" : intent.Kind == DiskStorageKind.ImageFile ? "the image" : "the volume";
            problems.Add(new IntentProblem(ProvisioningDescriptors.MissingSize, annotation.CommentSpan,
                [$"the annotation gives no size for {what}: xcfg provision has no default size; add size=, e.g. size=2G"]));
        }
    }

    /// <summary>Decides whether the disk is an image file or an LVM volume, and refuses anything else.</summary>
    private static void ClassifyTarget(DiskEntry disk, DiskIntent intent)
    {
        var problems = intent.MutableProblems;
        var span = disk.Syntax.Span;
        void Refuse(string why) => problems.Add(new IntentProblem(ProvisioningDescriptors.NotProvisionable, span, [why]));

        if (disk.IsCdrom)
        {
            Refuse("this disk is a CD-ROM drive: xcfg provision creates writable disks, not install media");
            return;
        }

        if (disk.Script is { } script)
        {
            Refuse($"this disk is a network disk (script {script}): its storage lives on another host");
            return;
        }

        if (disk.Target is not { Length: > 0 } target)
        {
            Refuse("this disk names no target to create");
            return;
        }

        var format = disk.Xm?.TapType?.Value ?? (disk.Xl.Format is XlDiskFormat.Unknown or XlDiskFormat.Raw ? null : disk.Xl.Format.ToString().ToLowerInvariant());
        if (format is not null and not "aio" and not "raw" and not "sync")
        {
            Refuse($"this disk is a {format} image: xcfg provision makes raw images only");
            return;
        }

        var control = target.FirstOrDefault(char.IsControl);
        if (control != default)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnsafePath, span, [$"the disk's target `{AnnotationParser.Printable(target)}` contains the control character U+{(int)control:X4}"]));
            return;
        }

        var key = StorageIdentity.ForDisk(target, null);
        if (key?.Kind == StorageKind.LogicalVolume)
        {
            var (group, volume) = (key.Name[..key.Name.IndexOf('/', StringComparison.Ordinal)], key.Name[(key.Name.IndexOf('/', StringComparison.Ordinal) + 1)..]);
            intent.Kind = DiskStorageKind.LogicalVolume;
            intent.VolumeGroup = group;
            intent.Volume = volume;
            intent.Path = $"/dev/{group}/{volume}";
            if ((LvmNames.CheckVolumeGroup(group) ?? LvmNames.CheckVolume(volume)) is { } invalid)
            {
                Refuse($"LVM would refuse this volume: {invalid}");
            }

            return;
        }

        intent.Kind = DiskStorageKind.ImageFile;
        intent.Path = target;
        if (!target.StartsWith('/') && !IsFileSpec(disk))
        {
            Refuse($"the target `{target}` is the block device /dev/{target}: xcfg provision creates image files and LVM volumes, not disks or partitions");
            return;
        }

        if (target.StartsWith("/dev/", StringComparison.Ordinal))
        {
            Refuse($"the target `{target}` is a block device: xcfg provision creates image files and LVM volumes (phy:VG/LV), not disks or partitions");
            return;
        }

        if (SafePaths.Check(target) is { } unsafePath)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnsafePath, span, [$"the image: {unsafePath}"]));
        }
    }

    /// <summary>Whether the spec says its target is a file (xm's file:/tap: prefixes, or the same legacy prefixes under xl).</summary>
    private static bool IsFileSpec(DiskEntry disk)
    {
        if (disk.Xm?.Prefix?.Value is { } prefix)
        {
            return prefix is "file" or "tap" or "tap2";
        }

        if (disk.Xl.SettingOf(XlDiskField.Target) is not { } target)
        {
            return false;
        }

        var before = disk.Spec[..target.ValueSpan.Start];
        return before.EndsWith("file:", StringComparison.Ordinal) || before.EndsWith("aio:", StringComparison.Ordinal) || before.EndsWith("tap:", StringComparison.Ordinal);
    }

    private static NfsRootIntent ReadNfsRoot(SemanticModel model, ProvisioningAnnotation annotation, NfsAnchor anchor, ProvisioningOverrides overrides)
    {
        var intent = new NfsRootIntent(annotation, anchor.Setting, anchor.Path, anchor.Server);
        var problems = intent.MutableProblems;
        var items = KnownItems(annotation.Items, AnnotationTargets.NfsRoot, problems);
        if (SafePaths.Check(anchor.Path) is { } unsafePath)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnsafePath, anchor.Setting.Syntax.Span, [$"the NFS root: {unsafePath}"]));
        }
        else if (anchor.Path.FirstOrDefault(c => c is ' ' or '"' or '\\' or '#' or '%' or '\'' or '(' or ')' or ',' or '*' or '?' or '[' or ']') is var bad and not default(char))
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnsafePath, anchor.Setting.Syntax.Span,
                [$"the NFS root `{anchor.Path}` contains `{bad}`, which exports(5) reads as syntax (or the kernel's nfsroot= substitutes); use a directory name without it"]));
        }
        else if (overrides.SystemDirectory(anchor.Path) is { } system)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.SystemDirectory, anchor.Setting.Syntax.Span,
                [$"the NFS root {system}; exported read-write with no_root_squash, its guest's root would own it (xcfg provision --allow-system-path {anchor.Path} if that is really meant)"]));
        }

        if (RootDevice(model) is var device && device != "/dev/nfs")
        {
            var detail = device is null ? "no root=/dev/nfs in the `root` setting or on the kernel command line" : $"its root is `{AnnotationParser.Printable(device)}`, not /dev/nfs";
            problems.Add(new IntentProblem(ProvisioningDescriptors.NfsRootNotBooted, annotation.CommentSpan,
                [$"this guest does not boot from NFS ({detail}), so nothing mounts this NFS root: xcfg provision exports only the root a guest boots from; set root = \"/dev/nfs\", or remove the annotation"]));
        }

        CheckDomainName(model, annotation, problems);
        if (items.TryGetValue(AnnotationKeys.Populate, out var populate))
        {
            intent.Populate = CheckPopulate(populate, overrides, problems);
        }

        if (items.TryGetValue(AnnotationKeys.Client, out var client))
        {
            var parsed = NetworkValueParser.ParseIpv4(client.Value);
            if (parsed.Value is { } address && parsed.IsValid && UnusableClient(address) is null)
            {
                intent.Client = address;
                intent.ClientSource = "client=";
            }
            else
            {
                var what = parsed.Value is { } unusable && parsed.IsValid ? UnusableClient(unusable) : "not one IPv4 address";
                problems.Add(new IntentProblem(ProvisioningDescriptors.BadValue, client.ValueSpan,
                    [$"client={AnnotationParser.Printable(client.Value)} is {what}: the NFS root is exported to exactly one host, e.g. client=192.0.2.11 (no names, networks or wildcards)"]));
            }

            return intent;
        }

        // The guest's static address, as xm passed it (its ip key) or as the kernel reads it (ip=CLIENT:...).
        var boot = model.Boot;
        (Ipv4Address Address, TextSpan Span, string Source)? candidate = null;
        if (boot.Ip is { Text.Length: > 0 } ip && NetworkValueParser.ParseIpv4(ip.Text) is { IsValid: true, Value: { } xmAddress })
        {
            candidate = (xmAddress, ip.Syntax.Span, "ip");
        }
        else if (boot.FindArgument("ip") is { Value: { } value } argument && boot.ArgumentsSetting is { } arguments && KernelArgumentParser.ParseIp(value).Client is { } kernelClient)
        {
            candidate = (kernelClient.Value, arguments.SourceSpan(argument.ValueSpan), "ip=");
        }

        if (candidate is not { } guest)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.NoClient, annotation.CommentSpan,
                ["the guest has no static address in this config (no `ip`, no ip=CLIENT:... on the kernel command line), and the NFS root is never exported to the world: add client=ADDRESS to the annotation"]));
        }
        else if (UnusableClient(guest.Address) is { } why)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.NoClient, guest.Span,
                [$"the guest's address `{guest.Address}` (from {(guest.Source == "ip" ? "`ip`" : "ip= on the kernel command line")}) is {why}, and the NFS root is exported to exactly one host: add client=ADDRESS to the annotation"]));
        }
        else
        {
            intent.Client = guest.Address;
            intent.ClientSource = guest.Source;
        }

        return intent;
    }

    /// <summary>
    /// Why an address cannot be the one client of an NFS root (it names no single other host), or null when it can.
    /// exports(5) would take 0.0.0.0 or a broadcast address literally; neither is a guest.
    /// </summary>
    public static string? UnusableClient(Ipv4Address address) => address.Value switch
    {
        uint.MaxValue => "the broadcast address",
        < 1U << 24 => "an address of \"this network\" (0.0.0.0/8), which names no host",
        >= 127U << 24 and < 128U << 24 => "a loopback address (the guest is another host)",
        >= 224U << 24 and < 240U << 24 => "a multicast address",
        >= 240U << 24 => "a reserved address",
        _ => null,
    };

    /// <summary>
    /// The device the guest's kernel mounts as its root: the last root= it is given. xl builds its command line from
    /// `root` and then `extra` (so a root= in extra wins), or takes `cmdline` alone; xm did the same with `root` and `extra`.
    /// </summary>
    private static string? RootDevice(SemanticModel model)
    {
        var boot = model.Boot;
        if (boot.FindArgument("root") is { Value: { } argument })
        {
            return argument;
        }

        return boot.ArgumentsSetting is { } arguments && arguments == boot.Cmdline ? null : boot.RootValue?.Device.Value;
    }

    /// <summary>The exports file is named after the domain: the name must make one plain file name, checked to its last character.</summary>
    private static void CheckDomainName(SemanticModel model, ProvisioningAnnotation annotation, List<IntentProblem> problems)
    {
        if (model.Domain.Name is not { } name)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnusableDomainName, annotation.CommentSpan,
                ["the config has no `name`, and the NFS root's exports file is named after the domain (xcfg-NAME.exports): add name = \"...\""]));
            return;
        }

        if (DomainFileNames.Check(name.Text) is { } why)
        {
            problems.Add(new IntentProblem(ProvisioningDescriptors.UnusableDomainName, name.Syntax.Span, [why]));
        }
    }
}
