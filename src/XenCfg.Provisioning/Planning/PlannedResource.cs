using XenCfg.Analysis.Specs.Values;
using XenCfg.Provisioning.Host;

namespace XenCfg.Provisioning.Planning;

/// <summary>
/// One thing a run creates (or finds already there, or refuses): an image, a file system, a volume, a snapshot, an
/// NFS root directory, an exports entry. It knows how to check the host for itself (<see cref="Probe"/>), what steps
/// create it, what must still hold just before they run (<see cref="Recheck"/>) and how to prove afterwards that it
/// exists as planned (<see cref="Verify"/>).
/// </summary>
public abstract class PlannedResource
{
    private readonly List<ResourceOrigin> _origins;

    private protected PlannedResource(ResourceOrigin origin)
    {
        _origins = [origin];
    }

    /// <summary>The configs that ask for this resource (the same resource asked for identically by several configs is planned once).</summary>
    public IReadOnlyList<ResourceOrigin> Origins => _origins;

    public ResourceOrigin Origin => _origins[0];

    public abstract ResourceKind Kind { get; }

    /// <summary>A short name for plans: image, ext4, volume, snapshot, directory, export, exportfs.</summary>
    public abstract string Label { get; }

    /// <summary>What is created: a path, VG/LV, or an exports entry.</summary>
    public abstract string Target { get; }

    /// <summary>What it will be (size, options), for plans.</summary>
    public abstract string Description { get; }

    public PlanAction Action { get; internal set; } = PlanAction.Create;

    /// <summary>Why it is refused, or what was found when it is unchanged.</summary>
    public string? Reason { get; internal set; }

    /// <summary>The resource this one is made on (a file system's image or volume), or null.</summary>
    public PlannedResource? DependsOn { get; internal init; }

    /// <summary>Conditions the generated script checks before the steps (the executor's <see cref="Recheck"/> covers them and more).</summary>
    public virtual IReadOnlyList<PlanGuard> Guards => [];

    /// <summary>The changes that create the resource.</summary>
    public abstract IReadOnlyList<PlanStep> Steps { get; }

    /// <summary>
    /// The same resource whatever config asks for it, and however it is named: kind and target, with the target's
    /// symbolic links resolved where the host can tell (an image in a linked directory is one image).
    /// </summary>
    internal virtual string Identity => $"{Kind}:{Target}";

    /// <summary>Whether another config asks for exactly the same thing (then it is planned once).</summary>
    internal abstract bool SameIntent(PlannedResource other);

    internal void AddOrigin(ResourceOrigin origin) => _origins.Add(origin);

    internal void Refuse(string reason)
    {
        Action = PlanAction.Refused;
        Reason = reason;
    }

    internal void KeepAsIs(string what)
    {
        Action = PlanAction.Unchanged;
        Reason = what;
    }

    /// <summary>Looks at the host and decides <see cref="Action"/> (and <see cref="Reason"/>).</summary>
    internal abstract void Probe(PlanContext context);

    /// <summary>What has changed since the plan so that creating the resource is no longer safe; null when nothing has.</summary>
    internal abstract string? Recheck(HostTools host);

    /// <summary>Checks the resource exists as planned; returns what was checked, or throws <see cref="VerificationException"/>.</summary>
    internal abstract string Verify(HostTools host);

    /// <summary>
    /// After a step of this resource failed: true when the host shows no trace of it (the target is still absent or
    /// blank), so a run that changed nothing before can say "nothing was changed". False when unsure.
    /// </summary>
    internal virtual bool Untouched(HostTools host) => false;

    /// <summary>
    /// After this resource failed: takes back what it (and the resources it depends on, when this run created them)
    /// exposed, and says what was done; null when there is nothing to undo. Only NFS exports are undone: everything
    /// else a run creates is new and harms nothing where it is, and is left for the journal to report.
    /// </summary>
    internal virtual string? Undo(HostTools host, IReadOnlySet<PlannedResource> createdThisRun) => null;

    internal static string Size(long bytes) => new ByteSize((ulong)Math.Max(0, bytes)).ToString();
}

/// <summary>A created resource is not what the plan said.</summary>
public sealed class VerificationException(string message) : Exception(message);
