using System.Text.Json;
using XenCfg.Cli;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// The editor and `xcfg lint` read the same project configuration (issue 11's acceptance test): in a folder with a
/// <c>.xcfg.toml</c>, the findings the server publishes (file, line, ID, severity) are exactly those `xcfg lint .`
/// reports, before and after the <c>.xcfg.toml</c> changes, whether the client tells of the change by watching
/// files or by saving the file.
/// </summary>
public sealed class ProjectConfigTests
{
    private const string ProjectToml = "dialect = \"xm\"\n\n[rules]\nXCFG0100 = \"off\"\nXCFG0133 = \"error\"\n";

    /// <summary>The settings the VS Code extension always sends, its defaults included: they must not undo the project's choices.</summary>
    private static readonly JsonElement VsCodeDefaults = JsonDocument.Parse("""{ "xcfg": { "dialect": "xl", "rules": {} } }""").RootElement;

    /// <summary>
    /// Three files with something for each setting: an unknown key (XCFG0100, off), sda1 on a PV guest (XCFG0133,
    /// raised to error), xm's `w!` (an error under xl, xm's forced sharing under xm), a volume written by two domains
    /// (cross-file), Python (an error under xl, a warning under xm), and a file the changed config will exclude.
    /// </summary>
    private static TempDirectory Project()
    {
        var dir = new TempDirectory("xcfg-lsp-project");
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write(".xcfg.toml", ProjectToml);
        dir.Write("web-a.cfg",
            "name = \"web-a\"\nmemory = 512\nmemroy = 512\nkernel = \"/boot/vmlinuz\"\nroot = \"/dev/sda1 ro\"\n" +
            "disk = [ 'phy:/dev/vg/shared,sda1,w!' ]\nvif = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0' ]\n");
        dir.Write("web-b.cfg",
            "name = \"web-b\"\nmemory = 256 * 2\nkernel = \"/boot/vmlinuz\"\nroot = \"/dev/xvda ro\"\n" +
            "disk = [ 'phy:/dev/vg/web-b,xvda,w', 'phy:/dev/vg/shared,xvdb,w' ]\nvif = [ 'bridge=xenbr0' ]\n");
        dir.Write("attic/old.cfg", "name = \"old\"\nmemory = 128\nmemory = 256\nkernel = \"/boot/vmlinuz\"\n");
        return dir;
    }

