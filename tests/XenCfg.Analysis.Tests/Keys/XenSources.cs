using System.Diagnostics;

namespace XenCfg.Analysis.Tests.Keys;

/// <summary>
/// Files of Xen's own tree, read from a bare git mirror of xen-project/xen when one is at hand: the directory named
/// by XCFG_XEN_MIRROR, or .mirror/xen-project+xen/repo in a folder above the test binaries. Tests that need them
/// skip visibly without them; nothing from the mirror is copied into the project.
/// </summary>
internal static class XenSources
{
    /// <summary>The Xen commit the catalogue was written against.</summary>
    public const string Commit = "c447b7308b";

    /// <summary>The commit that removed xend and xm; its parent has xm's last create.py.</summary>
    public const string XendRemoval = "9e8672f1c3";

    public const string SkipReason =
        "the Xen git mirror (XCFG_XEN_MIRROR, or .mirror/xen-project+xen/repo above the tests) or git is not available";

    private static readonly Lazy<string?> Mirror = new(FindMirror);

    public static string? XlCfgPod => Show(Commit, "docs/man/xl.cfg.5.pod.in");

    public static string? XlParse => Show(Commit, "tools/xl/xl_parse.c");

    public static string? XmCreate => Show(XendRemoval + "^", "tools/python/xen/xm/create.py");

    /// <summary>The Xen manual pages and help texts our descriptions must not copy from.</summary>
    public static IEnumerable<(string Name, string? Text)> ProseSources =>
    [
        ("xl.cfg.5.pod.in", XlCfgPod),
        ("xl-disk-configuration.5.pod.in", Show(Commit, "docs/man/xl-disk-configuration.5.pod.in")),
        ("xl-network-configuration.5.pod.in", Show(Commit, "docs/man/xl-network-configuration.5.pod.in")),
        ("xm create.py", XmCreate),
    ];

    private static readonly Dictionary<string, string?> Cache = [];

    private static string? Show(string revision, string path)
    {
        var mirror = Mirror.Value;
        if (mirror is null)
        {
            return null;
        }

        var spec = revision + ":" + path;
        lock (Cache)
        {
            if (!Cache.TryGetValue(spec, out var text))
            {
                text = RunGit(mirror, "show", spec);
                Cache[spec] = text;
            }

            return text;
        }
    }

    private static string? RunGit(string gitDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--git-dir=" + gitDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? output.GetAwaiter().GetResult() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? FindMirror()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("XCFG_XEN_MIRROR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".mirror", "xen-project+xen", "repo");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
