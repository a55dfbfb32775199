using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Incremental sync, tested on the document store directly (exact text) and over the protocol.</summary>
public sealed class DocumentSyncTests
{
    private const string Uri = "file:///work/vm.cfg";

    private static Protocol.Range At(int line, int character, int endLine, int endCharacter) =>
        new(new Position(line, character), new Position(endLine, endCharacter));

    private static string Apply(string text, params TextDocumentContentChangeEvent[] changes)
    {
        var store = new DocumentStore();
        store.Open(new TextDocumentItem(Uri, "xencfg", 1, text));
        Assert.NotNull(store.Change(new VersionedTextDocumentIdentifier(Uri, 2), changes));
        var document = store.Current.FindByUri(Uri)!;
        Assert.Equal(2, document.Version);
        return document.Text.ToString();
    }

    [Fact]
    public void Changes_in_one_notification_apply_in_order_each_to_the_previous_result()
    {
        var text = Apply(
            "name = \"a\"\nmemory = 512\n",
            new TextDocumentContentChangeEvent("vm1", At(0, 8, 0, 9)),
            new TextDocumentContentChangeEvent("vcpus = 2\n", At(1, 0, 1, 0)),
            new TextDocumentContentChangeEvent("1024", At(2, 9, 2, 12)));

        Assert.Equal("name = \"vm1\"\nvcpus = 2\nmemory = 1024\n", text);
    }

    [Fact]
    public void A_change_without_a_range_replaces_the_whole_text_and_later_changes_apply_to_it()
    {
        var text = Apply(
            "old = 1\n",
            new TextDocumentContentChangeEvent("name = \"b\"\n"),
            new TextDocumentContentChangeEvent("# top\n", At(0, 0, 0, 0)));

        Assert.Equal("# top\nname = \"b\"\n", text);
    }

    [Fact]
    public void Characters_are_utf16_code_units_so_a_surrogate_pair_counts_two()
    {
        // U+1F600 is two UTF-16 code units; the edit replaces the `x` after two of them.
        var text = Apply("name = \"😀😀x\"\n", new TextDocumentContentChangeEvent("y", At(0, 12, 0, 13)));

        Assert.Equal("name = \"😀😀y\"\n", text);
    }

    [Fact]
    public void Positions_past_the_end_are_clamped_to_the_line_or_text_end()
    {
        var text = Apply(
            "a = 1\nb = 2\n",
            new TextDocumentContentChangeEvent("!", At(0, 99, 0, 200)),
            new TextDocumentContentChangeEvent("c = 3\n", At(50, 0, 60, 4)));

        Assert.Equal("a = 1!\nb = 2\nc = 3\n", text);
    }

    [Fact]
    public void A_reversed_range_is_read_as_the_same_span()
    {
        Assert.Equal("a = 9\n", Apply("a = 1\n", new TextDocumentContentChangeEvent("9", At(0, 5, 0, 4))));
    }

    [Fact]
    public void A_change_to_a_document_that_is_not_open_is_refused()
    {
        var store = new DocumentStore();

        Assert.Null(store.Change(new VersionedTextDocumentIdentifier(Uri, 2), [new TextDocumentContentChangeEvent("x")]));
        Assert.Empty(store.Current.Documents);
    }

    [Fact]
    public void File_uris_with_different_spellings_name_the_same_document()
    {
        Assert.Equal(DocumentUris.KeyFor("file:///etc/xen/my%20vm.cfg"), DocumentUris.KeyFor(DocumentUris.FromFilePath("/etc/xen/my vm.cfg")));
        Assert.Equal("untitled:Untitled-1", DocumentUris.KeyFor("untitled:Untitled-1"));
    }

    [Fact]
    public void Position_mapping_round_trips_and_clamps()
    {
        var text = SourceText.From("ab\n😀c\n");

        Assert.Equal(5, PositionMapping.ToOffset(text, new Position(1, 2)));
        Assert.Equal(new Position(1, 2), PositionMapping.ToPosition(text, 5));
        Assert.Equal(text.Length, PositionMapping.ToOffset(text, new Position(9, 0)));
        Assert.Equal(0, PositionMapping.ToOffset(text, new Position(-1, -1)));
        Assert.Equal(2, PositionMapping.ToOffset(text, new Position(0, 40)));
    }

    [Fact]
    public async Task Incremental_edits_over_the_protocol_reach_the_analysis()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync(Uri, "# 😀\nname = \"vm\" memory = 1\n");
        var first = await client.DiagnosticsAsync(Uri, 1);
        Assert.Contains(first.Diagnostics, diagnostic => diagnostic.Code == "XCFG0014");

        // Two edits in one notification: insert `;` after the string, then rename the key on the (now changed) line.
        await client.ChangeAsync(Uri, 2,
            new TextDocumentContentChangeEvent(";", At(1, 11, 1, 11)),
            new TextDocumentContentChangeEvent("maxmem", At(1, 13, 1, 19)));
        var second = await client.DiagnosticsAsync(Uri, 2);

        Assert.DoesNotContain(second.Diagnostics, diagnostic => diagnostic.Code == "XCFG0014");
        var symbols = await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier(Uri)));
        Assert.Equal(["name", "maxmem"], symbols.Select(symbol => symbol.Name));
        Assert.Equal(new Position(1, 13), symbols[1].SelectionRange.Start);
    }

    [Fact]
    public async Task An_edit_to_an_unknown_document_is_ignored_and_logged()
    {
        await using var client = await LspTestClient.StartAsync();

        await client.ChangeAsync("file:///never-opened.cfg", 2, new TextDocumentContentChangeEvent("x = 1\n", At(0, 0, 0, 0)));
        var symbols = await client.RequestAsync<DocumentSymbol[]>(LspMethods.DocumentSymbol, new DocumentSymbolParams(new TextDocumentIdentifier("file:///never-opened.cfg")));

        Assert.Empty(symbols);
        Assert.Contains("not open", client.Log.ToString(), StringComparison.Ordinal);
    }
}
