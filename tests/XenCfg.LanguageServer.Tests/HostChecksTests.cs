using System.Collections.Immutable;
using System.Text.Json;
using XenCfg.Analysis.Workspace;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Tests;

/// <summary>
/// The dom0 check in the editor (issue 12, case 10): off by default, on with the setting <c>xcfg.hostChecks</c>, and
/// then the findings of `xcfg lint --resolve` (the host's answers come from the resolver the server is given; the
/// real one, on a dom0, is tested in the provisioning tests).
/// </summary>
public sealed class HostChecksTests
{
    private const string Uri = "file:///work/db.cfg";
    private const string Config = "name = \"db\"\ndisk = [ 'phy:/dev/vg/data,xvda,w' ]\n";

    private static DidChangeConfigurationParams Settings(string json) => new(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task A_disk_mounted_in_dom0_is_reported_only_while_the_setting_is_on()
    {
        await using var client = await LspTestClient.StartAsync(new LanguageServerOptions { HostStorage = new RecordedHost() });
        await client.OpenAsync(Uri, Config);
        Assert.DoesNotContain((await client.DiagnosticsAsync(Uri, 1)).Diagnostics, diagnostic => diagnostic.Code == "XCFG0310");

        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "hostChecks": true } }"""));
        var on = await client.DiagnosticsAsync(Uri, published => published.Diagnostics.Any(diagnostic => diagnostic.Code == "XCFG0310"));
        await client.NotifyAsync(LspMethods.DidChangeConfiguration, Settings("""{ "xcfg": { "hostChecks": false } }"""));
        await client.DiagnosticsAsync(Uri, published => published.Diagnostics.All(diagnostic => diagnostic.Code != "XCFG0310"));

        var mounted = Assert.Single(on.Diagnostics, diagnostic => diagnostic.Code == "XCFG0310");
        Assert.Equal(new Protocol.Range(new Position(1, 14), new Position(1, 26)), mounted.Range);
        Assert.StartsWith("`/dev/vg/data` is mounted in dom0 at /srv/data (read-write): ", mounted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setting_is_read_from_the_initialization_options_too()
    {
        await using var client = await LspTestClient.StartAsync(
            new LanguageServerOptions { HostStorage = new RecordedHost() },
            new InitializeParams(InitializationOptions: JsonDocument.Parse("""{ "xcfg": { "hostChecks": true } }""").RootElement));
        await client.OpenAsync(Uri, Config);

        Assert.Contains((await client.DiagnosticsAsync(Uri, 1)).Diagnostics, diagnostic => diagnostic.Code == "XCFG0310");
    }

    /// <summary>A dom0 that has the volume vg/data mounted at /srv/data.</summary>
    private sealed class RecordedHost : IStorageResolver
    {
        public StorageKey Resolve(StorageKey key) => key;

        public ImmutableArray<(StorageKey Clone, StorageKey Origin)> SnapshotsOf(IEnumerable<StorageKey> keys) => [];

        public ImmutableArray<HostStorageUse> HostUsesOf(StorageKey written) =>
            written.ToString() == "/dev/vg/data" ? [new HostStorageUse(HostUseKind.Mounted, "/srv/data", true, string.Empty)] : [];
    }
}
