using System.Collections.Immutable;
using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Configuration.Tests;

/// <summary>The effective options for a file: which layer wins for each setting, hosts, and autostart.</summary>
public class ProjectOptionsTests
{
    private static ImmutableDictionary<string, RuleSeverity> Rules(params (string Id, RuleSeverity Severity)[] rules) =>
        rules.ToImmutableDictionary(rule => rule.Id, rule => rule.Severity, StringComparer.OrdinalIgnoreCase);

    private static TempDirectory Project(string config)
    {
        var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write(".xcfg.toml", config);
        return dir;
    }

    [Fact]
    public void Built_in_defaults_apply_when_no_layer_sets_anything()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        var options = ProjectOptions.ForCommandLine(ProjectConfigResolver.Discover(), SettingsLayer.Empty);

        var effective = options.For(Path.Combine(dir.Path, "vm.cfg"));

        Assert.Equal(Dialect.Xl, effective.Dialect);
        Assert.Equal(XenVersion.Newest, effective.XenVersion);
        Assert.Empty(effective.SeverityOverrides);
        Assert.Null(effective.Host);
        Assert.False(effective.Autostart);
        Assert.Equal(ProjectOptions.DefaultMaxFileSize, options.MaxFileSize(null));
        Assert.Null(options.MaxWarnings(null));
    }

    [Fact]
    public void The_command_line_wins_over_the_project_file_which_wins_over_the_fallback_rule_by_rule()
    {
        using var dir = Project("dialect = \"xm\"\nxen-version = \"4.20\"\nmax-file-size = \"2K\"\nmax-warnings = 5\n[rules]\nXCFG0100 = \"off\"\nXCFG0133 = \"error\"\n");
        var commandLine = new SettingsLayer { XenVersion = XenVersion.Xen417, Rules = Rules(("XCFG0133", RuleSeverity.Hint)), MaxWarnings = 0 };
        var fallback = new SettingsLayer { Dialect = Dialect.Xl, XenVersion = XenVersion.Xen422, Rules = Rules(("XCFG0100", RuleSeverity.Error), ("XCFG0183", RuleSeverity.Off)), MaxFileSize = 99 };
        var options = new ProjectOptions(ProjectConfigResolver.Discover(), commandLine, fallback);
        var file = Path.Combine(dir.Path, "guests", "vm.cfg");

        var effective = options.For(file);

        Assert.Equal(Dialect.Xm, effective.Dialect);             // the project file, over the fallback
        Assert.Equal(XenVersion.Xen417, effective.XenVersion);   // the command line, over the project file
        Assert.Equal(RuleSeverity.Off, effective.SeverityOverrides["XCFG0100"]);  // project over fallback
        Assert.Equal(RuleSeverity.Hint, effective.SeverityOverrides["xcfg0133"]); // command line over project
        Assert.Equal(RuleSeverity.Off, effective.SeverityOverrides["XCFG0183"]);  // only the fallback sets it
        Assert.Equal(2048, options.MaxFileSize(options.ConfigFor(file)));
        Assert.Equal(0, options.MaxWarnings(options.ConfigFor(file)));
    }

    [Fact]
    public void An_editor_fills_what_the_project_file_leaves_unset_and_the_project_file_decides_the_rest()
    {
        using var dir = Project("[rules]\nXCFG0133 = \"error\"\n");
        var editor = new SettingsLayer { Dialect = Dialect.Xm, Rules = Rules(("XCFG0133", RuleSeverity.Off), ("XCFG0100", RuleSeverity.Off)) };
        var options = ProjectOptions.ForEditor(ProjectConfigResolver.Discover(), editor);

        var effective = options.For(Path.Combine(dir.Path, "vm.cfg"));

        Assert.Equal(Dialect.Xm, effective.Dialect);
        Assert.Equal(RuleSeverity.Error, effective.SeverityOverrides["XCFG0133"]);
        Assert.Equal(RuleSeverity.Off, effective.SeverityOverrides["XCFG0100"]);
    }

    [Fact]
    public void Without_project_configs_only_the_given_layers_count()
    {
        using var dir = Project("dialect = \"xm\"\n");
        var options = ProjectOptions.ForEditor(ProjectConfigResolver.Fixed(null), new SettingsLayer { XenVersion = XenVersion.Xen420 });

        var effective = options.For(Path.Combine(dir.Path, "vm.cfg"));

        Assert.Equal(Dialect.Xl, effective.Dialect);
        Assert.Equal(XenVersion.Xen420, effective.XenVersion);
    }

    [Fact]
    public void Hosts_and_autostart_complete_the_options_and_equal_inputs_give_one_instance()
    {
        using var dir = Project("[hosts]\ndom0-a = [\"hosts/dom0-a/**\"]\ndom0-b = [\"hosts/dom0-b/\"]\n");
        var options = ProjectOptions.ForCommandLine(ProjectConfigResolver.Discover(), SettingsLayer.Empty);

        var a = options.For(Path.Combine(dir.Path, "hosts", "dom0-a", "xen", "web"));
        var a2 = options.For(Path.Combine(dir.Path, "hosts", "dom0-a", "db.cfg"));
        var b = options.For(Path.Combine(dir.Path, "hosts", "dom0-b", "xen", "auto", "web"), autostart: true);
        var other = options.For(Path.Combine(dir.Path, "templates", "web.cfg"));

        Assert.Equal(("dom0-a", false), (a.Host, a.Autostart));
        Assert.Same(a, a2);
        Assert.Equal(("dom0-b", true), (b.Host, b.Autostart));
        Assert.Null(other.Host);
    }

    [Fact]
    public void A_file_claimed_by_two_hosts_is_a_config_error()
    {
        using var dir = Project("[hosts]\na = [\"hosts/**\"]\nb = [\"*.cfg\"]\n");
        var options = ProjectOptions.ForCommandLine(ProjectConfigResolver.Discover(), SettingsLayer.Empty);

        var error = Assert.Throws<ProjectConfigException>(() => options.For(Path.Combine(dir.Path, "hosts", "web.cfg")));

        Assert.Contains("`hosts/web.cfg` belongs to two hosts, `a` (by `hosts/**`) and `b` (by `*.cfg`)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_config_is_cached_and_thrown_for_each_file_under_it_or_returned_by_TryFor()
    {
        using var dir = Project("dialect = \"xx\"\n");
        var resolver = ProjectConfigResolver.Discover();

        Assert.Throws<ProjectConfigException>(() => resolver.For(Path.Combine(dir.Path, "a")));
        Assert.Throws<ProjectConfigException>(() => resolver.For(dir.Path));
        Assert.Null(resolver.TryFor(dir.Path, out var error));
        Assert.Equal("`dialect` is \"xl\" or \"xm\", not \"xx\"", error!.Reason);
    }

    [Fact]
    public void Options_read_again_from_an_unchanged_config_are_equal_so_a_workspace_keeps_its_results()
    {
        using var dir = Project("dialect = \"xm\"\n[rules]\nXCFG0100 = \"off\"\n");
        var file = Path.Combine(dir.Path, "vm.cfg");
        var first = ProjectOptions.ForCommandLine(ProjectConfigResolver.Discover(), SettingsLayer.Empty).For(file);
        var again = ProjectOptions.ForCommandLine(ProjectConfigResolver.Discover(), SettingsLayer.Empty).For(file);
        var workspace = new Analysis.Workspace.ConfigWorkspace();
        workspace.Set(SyntaxTree.Parse("name = 'vm'\nmemroy = 1\n", first.ParseOptions, file), first);

        Assert.NotSame(first, again);
        Assert.Equal(first, again);
        Assert.Equal(first.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(first, again with { SeverityOverrides = Rules(("XCFG0100", RuleSeverity.Warning)) });
        Assert.NotEqual(first, again with { Host = "dom0-a" });
        Assert.Empty(workspace.Reconfigure(_ => again).AffectedPaths);
        Assert.Equal(file, Assert.Single(workspace.Reconfigure(_ => again with { Dialect = Dialect.Xl }).AffectedPaths));
    }
}
