using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using StreamJsonRpc;
using XenCfg.LanguageServer;
using XenCfg.LanguageServer.Protocol;

// Two measurements of the language server, in process, over an in-memory duplex stream with a StreamJsonRpc client:
//  1. edit-to-diagnostics: a one-character edit to a 500-line config until the diagnostics of that version arrive
//     (budget: 5 ms at the 99th percentile), over at least 1000 edits after a warm-up;
//  2. memory with a 10,000-file workspace open: managed heap after a full collection, and the process working set
//     (budget: 300 MB), once every file has been scanned, analysed and published.
// Usage: LspLatency [edits=1000] [files=10000]
var edits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var files = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10000;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, .NET {Environment.Version}");

await MeasureEditLatencyAsync(edits);
await MeasureWorkspaceMemoryAsync(files);

static async Task MeasureEditLatencyAsync(int edits)
{
    await using var session = await Session.StartAsync(null);
    var text = Samples.Config(500, seed: 1);
    const string uri = "file:///bench/vm.cfg";
    var opened = session.WaitForVersionAsync(uri, 1);
    await session.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidOpen, new DidOpenTextDocumentParams(new TextDocumentItem(uri, "xencfg", 1, text)));
    await opened;
    var lines = text.Split('\n');
    var random = new Random(7);
    var timings = new List<double>();
    const int warmUp = 200;
    for (var version = 2; version < 2 + warmUp + edits; version++)
    {
        // Overwrite one digit of a `memory = NNN` style value, somewhere in the file: a typical keystroke.
        var line = random.Next(lines.Length - 1);
        var column = Math.Max(0, lines[line].Length - 1);
        var change = new TextDocumentContentChangeEvent(random.Next(10).ToString(CultureInfo.InvariantCulture), new XenCfg.LanguageServer.Protocol.Range(new Position(line, column), new Position(line, column)));
        var published = session.WaitForVersionAsync(uri, version);
        var started = Stopwatch.GetTimestamp();
        await session.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidChange, new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), [change]));
        await published;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lines[line] = lines[line].Insert(column, change.Text);
        if (version >= 2 + warmUp)
        {
            timings.Add(elapsed);
        }
    }

    timings.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"edit-to-diagnostics, 500-line config, {timings.Count} edits: p50 {Percentile(timings, 50):F3} ms, p90 {Percentile(timings, 90):F3} ms, p99 {Percentile(timings, 99):F3} ms, max {timings[^1]:F3} ms (budget p99 5 ms)"));
}

static async Task MeasureWorkspaceMemoryAsync(int count)
{
    var folder = Path.Combine(Path.GetTempPath(), $"xcfg-bench-{Guid.NewGuid():N}");
    try
    {
        for (var i = 0; i < count; i++)
        {
            var directory = Path.Combine(folder, $"group{i / 500:D2}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"vm{i:D5}.cfg"), Samples.Config(30, seed: i));
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var started = Stopwatch.GetTimestamp();
        await using var session = await Session.StartAsync(new Uri(folder).AbsoluteUri);
        await session.WaitForQuietAsync(TimeSpan.FromSeconds(2));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workspace of {count} files: scanned, analysed and published in {elapsed:F1} s ({session.Published} publications); managed heap {managed / 1048576.0:F1} MB ({(managed - before) / 1048576.0:F1} MB for the workspace), working set {process.WorkingSet64 / 1048576.0:F1} MB (budget 300 MB)"));
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static double Percentile(List<double> sorted, double percent) =>
    sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

static string CpuModel() =>
    File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
        : "unknown CPU";

internal static class Samples
{
    /// <summary>A plausible config of about <paramref name="lines"/> lines: settings, comments, disk and vif lists, a few findings.</summary>
    public static string Config(int lines, int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        builder.Append("# guest ").Append(seed).Append('\n');
        builder.Append("name = \"vm").Append(seed).Append("\"\n");
        builder.Append("type = \"pv\"\nkernel = \"/boot/vmlinuz\"\nramdisk = \"/boot/initrd.img\"\n");
        var written = 5;
        while (written < lines - 1)
        {
            switch (random.Next(6))
            {
                case 0:
                    builder.Append("disk = [ 'phy:/dev/vg0/vm").Append(seed).Append("-disk,xvda").Append(",w',\n         'file:/srv/img/data").Append(random.Next(100)).Append(".img,xvdb,r' ]\n");
                    written += 2;
                    break;
                case 1:
                    builder.Append("vif = [ 'mac=00:16:3e:").Append(random.Next(10, 99)).Append(":00:01,bridge=xenbr0' ]\n");
                    written++;
                    break;
                case 2:
                    builder.Append("# ").Append('x', random.Next(10, 60)).Append('\n');
                    written++;
                    break;
                case 3:
                    builder.Append("memory = ").Append(random.Next(128, 8192)).Append('\n');
                    written++;
                    break;
                case 4:
                    builder.Append("vcpus = ").Append(random.Next(1, 8)).Append('\n');
                    written++;
                    break;
                default:
                    builder.Append("extra = \"console=hvc0 root=/dev/xvda1 ro quiet\"\n");
                    written++;
                    break;
            }
        }

        builder.Append("on_crash = \"restart\"\n");
        return builder.ToString();
    }
}

/// <summary>A server in process and a client that counts publications and waits for a version.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<int> _server;
    private readonly Client _client = new();

    private Session(string? rootUri)
    {
        _ = rootUri;
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        _server = Task.Run(() => new XcfgLanguageServer(serverStream, serverStream).RunAsync(_stop.Token));
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options) }));
        Rpc.AddLocalRpcTarget(_client);
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    public int Published => _client.Count;

    public static async Task<Session> StartAsync(string? rootUri)
    {
        var session = new Session(rootUri);
        await session.Rpc.InvokeWithParameterObjectAsync<InitializeResult>(LspMethods.Initialize, new InitializeParams(RootUri: rootUri));
        await session.Rpc.NotifyWithParameterObjectAsync(LspMethods.Initialized, JsonDocument.Parse("{}").RootElement);
        return session;
    }

    public Task WaitForVersionAsync(string uri, int version) => _client.WaitAsync(uri, version);

    /// <summary>Waits until no publication has arrived for <paramref name="quiet"/> (after at least one).</summary>
    public async Task WaitForQuietAsync(TimeSpan quiet)
    {
        var last = -1;
        while (true)
        {
            await Task.Delay(quiet);
            var now = _client.Count;
            if (now == last && now > 0)
            {
                return;
            }

            last = now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _stop.CancelAsync();
        await _server;
        _stop.Dispose();
    }

    private sealed class Client
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (int Version, TaskCompletionSource Done)> _waiting = new(StringComparer.Ordinal);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        [JsonRpcMethod(LspMethods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams parameters)
        {
            Interlocked.Increment(ref _count);
            lock (_gate)
            {
                if (_waiting.TryGetValue(parameters.Uri, out var waiter) && parameters.Version >= waiter.Version)
                {
                    _waiting.Remove(parameters.Uri);
                    waiter.Done.TrySetResult();
                }
            }
        }

        public Task WaitAsync(string uri, int version)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiting[uri] = (version, done);
            }

            return done.Task;
        }
    }
}
