using System.Text.Json;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

public sealed class DiagnosticsTests
{
    private const string Uri = "file:///work/vm.cfg";
    private const string TwoOnOneLine = "name = \"vm\" memory = 512\n";

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static DidChangeConfigurationParams Settings(string json) => new(Json(json));

    [Fact]
    public async Task Diagnostics_carry_the_version_range_severity_code_link_and_source()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, TwoOnOneLine, version: 7);

        var published = await client.DiagnosticsAsync(Uri, 7);

        var diagnostic = Assert.Single(published.Diagnostics, d => d.Code == "XCFG0014");
        Assert.Equal(new Protocol.Range(new Position(0, 12), new Position(0, 12)), diagnostic.Range);
        Assert.Equal(LspDiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("xcfg", diagnostic.Source);
        Assert.Equal("https://github.com/xencfgtools/xencfgtools/blob/main/docs/rules.md#xcfg0014", diagnostic.CodeDescription?.Href);
        Assert.StartsWith("a second setting starts on the same line", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_edit_publishes_for_its_version_and_a_fixed_file_publishes_an_empty_list()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, TwoOnOneLine);
        Assert.NotEmpty((await client.DiagnosticsAsync(Uri, 1)).Diagnostics);

        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("name = \"vm\"\nmemory = 512\n"));

        Assert.Empty((await client.DiagnosticsAsync(Uri, 2)).Diagnostics);
    }

    [Fact]
    public async Task Semantic_findings_come_with_related_locations()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmemory = 512\nmemory = 1024\n");

        var published = await client.DiagnosticsAsync(Uri, 1);

        var duplicate = Assert.Single(published.Diagnostics, d => d.Code == "XCFG0103");
        Assert.Equal(LspDiagnosticSeverity.Warning, duplicate.Severity);
        var related = Assert.Single(duplicate.RelatedInformation ?? []);
        Assert.Equal(Uri, related.Location.Uri);
        Assert.Equal(new Position(2, 0), related.Location.Range.Start);
    }

    [Fact]
    public async Task Rule_severities_from_the_settings_apply_and_everything_is_republished()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "name = \"vm\"\nmemory = 512\nmemory = 1024\n");
        await client.DiagnosticsAsync(Uri, 1);

        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "rules": { "XCFG0103": "error" } } }"""));
        var raised = await client.DiagnosticsAsync(Uri, published => published.Diagnostics.Any(d => d.Code == "XCFG0103" && d.Severity == LspDiagnosticSeverity.Error));
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "rules": { "xcfg0103": "off" } } }"""));
        var silenced = await client.DiagnosticsAsync(Uri, published => published.Diagnostics.All(d => d.Code != "XCFG0103"));

        Assert.Equal(1, raised.Version);
        Assert.Equal(1, silenced.Version);
    }

    [Fact]
    public async Task The_xm_dialect_from_the_settings_turns_python_errors_into_warnings()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "import os\nname = \"vm\"\n");
        var xl = await client.DiagnosticsAsync(Uri, 1);
        Assert.Contains(xl.Diagnostics, d => d.Code == "XCFG0050" && d.Severity == LspDiagnosticSeverity.Error);

        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "dialect": "xm" } }"""));

        await client.DiagnosticsAsync(Uri, published => published.Diagnostics.Any(d => d.Code == "XCFG0050" && d.Severity == LspDiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task Bad_setting_values_are_logged_and_ignored()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, TwoOnOneLine);
        await client.DiagnosticsAsync(Uri, 1);

        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "dialect": "python", "rules": { "XCFG0014": "loud", "XCFG0103": 3 } } }"""));
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent(TwoOnOneLine));

        Assert.Contains((await client.DiagnosticsAsync(Uri, 2)).Diagnostics, d => d.Code == "XCFG0014" && d.Severity == LspDiagnosticSeverity.Error);
        Assert.Contains("xcfg.dialect", client.Log.ToString(), StringComparison.Ordinal);
        Assert.Contains("xcfg.rules.XCFG0014", client.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_are_pulled_from_the_client_when_it_supports_workspace_configuration()
    {
        var capabilities = new ClientCapabilities(Workspace: new WorkspaceClientCapabilities(Configuration: true));
        await using var client = await LspTestClient.StartAsync(
            initialize: new InitializeParams(Capabilities: capabilities),
            configuration: Json("""{ "rules": { "XCFG0014": "hint" } }"""));

        await client.OpenAsync(Uri, TwoOnOneLine);

        await client.DiagnosticsAsync(Uri, published => published.Diagnostics.Any(d => d.Code == "XCFG0014" && d.Severity == LspDiagnosticSeverity.Hint));
    }

    [Fact]
    public async Task Initialization_options_carry_settings_too()
    {
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(InitializationOptions: Json("""{ "xcfg": { "rules": { "XCFG0014": "info" } } }""")));

        await client.OpenAsync(Uri, TwoOnOneLine);

        Assert.Contains((await client.DiagnosticsAsync(Uri, 1)).Diagnostics, d => d.Code == "XCFG0014" && d.Severity == LspDiagnosticSeverity.Information);
    }

    [Fact]
    public async Task Closing_a_document_that_is_not_a_workspace_file_clears_its_diagnostics()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync("untitled:Untitled-1", TwoOnOneLine);
        await client.DiagnosticsAsync("untitled:Untitled-1", 1);

        await client.CloseAsync("untitled:Untitled-1");

        var cleared = await client.DiagnosticsAsync("untitled:Untitled-1", published => published.Diagnostics.Length == 0);
        Assert.Null(cleared.Version);
    }

    [Fact]
    public async Task An_exception_inside_the_analysis_becomes_one_diagnostic_and_the_server_lives_on()
    {
        await using var client = await LspTestClient.StartAsync(new LanguageServerOptions
        {
            BeforeAnalysis = tree =>
            {
                if (tree.Text.ToString().Contains("boom", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("rule exploded");
                }
            },
        });

        await client.OpenAsync(Uri, "boom = 1\n");
        var failed = await client.DiagnosticsAsync(Uri, 1);
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent("name = \"fine\"\n"));
        var recovered = await client.DiagnosticsAsync(Uri, 2);

        var internalError = Assert.Single(failed.Diagnostics);
        Assert.Equal("XCFG0900", internalError.Code);
        Assert.Contains("InvalidOperationException: rule exploded", internalError.Message, StringComparison.Ordinal);
        Assert.Empty(recovered.Diagnostics);
    }

    [Fact]
    public async Task Workspace_configs_are_found_at_start_and_published_without_a_version()
    {
        using var folder = new TempDirectory();
        var broken = folder.Write("guests/broken.cfg", TwoOnOneLine);
        folder.Write("guests/fine.xl", "name = \"ok\"\n");
        var ignored = folder.Write("node_modules/pkg/broken.cfg", TwoOnOneLine);
        folder.Write("xl.conf", TwoOnOneLine);
        folder.Write("notes.txt", TwoOnOneLine);
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path)));

        var published = await client.DiagnosticsAsync(DocumentUris.FromFilePath(broken));
        await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier(DocumentUris.FromFilePath(broken))));

        Assert.Null(published.Version);
        Assert.Contains(published.Diagnostics, d => d.Code == "XCFG0014");
        Assert.DoesNotContain(client.Published, p => p.Uri == DocumentUris.FromFilePath(ignored) || p.Uri.EndsWith("xl.conf", StringComparison.Ordinal) || p.Uri.EndsWith("fine.xl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closing_an_edited_workspace_file_goes_back_to_the_disk_text_and_its_findings()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("vm.cfg", TwoOnOneLine);
        var uri = DocumentUris.FromFilePath(path);
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path)));
        await client.DiagnosticsAsync(uri, published => published.Version is null);

        await client.OpenAsync(uri, "name = \"vm\"\n", version: 3);
        Assert.Empty((await client.DiagnosticsAsync(uri, 3)).Diagnostics);
        await client.CloseAsync(uri);

        var afterClose = await client.DiagnosticsAsync(uri, published => published.Version is null);
        Assert.Contains(afterClose.Diagnostics, d => d.Code == "XCFG0014");
    }

    [Fact]
    public async Task Watched_file_events_add_update_and_clear_closed_files()
    {
        using var folder = new TempDirectory();
        var capabilities = new ClientCapabilities(Workspace: new WorkspaceClientCapabilities(DidChangeWatchedFiles: new DynamicRegistrationCapability(true)));
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path), Capabilities: capabilities));
        var path = folder.Write("new.cfg", TwoOnOneLine);
        var uri = DocumentUris.FromFilePath(path);

        await client.NotifyAsync(LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams([new FileEvent(uri, FileChangeType.Created)]));
        Assert.NotEmpty((await client.DiagnosticsAsync(uri)).Diagnostics);
        File.Delete(path);
        await client.NotifyAsync(LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams([new FileEvent(uri, FileChangeType.Deleted)]));

        Assert.Empty((await client.DiagnosticsAsync(uri)).Diagnostics);
        var registration = Assert.Single(client.Registrations);
        Assert.Equal(LspMethods.DidChangeWatchedFiles, registration.Method);
        Assert.Equal(["**/*.cfg", "**/*.xl", "**/*.xm", "**/xen/*", "**/xen/auto/*", "**/.xcfg.toml"], registration.RegisterOptions!.Watchers.Select(watcher => watcher.GlobPattern));
    }

    [Fact]
    public async Task Only_files_whose_findings_changed_are_published_again()
    {
        using var folder = new TempDirectory();
        var a = DocumentUris.FromFilePath(folder.Write("a.cfg", TwoOnOneLine));
        var b = DocumentUris.FromFilePath(folder.Write("b.cfg", "name = \"b\"\nmemory = 1\nmemory = 2\n"));
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path)));
        await client.DiagnosticsAsync(a);
        await client.DiagnosticsAsync(b);

        // Turning off a rule that only b.cfg breaks republishes b.cfg, not a.cfg.
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "rules": { "XCFG0103": "off" } } }"""));
        await client.DiagnosticsAsync(b, published => published.Diagnostics.Length == 0);
        await client.OpenAsync(a, TwoOnOneLine, version: 5);
        await client.DiagnosticsAsync(a, 5);

        Assert.Equal(2, client.Published.Count(p => p.Uri == a));
        Assert.Equal(2, client.Published.Count(p => p.Uri == b));
    }
    [Fact]
    public void Matching_a_finding_to_a_published_diagnostic_agrees_with_converting_it()
    {
        // Findings with related locations (a key set twice), arguments (line numbers), and findings that move.
        var texts = new[]
        {
            "name = \"vm\"\nmemory = 512\nmemory = 1024\nvcpus = 2\nvcpus = 3\nbogus = 1\n",
            "name = \"vm\"\nmemory = 512\nmemory = 10245\nvcpus = 2\nvcpus = 3\nbogus = 1\n",
            "name = \"vm\"\n\nmemory = 512\nmemory = 1024\nvcpus = 2\nvcpus = 3\nbogus = 1\n",
            "name = \"vm\"\nmemory = 512\nvcpus = 2\nvcpus = 3\nbogus = 1\nmemory = 1024\n",
            "name = \"vm\"\nmemory = 512\nmemory = 1024\nvcpus = 2\nvcpus = 3\nbogs = 1\n",
        };
        var uris = new DiagnosticConverter.UriCache();
        var converted = new List<(Protocol.Diagnostic Diagnostic, XenCfg.Syntax.Diagnostics.ConfigDiagnostic Origin)>();
        var findings = new List<(XenCfg.Syntax.Diagnostics.ConfigDiagnostic Finding, Microsoft.CodeAnalysis.Text.SourceText Text)>();
        foreach (var source in texts)
        {
            var text = Microsoft.CodeAnalysis.Text.SourceText.From(source);
            var tree = XenCfg.Syntax.SyntaxTree.Parse(text, XenCfg.Analysis.AnalysisOptions.Default.ParseOptions, "/work/vm.cfg");
            foreach (var finding in XenCfg.Analysis.ConfigAnalyzer.Analyze(tree, XenCfg.Analysis.AnalysisOptions.Default))
            {
                var diagnostic = DiagnosticConverter.ToLsp(finding, text, uris);
                diagnostic.Origin = finding;
                converted.Add((diagnostic, finding));
                findings.Add((finding, text));
            }
        }

        Assert.Contains(converted, pair => pair.Diagnostic.RelatedInformation is { Length: > 0 });
        var matches = 0;
        foreach (var (finding, text) in findings)
        {
            var fresh = DiagnosticConverter.ToLsp(finding, text, uris);
            foreach (var (diagnostic, _) in converted)
            {
                var matched = DiagnosticConverter.Matches(finding, text, diagnostic, uris);
                Assert.Equal(fresh.Equals(diagnostic), matched);
                matches += matched ? 1 : 0;
            }
        }

        Assert.True(matches > findings.Count, "findings of one version should match those of another");
    }
}
