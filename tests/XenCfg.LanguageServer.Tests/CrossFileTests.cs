using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Findings that involve several files: the workspace analyses every config, and an edit republishes the partners.</summary>
public sealed class CrossFileTests
{
    private const string SharedWrite = "XCFG0300";

    private static string Guest(string name, string vdev, string access) =>
        $"name = \"{name}\"\ntype = \"pv\"\nkernel = \"/boot/vmlinuz\"\nmemory = 512\ndisk = [ 'phy:/dev/vg0/{name}-root,xvda,w',\n         'phy:/dev/vg0/shared,{vdev},{access}' ]\n";

    private static async Task<LspTestClient> StartInAsync(TempDirectory folder) =>
        await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path)));

    [Fact]
    public async Task A_closed_partner_of_a_sharing_conflict_is_found_at_start_and_cleared_when_the_open_file_is_fixed()
    {
        using var folder = new TempDirectory();
        var writerPath = folder.Write("web-a.cfg", Guest("web-a", "xvdb", "w"));
        var readerPath = folder.Write("sub/web-b.cfg", Guest("web-b", "xvdb", "r"));
        var writer = DocumentUris.FromFilePath(writerPath);
        var reader = DocumentUris.FromFilePath(readerPath);
        await using var client = await StartInAsync(folder);

        // Both files come from the scan, closed: published without a version, each pointing at the other.
        var readerAtStart = await client.DiagnosticsAsync(reader, published => published.Diagnostics.Any(d => d.Code == SharedWrite));
        Assert.Null(readerAtStart.Version);
        var related = Assert.Single(Assert.Single(readerAtStart.Diagnostics, d => d.Code == SharedWrite).RelatedInformation ?? []);
        Assert.Equal(writer, related.Location.Uri);
        Assert.Equal(new Protocol.Range(new Position(5, 14), new Position(5, 29)), related.Location.Range); // the target, /dev/vg0/shared
        await client.DiagnosticsAsync(writer, published => published.Diagnostics.Any(d => d.Code == SharedWrite));

        // The writer is opened and made read-only: both files are republished without the conflict.
        var text = Guest("web-a", "xvdb", "w");
        await client.OpenAsync(writer, text, version: 1);
        Assert.Contains((await client.DiagnosticsAsync(writer, 1)).Diagnostics, d => d.Code == SharedWrite);
        await client.ChangeAsync(writer, 2, new TextDocumentContentChangeEvent("r", new Protocol.Range(new Position(5, 35), new Position(5, 36))));

        var fixedWriter = await client.DiagnosticsAsync(writer, 2);
        var clearedReader = await client.DiagnosticsAsync(reader, published => published.Diagnostics.All(d => d.Code != SharedWrite));
        Assert.DoesNotContain(fixedWriter.Diagnostics, d => d.Code == SharedWrite);
        Assert.Null(clearedReader.Version);

        // Back to `w`: the closed partner gets its error again.
        await client.ChangeAsync(writer, 3, new TextDocumentContentChangeEvent("w", new Protocol.Range(new Position(5, 35), new Position(5, 36))));
        Assert.Contains((await client.DiagnosticsAsync(reader, published => published.Diagnostics.Any(d => d.Code == SharedWrite))).Diagnostics, d => d.Code == SharedWrite);
    }

    [Fact]
    public async Task Two_writers_edit_one_to_read_only_and_both_are_republished()
    {
        using var folder = new TempDirectory();
        var a = DocumentUris.FromFilePath(folder.Write("a.cfg", Guest("a", "xvdb", "w")));
        var b = DocumentUris.FromFilePath(folder.Write("b.cfg", Guest("b", "xvdc", "w")));
        await using var client = await StartInAsync(folder);
        var bBefore = await client.DiagnosticsAsync(b, published => published.Diagnostics.Any(d => d.Code == SharedWrite));
        Assert.Contains("(written)", Assert.Single(Assert.Single(bBefore.Diagnostics, d => d.Code == SharedWrite).RelatedInformation!).Message, StringComparison.Ordinal);

        await client.OpenAsync(a, Guest("a", "xvdb", "w"), version: 4);
        await client.ChangeAsync(a, 5, new TextDocumentContentChangeEvent("r", new Protocol.Range(new Position(5, 35), new Position(5, 36))));

        // a still shares a volume b writes, and b still writes one a uses: both keep XCFG0300, b's now says a reads it.
        Assert.Contains((await client.DiagnosticsAsync(a, 5)).Diagnostics, d => d.Code == SharedWrite);
        var bAfter = await client.DiagnosticsAsync(b, published => published.Diagnostics.Any(d => d.RelatedInformation?.Any(r => r.Message.Contains("(read)", StringComparison.Ordinal)) == true));
        Assert.Null(bAfter.Version);
    }

    [Fact]
    public async Task Two_open_untitled_documents_see_each_other_and_closing_one_clears_the_other()
    {
        await using var client = await LspTestClient.StartAsync();
        const string First = "untitled:Untitled-1";
        const string Second = "untitled:Untitled-2";
        await client.OpenAsync(First, Guest("one", "xvdb", "w"));
        await client.DiagnosticsAsync(First, 1);
        await client.OpenAsync(Second, Guest("two", "xvdb", "w"));

        var second = await client.DiagnosticsAsync(Second, 1);
        var first = await client.DiagnosticsAsync(First, published => published.Diagnostics.Any(d => d.Code == SharedWrite));
        Assert.Contains(second.Diagnostics, d => d.Code == SharedWrite);
        Assert.Equal(1, first.Version);
        Assert.Equal(Second, Assert.Single(Assert.Single(first.Diagnostics, d => d.Code == SharedWrite).RelatedInformation!).Location.Uri);

        await client.CloseAsync(Second);

        var cleared = await client.DiagnosticsAsync(First, published => published.Diagnostics.All(d => d.Code != SharedWrite));
        Assert.Equal(1, cleared.Version);
        await client.DiagnosticsAsync(Second, published => published.Diagnostics.Length == 0);
    }

    [Fact]
    public async Task Deleting_a_closed_partner_clears_the_open_file()
    {
        using var folder = new TempDirectory();
        var otherPath = folder.Write("other.cfg", Guest("other", "xvdb", "w"));
        var mine = DocumentUris.FromFilePath(Path.Combine(folder.Path, "mine.cfg"));
        await using var client = await StartInAsync(folder);
        await client.OpenAsync(mine, Guest("mine", "xvdb", "r"));
        Assert.Contains((await client.DiagnosticsAsync(mine, published => published.Diagnostics.Any(d => d.Code == SharedWrite))).Diagnostics, d => d.Code == SharedWrite);

        File.Delete(otherPath);
        await client.NotifyAsync(LspMethods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams([new FileEvent(DocumentUris.FromFilePath(otherPath), FileChangeType.Deleted)]));

        var cleared = await client.DiagnosticsAsync(mine, published => published.Diagnostics.All(d => d.Code != SharedWrite));
        Assert.Equal(1, cleared.Version);
    }

    [Fact]
    public async Task Inline_suppressions_apply_to_cross_file_findings()
    {
        using var folder = new TempDirectory();
        folder.Write("a.cfg", Guest("a", "xvdb", "w"));
        var b = DocumentUris.FromFilePath(Path.Combine(folder.Path, "b.cfg"));
        await using var client = await StartInAsync(folder);
        var text = Guest("b", "xvdb", "r").Replace("disk = [", "# xcfg-disable XCFG0300\ndisk = [", StringComparison.Ordinal);

        await client.OpenAsync(b, text);

        var published = await client.DiagnosticsAsync(b, published => published.Version == 1 && published.Diagnostics.All(d => d.Code != "XCFG0901"));
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == SharedWrite);
    }

    [Fact]
    public async Task Closed_files_keep_right_findings_across_analysis_chunks_and_a_settings_change_without_their_trees()
    {
        // More files than one analysis chunk (256): the first reader and the writer are analysed in different chunks,
        // and no tree of a closed file is kept, so the settings change analyses them again from their texts.
        using var folder = new TempDirectory();
        var first = DocumentUris.FromFilePath(folder.Write("group0/vm000.cfg", Guest("vm000", "xvdb", "r")));
        for (var i = 1; i < 600; i++)
        {
            folder.Write($"group{i / 200}/vm{i:D3}.cfg", Guest($"vm{i:D3}", "xvdb", "r"));
        }

        var writer = DocumentUris.FromFilePath(folder.Write("zz/writer.cfg", Guest("writer", "xvdb", "w")));
        var capabilities = new ClientCapabilities(Window: new WindowClientCapabilities(WorkDoneProgress: true));
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path), Capabilities: capabilities));
        await client.ProgressEndedAsync();

        var atStart = await client.DiagnosticsAsync(first, published => published.Diagnostics.Any(d => d.Code == SharedWrite));
        var conflict = Assert.Single(atStart.Diagnostics, d => d.Code == SharedWrite);
        Assert.Equal(LspDiagnosticSeverity.Error, conflict.Severity);
        var related = conflict.RelatedInformation ?? [];
        Assert.Equal(600, related.Length); // every other domain using the volume, in every chunk
        Assert.Equal(new Protocol.Range(new Position(5, 14), new Position(5, 29)), Assert.Single(related, r => r.Location.Uri == writer).Location.Range);

        await client.NotifyAsync(LspMethods.DidChangeConfiguration, new DidChangeConfigurationParams(System.Text.Json.JsonDocument.Parse("""{ "xcfg": { "rules": { "XCFG0300": "info" } } }""").RootElement));

        var relaxed = await client.DiagnosticsAsync(first, published => published.Diagnostics.Any(d => d.Code == SharedWrite && d.Severity == LspDiagnosticSeverity.Information));
        var again = Assert.Single(relaxed.Diagnostics, d => d.Code == SharedWrite);
        Assert.Equal(conflict.Range, again.Range);
        Assert.Equal(conflict.RelatedInformation, again.RelatedInformation);
        Assert.Null(relaxed.Version);
    }

    [Fact]
    public async Task The_scan_shows_progress_that_ends_once_every_file_is_published()
    {
        using var folder = new TempDirectory();
        for (var i = 0; i < 300; i++)
        {
            folder.Write($"group{i / 100}/vm{i}.cfg", Guest($"vm{i}", "xvdb", "r"));
        }

        folder.Write("writer.cfg", Guest("writer", "xvdb", "w"));
        var capabilities = new ClientCapabilities(Window: new WindowClientCapabilities(WorkDoneProgress: true));
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path), Capabilities: capabilities));

        await client.ProgressEndedAsync();

        // Every reader shares the writer's volume: all 301 files have XCFG0300, all published before the end.
        Assert.Equal(301, client.Published.Where(p => p.Diagnostics.Any(d => d.Code == SharedWrite)).Select(p => p.Uri).Distinct().Count());
        var progress = client.Progress;
        Assert.Equal("create", progress[0].Value.Kind);
        Assert.Equal(WorkDoneProgressKind.Begin, progress[1].Value.Kind);
        Assert.Equal("xcfg", progress[1].Value.Title);
        Assert.Equal(WorkDoneProgressKind.End, progress[^1].Value.Kind);
        Assert.Equal("301 config files analysed", progress[^1].Value.Message);
        Assert.All(progress, entry => Assert.Equal(progress[0].Token, entry.Token));
    }
}
