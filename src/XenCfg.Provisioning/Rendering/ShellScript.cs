using System.Globalization;
using System.Text;
using XenCfg.Provisioning.Planning;
using static XenCfg.Provisioning.Rendering.ShellQuoting;

namespace XenCfg.Provisioning.Rendering;

/// <summary>
/// The plan as a flat bash script for a reviewer to read and run: no functions (<c>set -e</c> is ignored inside a
/// function called from a condition), every argument single-quoted, each resource preceded by guards that stop
/// the script (exit 3) rather than overwrite anything, and <c>set -eu</c> so a failed command stops it too. The
/// script holds only the resources to create; the plan's refusals mean no script is written at all.
/// </summary>
public static class ShellScript
{
    /// <summary>The exit status of the script when a guard stops it (the provisioner's "refused").</summary>
    public const int GuardExitCode = ProvisionExitCodes.Refused;

    public static string Render(ProvisioningPlan plan, Func<string, string> displayPath)
    {
        if (plan.Refused > 0)
        {
            throw new InvalidOperationException("a plan with refusals is not written as a script");
        }

        var script = new StringBuilder();
        script.Append("#!/bin/bash\n");
        script.Append("# Written by xcfg provision from:\n");
        foreach (var config in plan.Configs)
        {
            script.Append("#   ").Append(CommentText(displayPath(config))).Append('\n');
        }

        script.Append("# ").Append(plan.Summary).Append('\n');
        script.Append("# Read it, then run it as root. Before each resource a guard checks that what the plan found still holds;\n");
        script.Append(CultureInfo.InvariantCulture, $"# if not, the script stops (exit {GuardExitCode}) instead of overwriting anything.\n");
        script.Append("set -eu\n");
        script.Append("umask 077\n");
        script.Append("export LC_ALL=C LVM_SUPPRESS_FD_WARNINGS=1\n");

        var pending = plan.Resources.Where(resource => resource.Action == PlanAction.Create).ToList();
        foreach (var unchanged in plan.Resources.Where(resource => resource.Action == PlanAction.Unchanged))
        {
            script.Append("# = ").Append(CommentText($"{unchanged.Label} {unchanged.Target}: {unchanged.Reason}")).Append('\n');
        }

        for (var i = 0; i < pending.Count; i++)
        {
            var resource = pending[i];
            var origins = string.Join(", ", resource.Origins.Select(origin => $"{displayPath(origin.ConfigPath)}:{origin.Line} {origin.What}"));
            script.Append('\n').Append(CultureInfo.InvariantCulture, $"# [{i + 1}/{pending.Count}] + ")
                .Append(CommentText($"{resource.Label} {resource.Target} ({resource.Description}) for {origins}")).Append('\n');
            foreach (var guard in resource.Guards)
            {
                script.Append(Guard(guard)).Append('\n');
            }

            foreach (var step in resource.Steps)
            {
                script.Append(Step(step)).Append('\n');
            }

            script.Append("echo ").Append(Quote($"xcfg: [{i + 1}/{pending.Count}] created {resource.Label} {resource.Target}")).Append('\n');
        }

        script.Append('\n').Append("echo ").Append(Quote($"xcfg: {pending.Count} created")).Append('\n');
        return script.ToString();
    }

    private static string Guard(PlanGuard guard)
    {
        var condition = guard switch
        {
            PathAbsentGuard absent => $"[ -e {Quote(absent.Path)} ] || [ -L {Quote(absent.Path)} ]",
            DirectoryExistsGuard directory => $"[ ! -d {Quote(directory.Path)} ]",
            AllZeroGuard zero => $"! {Command(["cmp", "-s", "-n", zero.Length.ToString(CultureInfo.InvariantCulture), zero.Path, "/dev/zero"])}",
            NotLoopAttachedGuard loop => $"[ -n \"$({Command(["losetup", "-j", loop.Path])})\" ]",
            VolumeAbsentGuard volume => $"{Command(["lvs", $"{volume.VolumeGroup}/{volume.Volume}"])} >/dev/null 2>&1",
            VolumeExistsGuard volume => $"! {Command(["lvs", $"{volume.VolumeGroup}/{volume.Volume}"])} >/dev/null 2>&1",
            _ => throw new InvalidOperationException($"no shell form for {guard.GetType().Name}"),
        };
        return $"if {condition}; then echo {Quote("xcfg: stopping: " + guard.Message)} >&2; exit {GuardExitCode}; fi";
    }

    private static string Step(PlanStep step) => step switch
    {
        RunStep run => Command(run.Argv),
        // noclobber makes the redirection O_EXCL: an existing file (or a link planted there) stops the script.
        // umask 077 (above) makes the new file mode 0600; truncate only sets the length, writing no block.
        CreateSparseFileStep file => $"( set -C; : > {Quote(file.Path)} )\n{Command(["truncate", "-s", file.Length.ToString(CultureInfo.InvariantCulture), "--", file.Path])}",
        CreateDirectoryStep directory => Command(["mkdir", "-m", "0755", "--", directory.Path]),
        WriteFileStep write => $"( umask 022; set -C; {Command(["printf", "%s\\n", WriteLine(write.Content)])} > {Quote(write.Path)} )",
        _ => throw new InvalidOperationException($"no shell form for {step.GetType().Name}"),
    };

    /// <summary>The one line of a file the provisioner writes (an exports entry), without its newline.</summary>
    private static string WriteLine(string content)
    {
        var line = content.TrimEnd('\n');
        return line.Contains('\n', StringComparison.Ordinal) ? throw new InvalidOperationException("a written file holds one line") : line;
    }
}
