using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.TestKit;

namespace XenCfg.LanguageServer.Tests;

/// <summary>Find references from a disk to every use of the same storage in the workspace.</summary>
public sealed class ReferencesTests
{
    private static Protocol.Range Range(int line, int start, int end) => new(new Position(line, start), new Position(line, end));

    [Fact]
    public async Task From_anywhere_in_a_disk_string_to_the_same_storage_under_any_name_in_every_domain()
    {
        using var folder = new TempDirectory();
        var a = folder.Write("a.cfg", "name = \"a\"\ndisk = [ 'phy:/dev/vg0/data,xvdb,w' ]\n");
        var b = folder.Write("sub/b.cfg", "name = \"b\"\ndisk = [ 'format=raw, vdev=xvdc, access=ro, target=/dev/mapper/vg0-data' ]\n");
        folder.Write("c.cfg", "name = \"c\"\ndisk = [ 'phy:/dev/vg0/other,xvdb,w' ]\n");
        var d = folder.Write("d.cfg", "name = \"d\"\ndisk = [ 'phy:/dev/sdb,xvda,r', 'phy:/dev/sdb2,xvdb,w' ]\n");
        await using var client = await LspTestClient.StartAsync(initialize: new InitializeParams(RootUri: DocumentUris.FromFilePath(folder.Path)));
        var uriA = DocumentUris.FromFilePath(a);
        await client.OpenAsync(uriA, File.ReadAllText(a));

        var onVdev = await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier(uriA), new Position(1, 30), new ReferenceContext(true)));
        var others = await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier(uriA), new Position(1, 20), new ReferenceContext(false)));
        var partition = await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier(DocumentUris.FromFilePath(d)), new Position(1, 38), new ReferenceContext(true)));

        Assert.Equal([new Location(uriA, Range(1, 14, 27)), new Location(DocumentUris.FromFilePath(b), Range(1, 51, 71))], onVdev);
        Assert.Equal([new Location(DocumentUris.FromFilePath(b), Range(1, 51, 71))], others);

        // /dev/sdb2 is a partition of /dev/sdb: writing one clobbers the other, so each finds the other.
        Assert.Equal([Range(1, 14, 22), Range(1, 37, 46)], partition.Select(location => location.Range));
    }

    [Fact]
    public async Task Outside_a_disk_or_in_an_unknown_document_there_are_none()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync("untitled:x", "name = \"x\"\ndisk = [ 'phy:/dev/vg0/data,xvdb,w' ]\n");

        Assert.Empty(await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier("untitled:x"), new Position(0, 2), new ReferenceContext(true))));
        Assert.Empty(await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier("untitled:nothing"), new Position(1, 20), new ReferenceContext(true))));
        Assert.Single(await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier("untitled:x"), new Position(1, 20), new ReferenceContext(true))));
    }

    [Fact]
    public async Task An_edit_sent_just_before_the_request_is_taken_into_account()
    {
        await using var client = await LspTestClient.StartAsync();
        await client.OpenAsync("untitled:one", "name = \"one\"\ndisk = [ 'phy:/dev/vg0/data,xvdb,w' ]\n");
        await client.OpenAsync("untitled:two", "name = \"two\"\ndisk = [ 'phy:/dev/vg0/else,xvdb,r' ]\n");

        await client.ChangeAsync("untitled:two", 2, new TextDocumentContentChangeEvent("data", new Protocol.Range(new Position(1, 23), new Position(1, 27))));
        var references = await client.RequestAsync<Location[]>(LspMethods.References, new ReferenceParams(new TextDocumentIdentifier("untitled:one"), new Position(1, 20), new ReferenceContext(true)));

        Assert.Equal(["untitled:one", "untitled:two"], references.Select(location => location.Uri));
    }
}
