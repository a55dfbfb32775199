using XenCfg.Provisioning.Execution;
using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Provisioning.Rendering;
using XenCfg.Syntax;

namespace XenCfg.Provisioning;

/// <summary>The output of `xcfg provision`.</summary>
public enum ProvisionFormat
{
    /// <summary>The plan for people (and, with --apply, progress and the outcome).</summary>
    Text,

    /// <summary>A bash script of the plan's steps, with guards.</summary>
    Sh,

    /// <summary>The plan as JSON (see <see cref="PlanJson"/>).</summary>
    Json,
}

/// <summary>One run of `xcfg provision`, once the command line is read.</summary>
/// <param name="Configs">The parsed configs (their file paths are the trees' paths).</param>
/// <param name="Format">What to print.</param>
/// <param name="Apply">Make the changes (text and json only).</param>
/// <param name="Options">Overrides and the exports directory.</param>
/// <param name="JournalPath">Where --apply appends its journal.</param>
/// <param name="DisplayPath">How to show a config's path.</param>
public sealed record ProvisionRequest(
    IReadOnlyList<SyntaxTree> Configs,
    ProvisionFormat Format,
    bool Apply,
    ProvisionOptions Options,
    string JournalPath,
    Func<string, string> DisplayPath)
{
    /// <summary>--detailed-exitcode: exit 2 when changes are planned or were applied (otherwise success is 0).</summary>
    public bool DetailedExitCode { get; init; }
}

/// <summary>
/// Plans, and with --apply applies, one run, printing what the chosen format says, and returns the exit code
/// (<see cref="ProvisionExitCodes"/>). The command line's half lives in the CLI; this half is shared with the tests,
/// which run it against recording and wrapped hosts.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class ProvisionRun
{
    public static int Execute(ProvisionRequest request, HostTools host, TextWriter output, TextWriter error, ISharingCheck? sharing = null)
    {
        ProvisioningPlan plan;
        try
        {
            plan = new Planner(host, request.Options, sharing).Plan(request.Configs);
        }
        catch (Exception exception) when (exception is HostToolException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xcfg provision: {exception.Message}");
            return ProvisionExitCodes.Error;
        }

        var changes = request.DetailedExitCode ? ProvisionExitCodes.Changes : ProvisionExitCodes.Success;
        var planCode = plan.Refused > 0 ? ProvisionExitCodes.Refused : plan.ToCreate > 0 ? changes : ProvisionExitCodes.Success;
        if (request.Format == ProvisionFormat.Sh)
        {
            if (plan.Refused > 0)
            {
                PlanText.Write(error, plan, request.DisplayPath);
                error.WriteLine("xcfg provision: no script written: the plan refuses something.");
                return planCode;
            }

            output.Write(ShellScript.Render(plan, request.DisplayPath));
            return planCode;
        }

        if (!request.Apply)
        {
            if (request.Format == ProvisionFormat.Json)
            {
                output.Write(PlanJson.Render(plan, planCode));
            }
            else
            {
                PlanText.Write(output, plan, request.DisplayPath);
            }

            return planCode;
        }

        // Applying: the plan first (on the error stream when stdout carries JSON), then progress.
        var progress = request.Format == ProvisionFormat.Json ? error : output;
        PlanText.Write(progress, plan, request.DisplayPath);
        if (plan.ToCreate == 0 || plan.Refused > 0)
        {
            var code = plan.Refused > 0 ? ProvisionExitCodes.Refused : ProvisionExitCodes.Success;
            progress.WriteLine(plan.Refused > 0 ? "Nothing applied: the plan refuses something." : "Nothing to do.");
            if (request.Format == ProvisionFormat.Json)
            {
                output.Write(PlanJson.Render(plan, code, new ApplyResult(code, new Dictionary<PlannedResource, (ResourceOutcome, string)>())));
            }

            return code;
        }

        progress.WriteLine();
        FileJournal journal;
        try
        {
            // Opened before the first change: a run that cannot keep its journal changes nothing.
            journal = new FileJournal(request.JournalPath);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"xcfg provision: {exception.Message}; nothing was changed");
            return ProvisionExitCodes.Error;
        }

        ApplyResult result;
        using (journal)
        {
            result = new Executor(host, journal, progress).Apply(plan);
        }

        progress.WriteLine($"journal: {request.JournalPath}");
        var exitCode = result.ExitCode == ProvisionExitCodes.Success && result.Created > 0 ? changes : result.ExitCode;
        if (request.Format == ProvisionFormat.Json)
        {
            output.Write(PlanJson.Render(plan, exitCode, result));
        }

        return exitCode;
    }
}
