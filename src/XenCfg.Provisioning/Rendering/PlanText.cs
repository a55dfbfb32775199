using XenCfg.Provisioning.Execution;
using XenCfg.Provisioning.Planning;

namespace XenCfg.Provisioning.Rendering;

/// <summary>
/// The plan for people: one line per resource in the order a run creates them —
/// <c>+</c> create, <c>=</c> exists and matches, <c>!</c> refused with why — then notes and the summary line.
/// </summary>
public static class PlanText
{
    public static string Symbol(PlanAction action) => action switch
    {
        PlanAction.Create => "+",
        PlanAction.Unchanged => "=",
        _ => "!",
    };

    /// <param name="plan">The plan.</param>
    /// <param name="displayPath">How to show a config's path (as the user wrote it).</param>
    public static void Write(TextWriter output, ProvisioningPlan plan, Func<string, string> displayPath)
    {
        if (plan.Resources.Count == 0)
        {
            output.WriteLine("Nothing to provision: no disk or NFS root of these configs carries a `# xcfg:` annotation.");
        }

        var labelWidth = plan.Resources.Count == 0 ? 0 : plan.Resources.Max(resource => resource.Label.Length);
        foreach (var resource in plan.Resources)
        {
            var detail = resource.Action switch
            {
                PlanAction.Create => resource.Reason is null ? resource.Description : $"{resource.Description}; {resource.Reason}",
                PlanAction.Unchanged => resource.Reason ?? "exists",
                _ => "refused: " + resource.Reason,
            };
            var origins = string.Join(", ", resource.Origins.Select(origin => $"{displayPath(origin.ConfigPath)}:{origin.Line} {origin.What}"));
            var separator = detail.Length == 0 ? string.Empty : " — ";
            output.WriteLine(OneLine($"{Symbol(resource.Action)} {resource.Label.PadRight(labelWidth)}  {resource.Target}{separator}{detail}  [{origins}]"));
        }

        foreach (var note in plan.Notes)
        {
            output.WriteLine(OneLine($"note: {note}"));
        }

        output.WriteLine();
        output.WriteLine(plan.Summary);
    }

    /// <summary>
    /// The text with control characters shown as U+XXXX: a resource is one line of the plan, whatever a config's
    /// file name or domain name holds (a newline in either would split it and let it pass for another line).
    /// </summary>
    public static string OneLine(string text) =>
        text.Any(char.IsControl) ? string.Concat(text.Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())) : text;

    /// <summary>The outcome of an apply, one line per resource that was reached.</summary>
    public static void WriteOutcome(TextWriter output, ApplyResult result)
    {
        foreach (var (resource, (outcome, detail)) in result.Outcomes)
        {
            output.WriteLine($"{outcome.ToString().ToLowerInvariant()}: {resource.Label} {resource.Target}: {detail}");
        }
    }
}