    /// <summary>What `xcfg lint .` reports in the folder: one "file:line id severity" per finding, sorted.</summary>
    private static List<string> Lint(string folder)
    {
        var output = new StringWriter();
        var console = new CliConsole(output, new StringWriter(), () => new MemoryStream(), currentDirectory: folder);
        var code = XcfgApp.Run(["lint", ".", "--format", "json"], console);
        Assert.True(code is 0 or 1, $"xcfg lint exited {code}");
        using var report = JsonDocument.Parse(output.ToString());
        return [.. report.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("file").GetString()}:{d.GetProperty("line").GetInt32()} {d.GetProperty("id").GetString()} {d.GetProperty("severity").GetString()}")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>What the editor shows now: the last publication of each file, in the same form.</summary>
    private static List<string> Shown(LspTestClient client, string folder) =>
        [.. client.Published
            .GroupBy(published => published.Uri)
            .Select(group => group.Last())
            .SelectMany(published => published.Diagnostics.Select(d =>
                $"{Path.GetRelativePath(folder, DocumentUris.TryGetFilePath(published.Uri)!)}:{d.Range.Start.Line + 1} {d.Code} {SeverityName(d.Severity)}"))
            .Order(StringComparer.Ordinal)];

    private static string SeverityName(int? severity) => severity switch
    {
        LspDiagnosticSeverity.Error => "error",
        LspDiagnosticSeverity.Warning => "warning",
        LspDiagnosticSeverity.Information => "info",
        _ => "hint",
    };

    /// <summary>Waits until the editor shows what lint reports (the server works in the background), then compares them.</summary>
    private static async Task AssertShowsWhatLintReportsAsync(LspTestClient client, string folder)
    {
        var expected = Lint(folder);
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (!Shown(client, folder).SequenceEqual(expected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(expected, Shown(client, folder));
    }

    private static Task<LspTestClient> StartAsync(string folder, bool watchesFiles) =>
        LspTestClient.StartAsync(initialize: new InitializeParams(
            RootUri: DocumentUris.FromFilePath(folder),
            InitializationOptions: VsCodeDefaults,
            Capabilities: new ClientCapabilities(Workspace: new WorkspaceClientCapabilities(DidChangeWatchedFiles: new DynamicRegistrationCapability(watchesFiles)))));

    [Fact]
    public async Task The_editor_shows_what_lint_reports_before_and_after_the_project_file_changes()
    {
        using var dir = Project();
        await using var client = await StartAsync(dir.Path, watchesFiles: true);

        await AssertShowsWhatLintReportsAsync(client, dir.Path);
        var before = Lint(dir.Path);
        Assert.Contains("web-a.cfg:6 XCFG0133 error", before);                        // raised by [rules]
        Assert.DoesNotContain(before, finding => finding.Contains("XCFG0100", StringComparison.Ordinal)); // off
        Assert.Contains(before, finding => finding.StartsWith("web-b.cfg:2 ", StringComparison.Ordinal) && finding.EndsWith(" warning", StringComparison.Ordinal)); // xm's Python
        Assert.Contains(before, finding => finding.StartsWith("attic/old.cfg:", StringComparison.Ordinal));

        // The team changes the project file: xl now, XCFG0133 back to its default, the attic left out.
        var toml = dir.Write(".xcfg.toml", "dialect = \"xl\"\nexclude = [\"attic/\"]\n\n[rules]\nXCFG0100 = \"off\"\n");
        await client.NotifyAsync(LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams([new FileEvent(DocumentUris.FromFilePath(toml), FileChangeType.Changed)]));

        await AssertShowsWhatLintReportsAsync(client, dir.Path);
        var after = Lint(dir.Path);
        Assert.Contains("web-a.cfg:6 XCFG0133 warning", after);
        Assert.Contains(after, finding => finding.StartsWith("web-b.cfg:2 ", StringComparison.Ordinal) && finding.EndsWith(" error", StringComparison.Ordinal));
        Assert.DoesNotContain(after, finding => finding.StartsWith("attic/", StringComparison.Ordinal));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task A_client_that_cannot_watch_files_has_the_project_file_read_again_when_it_saves_it()
    {
        using var dir = Project();
        await using var client = await StartAsync(dir.Path, watchesFiles: false);
        await AssertShowsWhatLintReportsAsync(client, dir.Path);

        var toml = dir.Write(".xcfg.toml", "dialect = \"xm\"\n\n[rules]\nXCFG0133 = \"hint\"\n");
        await client.NotifyAsync(LspMethods.DidSave, new DidSaveTextDocumentParams(new TextDocumentIdentifier(DocumentUris.FromFilePath(toml))));

        await AssertShowsWhatLintReportsAsync(client, dir.Path);
        Assert.Contains("web-a.cfg:6 XCFG0133 hint", Lint(dir.Path));
        Assert.Contains("web-a.cfg:3 XCFG0100 warning", Lint(dir.Path));
    }

    [Fact]
    public async Task An_open_document_shows_what_lint_reports_for_its_text_and_the_server_registers_for_project_files()
    {
        using var dir = Project();
        await using var client = await StartAsync(dir.Path, watchesFiles: true);
        await AssertShowsWhatLintReportsAsync(client, dir.Path);
        var uri = DocumentUris.FromFilePath(Path.Combine(dir.Path, "web-a.cfg"));

        await client.OpenAsync(uri, File.ReadAllText(Path.Combine(dir.Path, "web-a.cfg")), version: 7);
        var open = await client.DiagnosticsAsync(uri, 7);

        Assert.Contains(open.Diagnostics, d => d.Code == "XCFG0133" && d.Severity == LspDiagnosticSeverity.Error);
        Assert.DoesNotContain(open.Diagnostics, d => d.Code == "XCFG0100");
        Assert.Contains("**/.xcfg.toml", Assert.Single(client.Registrations).RegisterOptions!.Watchers.Select(watcher => watcher.GlobPattern));
    }

    [Fact]
    public async Task Editor_settings_fill_what_the_project_file_leaves_unset_and_can_turn_it_off()
    {
        using var dir = Project();
        var settings = JsonDocument.Parse("""{ "xcfg": { "dialect": "xl", "rules": { "XCFG0100": "error", "XCFG0183": "error" } } }""").RootElement;
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(dir.Path), InitializationOptions: settings));
        var webB = DocumentUris.FromFilePath(Path.Combine(dir.Path, "web-b.cfg"));
        var webA = DocumentUris.FromFilePath(Path.Combine(dir.Path, "web-a.cfg"));

        // web-b's vif has no MAC: XCFG0183, set only by the editor, applies; XCFG0100 stays off as the project says.
        await client.DiagnosticsAsync(webB, published => published.Diagnostics.Any(d => d.Code == "XCFG0183" && d.Severity == LspDiagnosticSeverity.Error));
        await client.DiagnosticsAsync(webA, published => published.Diagnostics.Any(d => d.Code == "XCFG0133" && d.Severity == LspDiagnosticSeverity.Error));
        Assert.DoesNotContain(client.Published.Where(p => p.Uri == webA).Last().Diagnostics, d => d.Code == "XCFG0100");

        // xcfg.useProjectConfig: false: the editor's settings alone.
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(JsonDocument.Parse(
            """{ "xcfg": { "dialect": "xl", "useProjectConfig": false, "rules": { "XCFG0100": "error" } } }""").RootElement));

        var alone = await client.DiagnosticsAsync(webA, published => published.Diagnostics.Any(d => d.Code == "XCFG0100"));
        Assert.Contains(alone.Diagnostics, d => d.Code == "XCFG0100" && d.Severity == LspDiagnosticSeverity.Error);
        Assert.Contains(alone.Diagnostics, d => d.Code == "XCFG0133" && d.Severity == LspDiagnosticSeverity.Warning);
    }

    [Fact]
    public async Task A_client_that_answers_workspace_configuration_is_asked_for_the_whole_section_on_every_change()
    {
        using var dir = Project();
        var capabilities = new ClientCapabilities(Workspace: new WorkspaceClientCapabilities(Configuration: true));
        var section = JsonDocument.Parse("""{ "dialect": "xl", "xenVersion": "4.17", "useProjectConfig": false, "rules": {} }""").RootElement;
        await using var client = await LspTestClient.StartAsync(
            initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(dir.Path), Capabilities: capabilities),
            configuration: section);
        var webA = DocumentUris.FromFilePath(Path.Combine(dir.Path, "web-a.cfg"));
        await client.DiagnosticsAsync(webA, published => published.Diagnostics.Any(d => d.Code == "XCFG0100"));

        // The extension's notification carries only its dialect and rules; the server asks for the rest.
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(VsCodeDefaults));
        var deadline = DateTime.UtcNow + LspTestClient.Timeout;
        while (CountOf(client.Log.ToString(), "Xen 4.17, 0 rule override(s), project configuration ignored") < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, CountOf(client.Log.ToString(), "settings: dialect Xl, Xen 4.17, 0 rule override(s), project configuration ignored"));
        Assert.Contains(client.Published.Last(p => p.Uri == webA).Diagnostics, d => d.Code == "XCFG0100");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_bad_project_file_is_shown_at_the_top_of_each_file_it_applies_to_and_the_files_are_still_checked()
    {
        using var dir = Project();
        dir.Write(".xcfg.toml", "[rules]\nXCFG0100 = \"silent\"\n");
        await using var client = await StartAsync(dir.Path, watchesFiles: true);
        var webA = DocumentUris.FromFilePath(Path.Combine(dir.Path, "web-a.cfg"));

        var published = await client.DiagnosticsAsync(webA, p => p.Diagnostics.Any(d => d.Code == "XCFG0904"));

        var problem = published.Diagnostics.First();
        Assert.Equal("XCFG0904", problem.Code);
        Assert.Equal(new Protocol.Range(new Position(0, 0), new Position(0, 0)), problem.Range);
        Assert.Equal(
            $"the project configuration does not apply to this file: {Path.Combine(dir.Path, ".xcfg.toml")}(2,12): `XCFG0100`: the severity is one of error, warning, info, hint, off, not \"silent\"; the file is checked without it until it is corrected",
            problem.Message);
        Assert.Contains(published.Diagnostics, d => d.Code == "XCFG0100" && d.Severity == LspDiagnosticSeverity.Warning);

        // Corrected: the problem goes, and the project's settings apply.
        var toml = dir.Write(".xcfg.toml", ProjectToml);
        await client.NotifyAsync(LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams([new FileEvent(DocumentUris.FromFilePath(toml), FileChangeType.Changed)]));
        await AssertShowsWhatLintReportsAsync(client, dir.Path);
    }

