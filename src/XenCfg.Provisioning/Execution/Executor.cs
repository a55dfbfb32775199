using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;

namespace XenCfg.Provisioning.Execution;

/// <summary>What became of one resource when the plan was applied.</summary>
public enum ResourceOutcome
{
    /// <summary>Not reached (an earlier resource stopped the run), or nothing to do.</summary>
    NotRun,
    Created,
    Failed,

    /// <summary>Its precondition no longer held just before its steps: nothing was done to it.</summary>
    Stopped,
}

/// <summary>The result of applying a plan: the exit code, and per resource what happened and what was verified.</summary>
public sealed class ApplyResult
{
    internal ApplyResult(int exitCode, IReadOnlyDictionary<PlannedResource, (ResourceOutcome Outcome, string Detail)> outcomes)
    {
        ExitCode = exitCode;
        Outcomes = outcomes;
    }

    /// <summary>One of <see cref="ProvisionExitCodes"/>.</summary>
    public int ExitCode { get; }

    public IReadOnlyDictionary<PlannedResource, (ResourceOutcome Outcome, string Detail)> Outcomes { get; }

    public int Created => Outcomes.Values.Count(outcome => outcome.Outcome == ResourceOutcome.Created);
}

/// <summary>
/// Applies a plan: nothing at all when something is refused; otherwise each resource to create in order — its
/// precondition checked again just before its steps, the steps run, the result verified — stopping at the first
/// failure. No rollback of storage: what was made stays, new and harmless, and the journal says what it was. Only an
/// NFS export that failed is taken back, since it may expose a root to more than its guest. The exit code says
/// whether anything changed: 1 when the first failing step left no trace and nothing was done before it, 3 when a
/// precondition failed before the first change, 4 after any change.
/// </summary>
public sealed class Executor(HostTools host, IJournal journal, TextWriter progress)
{
    public ApplyResult Apply(ProvisioningPlan plan)
    {
        var outcomes = new Dictionary<PlannedResource, (ResourceOutcome, string)>();
        if (plan.Refused > 0)
        {
            progress.WriteLine($"Nothing applied: {plan.Refused} refused.");
            return new ApplyResult(ProvisionExitCodes.Refused, outcomes);
        }

        var pending = plan.Resources.Where(resource => resource.Action == PlanAction.Create).ToList();
        if (pending.Count == 0)
        {
            return new ApplyResult(ProvisionExitCodes.Success, outcomes);
        }

        var created = new HashSet<PlannedResource>();
        var changed = false;
        try
        {
            for (var i = 0; i < pending.Count; i++)
            {
                var resource = pending[i];
                progress.Write($"[{i + 1}/{pending.Count}] + {resource.Label} {resource.Target} ... ");
                progress.Flush();
                var stale = Guarded(() => resource.Recheck(host));
                if (stale is not null)
                {
                    progress.WriteLine($"stopped: {stale}");
                    Record("stopped", resource, stale);
                    outcomes[resource] = (ResourceOutcome.Stopped, stale);
                    return Finish(changed ? ProvisionExitCodes.PartlyApplied : ProvisionExitCodes.Refused, outcomes);
                }

                Record("start", resource, resource.Description);
                foreach (var step in resource.Steps)
                {
                    var failure = Run(step);
                    if (failure is not null)
                    {
                        progress.WriteLine($"failed: {failure}");
                        Record("failed", resource, failure);
                        outcomes[resource] = (ResourceOutcome.Failed, failure);
                        Undo(resource, created);
                        var nothingChanged = !changed && Guarded(() => resource.Untouched(host) ? null : "changed") is null;
                        return Finish(nothingChanged ? ProvisionExitCodes.Error : ProvisionExitCodes.PartlyApplied, outcomes);
                    }

                    changed = true;
                }

                string verified;
                try
                {
                    verified = resource.Verify(host);
                }
                catch (Exception exception) when (exception is VerificationException or HostToolException or IOException or UnauthorizedAccessException)
                {
                    var failure = $"created, but the check afterwards failed: {exception.Message}";
                    progress.WriteLine(failure);
                    Record("failed", resource, failure);
                    outcomes[resource] = (ResourceOutcome.Failed, failure);
                    Undo(resource, created);
                    return Finish(ProvisionExitCodes.PartlyApplied, outcomes);
                }

                progress.WriteLine($"done; verified: {verified}");
                Record("done", resource, verified);
                outcomes[resource] = (ResourceOutcome.Created, verified);
                created.Add(resource);
            }

            return Finish(ProvisionExitCodes.Success, outcomes);
        }
        catch (JournalFailure failure)
        {
            // Without its journal the run must not go on: nobody could tell afterwards what it did.
            progress.WriteLine();
            progress.WriteLine($"Stopped: {failure.Message}. " + (changed
                ? $"{created.Count} resource(s) were created before: {string.Join(", ", created.Select(resource => $"{resource.Label} {resource.Target}"))}."
                : "Nothing was changed."));
            return new ApplyResult(changed ? ProvisionExitCodes.PartlyApplied : ProvisionExitCodes.Error, outcomes);
        }
    }

    private ApplyResult Finish(int exitCode, Dictionary<PlannedResource, (ResourceOutcome, string)> outcomes)
    {
        var created = outcomes.Values.Count(outcome => outcome.Item1 == ResourceOutcome.Created);
        var summary = exitCode switch
        {
            ProvisionExitCodes.Success => $"Applied: {created} created.",
            ProvisionExitCodes.PartlyApplied => $"Partly applied: {created} created and verified before the run stopped; see the journal for what was done.",
            ProvisionExitCodes.Error => "Nothing was changed: the failed step left no trace.",
            _ => "Stopped before any change.",
        };
        Record("end", null, summary);
        progress.WriteLine(summary);
        return new ApplyResult(exitCode, outcomes);
    }

    /// <summary>Takes back what a failed resource exposed (an NFS export), and says so.</summary>
    private void Undo(PlannedResource resource, IReadOnlySet<PlannedResource> created)
    {
        string? undone;
        try
        {
            undone = resource.Undo(host, created);
        }
        catch (Exception exception) when (exception is HostToolException or IOException or UnauthorizedAccessException)
        {
            undone = $"could not undo: {exception.Message}";
        }

        if (undone is not null)
        {
            progress.WriteLine($"    undone: {undone}");
            Record("undone", resource, undone);
        }
    }

    private void Record(string kind, PlannedResource? resource, string detail)
    {
        try
        {
            journal.Write(kind, resource, detail);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new JournalFailure(exception.Message);
        }
    }

    /// <summary>Runs one step; returns why it failed, or null.</summary>
    private string? Run(PlanStep step)
    {
        try
        {
            switch (step)
            {
                case RunStep run:
                    var result = host.Runner.Run(run.Argv);
                    return result.Succeeded ? null : $"{run.Argv[0]} exited with {result.ExitCode}: {result.Reason}";
                case CreateSparseFileStep file:
                    host.Files.CreateSparseFile(file.Path, file.Length);
                    return null;
                case CreateDirectoryStep directory:
                    host.Files.CreateDirectory(directory.Path);
                    return null;
                case WriteFileStep write:
                    host.Files.WriteNewFile(write.Path, write.Content);
                    return null;
                default:
                    return $"unknown step {step.GetType().Name}";
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return exception.Message;
        }
    }

    private static string? Guarded(Func<string?> check)
    {
        try
        {
            return check();
        }
        catch (Exception exception) when (exception is HostToolException or IOException or UnauthorizedAccessException)
        {
            return exception.Message;
        }
    }

    /// <summary>The journal could not be written.</summary>
    private sealed class JournalFailure(string message) : Exception(message);
}