    [Fact]
    public void Each_document_gets_its_own_options_from_the_config_that_applies_to_it()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, ".git"));
        dir.Write("xm/.xcfg.toml", "dialect = \"xm\"\nxen-version = \"4.20\"\n");
        dir.Write(".xcfg.toml", "[hosts]\ndom0-a = [\"hosts/a/\"]\n");
        var settings = new Hosting.EditorSettings(new Configuration.SettingsLayer { XenVersion = Analysis.Versions.XenVersion.Xen417 }, UseProjectConfig: true);
        var files = new WorkspaceFiles(settings);

        var xm = files.For(Path.Combine(dir.Path, "xm", "vm.cfg")).Analysis;
        var xl = files.For(Path.Combine(dir.Path, "hosts", "a", "xen", "auto", "vm")).Analysis;
        var untitled = files.For("untitled:Untitled-1").Analysis;

        Assert.Equal((Syntax.Dialect.Xm, Analysis.Versions.XenVersion.Xen420, (string?)null, false), (xm.Dialect, xm.XenVersion, xm.Host, xm.Autostart));
        Assert.Equal((Syntax.Dialect.Xl, Analysis.Versions.XenVersion.Xen417, (string?)"dom0-a", true), (xl.Dialect, xl.XenVersion, xl.Host, xl.Autostart));
        Assert.Equal(Analysis.Versions.XenVersion.Xen417, untitled.XenVersion);
    }
}
