using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using StreamJsonRpc;
using XenCfg.LanguageServer;
using XenCfg.LanguageServer.Diagnostics;
using XenCfg.LanguageServer.Protocol;

// Two measurements of the language server, each run twice: in process (over an in-memory duplex stream, with a
// breakdown of where the server's diagnostics worker spends its time), and against the real `xcfg lsp` process over
// pipes, as an editor runs it (client and server then have their own heaps, as in real use). The client is a
// StreamJsonRpc connection that deserialises every publication, as an editor does.
//  1. edit-to-diagnostics: a one-character edit to a 500-line config until the diagnostics of that version arrive
//     (budget: 2 ms at the 99th percentile), over at least 1000 edits after a warm-up; and what the server allocates
//     per edit (budget: 50 KB), from the process's own counters (its xcfg/processStatistics request) for the process;
//  2. memory with a 10,000-file workspace open (budget: 300 MB), once every file has been scanned, analysed and
//     published (the server's progress report ends): in process, the managed heap after a full collection and the working set (client included); for
//     the process, the server's resident set (VmRSS) and its peak (VmHWM).
// Usage: LspLatency [edits=1000] [files=10000] [--xcfg path/to/xcfg.dll] [--in-process | --process]
//        LspLatency sample     (prints the 500-line config)
if (args is ["sample"])
{
    Console.Write(Samples.Config(500, seed: 1));
    return;
}

var positional = args.Where(arg => !arg.StartsWith("--", StringComparison.Ordinal) && !arg.EndsWith(".dll", StringComparison.Ordinal) && !File.Exists(arg)).ToList();
var edits = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1000;
var files = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 10000;
var xcfgIndex = Array.IndexOf(args, "--xcfg");
var xcfg = xcfgIndex >= 0 && xcfgIndex + 1 < args.Length ? args[xcfgIndex + 1] : FindXcfg();
var inProcess = !args.Contains("--process");
var outOfProcess = !args.Contains("--in-process");

// As `xcfg lsp` does (LspCommand): no blocking full collections while the user waits.
GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {CpuModel()}, {MemoryTotal()} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average {LoadAverage()}");

if (inProcess)
{
    await MeasureEditLatencyAsync(edits, null);
    await MeasureWorkspaceMemoryAsync(files, null);
}

if (outOfProcess)
{
    if (xcfg is null || !File.Exists(xcfg))
    {
        Console.WriteLine("the xcfg process: not measured (build src/XenCfg.Cli -c Release, or pass --xcfg path/to/xcfg.dll)");
    }
    else
    {
        Console.WriteLine($"the xcfg process ({xcfg}):");
        await MeasureEditLatencyAsync(edits, xcfg);
        await MeasureWorkspaceMemoryAsync(files, xcfg);
    }
}

Console.WriteLine($"load average at the end: {LoadAverage()}");

static async Task MeasureEditLatencyAsync(int edits, string? xcfg)
{
    await using var session = await Session.StartAsync(null, xcfg);
    var text = Samples.Config(500, seed: 1);
    const string uri = "file:///bench/vm.cfg";
    var opened = session.WaitForVersionAsync(uri, 1);
    await session.Rpc.NotifyWithParameterObjectAsync(LspMethods.DidOpen, new DidOpenTextDocumentParams(new TextDocumentItem(uri, "xencfg", 1, text)));
    var diagnosticCount = await opened;
    var lines = text.Split('\n');
    var random = new Random(7);
    var timings = new List<double>();
    const int warmUp = 200;
    var gen0 = 0;
    var gen1 = 0;
    var gen2 = 0;
    long allocated = 0;
    var pause = TimeSpan.Zero;
    ProcessStatistics? serverBefore = null;
    for (var version = 2; version < 2 + warmUp + edits; version++)
    {
        if (version == 2 + warmUp)
        {
            (gen0, gen1, gen2, pause) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            allocated = GC.GetTotalAllocatedBytes();
            serverBefore = xcfg is null ? null : await session.Rpc.InvokeAsync<ProcessStatistics>(LspMethods.ProcessStatistics);
        }

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

    var serverAfter = serverBefore is null ? null : await session.Rpc.InvokeAsync<ProcessStatistics>(LspMethods.ProcessStatistics);
    timings.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"edit-to-diagnostics, 500-line config ({diagnosticCount} findings), {timings.Count} edits: p50 {Percentile(timings, 50):F3} ms, p90 {Percentile(timings, 90):F3} ms, p99 {Percentile(timings, 99):F3} ms, max {timings[^1]:F3} ms (budget p99 2 ms)"));
    if (serverBefore is not null && serverAfter is not null)
    {
        // Everything the server process allocated over the measured edits (reading each edit, parsing, analysing,
        // publishing), divided by the edits; the two statistics requests themselves are a few hundred bytes.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server process: {(serverAfter.AllocatedBytes - serverBefore.AllocatedBytes) / 1024.0 / timings.Count:F1} KB allocated per edit (budget 50 KB); {serverAfter.Gen0Collections - serverBefore.Gen0Collections} gen0, {serverAfter.Gen1Collections - serverBefore.Gen1Collections} gen1, {serverAfter.Gen2Collections - serverBefore.Gen2Collections} gen2 collections, paused {serverAfter.PauseMilliseconds - serverBefore.PauseMilliseconds:F0} ms"));
    }

    if (xcfg is not null)
    {
        return;
    }

    // Where the server's diagnostics worker spent the time (the measured edits only, one batch each).
    var batches = session.Timings.Skip(session.Timings.Count - timings.Count).ToList();
    Console.WriteLine($"  server-side breakdown over {batches.Count} batches (ms):        p50     p90     p99     max");
    Phase("parse", batches.Select(batch => batch.Parse));
    Phase("workspace update (rules, indexes)", batches.Select(batch => batch.Analysis));
    Phase("collect (cross-file, suppressions)", batches.Select(batch => batch.Collect));
    Phase("convert to LSP", batches.Select(batch => batch.Convert));
    Phase("send (serialise, write)", batches.Select(batch => batch.Send));
    Phase("whole batch", batches.Select(batch => batch.Total));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  GC during the measured edits (server and client share the process): {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} gen2, paused {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:F0} ms, {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / timings.Count:F0} KB allocated per edit"));


    static void Phase(string name, IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(value => value.TotalMilliseconds).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {name,-40} {Percentile(sorted, 50),7:F3} {Percentile(sorted, 90),7:F3} {Percentile(sorted, 99),7:F3} {sorted[^1],7:F3}"));
    }
}

static async Task MeasureWorkspaceMemoryAsync(int count, string? xcfg)
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
        await using var session = await Session.StartAsync(new Uri(folder).AbsoluteUri, xcfg);
        await session.WaitForScanAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (Environment.GetEnvironmentVariable("LSPLATENCY_HOLD_SECONDS") is { } hold)
        {
            // Time to take a heap dump of the server (dotnet-gcdump collect -p PID) with the workspace loaded.
            Console.WriteLine($"scan done; holding {hold} s (server process {session.ServerProcess?.Id.ToString(CultureInfo.InvariantCulture) ?? "in this one"}, this process {Environment.ProcessId})");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)));
        }

        if (session.ServerProcess is { } server)
        {
            var status = File.ReadAllLines($"/proc/{server.Id}/status");
            string Field(string name) => status.FirstOrDefault(line => line.StartsWith(name + ":", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"workspace of {count} files: scanned, analysed and published in {elapsed:F1} s ({session.Published} publications); server resident set {Field("VmRSS")}, peak {Field("VmHWM")} (budget 300 MB)"));
            return;
        }

        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workspace of {count} files: scanned, analysed and published in {elapsed:F1} s ({session.Published} publications); managed heap {managed / 1048576.0:F1} MB ({(managed - before) / 1048576.0:F1} MB for the workspace), working set {process.WorkingSet64 / 1048576.0:F1} MB with the client (budget 300 MB)"));
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

static string MemoryTotal() =>
    File.Exists("/proc/meminfo")
        ? File.ReadLines("/proc/meminfo").FirstOrDefault(line => line.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
        : "?";

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

/// <summary>xcfg.dll built beside this repository (Release first), or null.</summary>
static string? FindXcfg()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "XenCfgTools.sln")))
        {
            return new[] { "Release", "Debug" }
                .Select(configuration => Path.Combine(directory.FullName, "src", "XenCfg.Cli", "bin", configuration, "net10.0", "xcfg.dll"))
                .FirstOrDefault(File.Exists);
        }
    }

    return null;
}

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

/// <summary>A server (in process, or the xcfg process) and a client that counts publications and waits for a version.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _server;
    private readonly Client _client = new();
    private readonly List<PublishTiming> _timings = [];

    private Session(string? xcfg)
    {
        Stream input, output;
        if (xcfg is null)
        {
            var (serverStream, clientStream) = FullDuplexStream.CreatePair();
            var options = new LanguageServerOptions { PublishTimings = timing => { lock (_timings) { _timings.Add(timing); } } };
            _server = Task.Run(() => new XcfgLanguageServer(serverStream, serverStream, options).RunAsync(_stop.Token));
            (input, output) = (clientStream, clientStream);
        }
        else
        {
            var start = new ProcessStartInfo(xcfg.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : xcfg)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            if (xcfg.EndsWith(".dll", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(xcfg);
            }

            start.ArgumentList.Add("lsp");
            start.ArgumentList.Add("--log-level");
            start.ArgumentList.Add("warning");
            ServerProcess = Process.Start(start)!;
            _server = ServerProcess.WaitForExitAsync();
            (input, output) = (ServerProcess.StandardOutput.BaseStream, ServerProcess.StandardInput.BaseStream);
        }

        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, new SystemTextJsonFormatter { JsonSerializerOptions = new JsonSerializerOptions(LspJsonContext.Default.Options) }));
        Rpc.AddLocalRpcTarget(_client);
        Rpc.StartListening();
    }

    /// <summary>The server's process, when it is one.</summary>
    public Process? ServerProcess { get; }

    public JsonRpc Rpc { get; }

    public int Published => _client.Count;

    public IReadOnlyList<PublishTiming> Timings
    {
        get
        {
            lock (_timings)
            {
                return [.. _timings];
            }
        }
    }

    public static async Task<Session> StartAsync(string? rootUri, string? xcfg)
    {
        var session = new Session(xcfg);
        var capabilities = new ClientCapabilities(Window: new WindowClientCapabilities(WorkDoneProgress: true));
        await session.Rpc.InvokeWithParameterObjectAsync<InitializeResult>(LspMethods.Initialize, new InitializeParams(RootUri: rootUri, Capabilities: capabilities));
        await session.Rpc.NotifyWithParameterObjectAsync(LspMethods.Initialized, JsonDocument.Parse("{}").RootElement);
        return session;
    }

    /// <summary>Completes with the number of diagnostics when the diagnostics of that version (or a later one) arrive.</summary>
    public Task<int> WaitForVersionAsync(string uri, int version) => _client.WaitAsync(uri, version);

    /// <summary>Waits until the server ends its progress report for the workspace scan (every file analysed and published).</summary>
    public Task WaitForScanAsync() => _client.ScanEnded.Task.WaitAsync(TimeSpan.FromMinutes(10));

    public async ValueTask DisposeAsync()
    {
        if (ServerProcess is { } process)
        {
            await Rpc.InvokeWithParameterObjectAsync<JsonElement?>(LspMethods.Shutdown);
            await Rpc.NotifyAsync(LspMethods.Exit);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            process.Dispose();
        }

        Rpc.Dispose();
        await _stop.CancelAsync();
        await _server;
        _stop.Dispose();
    }

    private sealed class Client
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (int Version, TaskCompletionSource<int> Done)> _waiting = new(StringComparer.Ordinal);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public TaskCompletionSource ScanEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        [JsonRpcMethod(LspMethods.WorkDoneProgressCreate, UseSingleObjectParameterDeserialization = true)]
        public void CreateProgress(WorkDoneProgressCreateParams parameters) => ProgressToken = parameters.Token;

        public string? ProgressToken { get; private set; }

        [JsonRpcMethod(LspMethods.Progress, UseSingleObjectParameterDeserialization = true)]
        public void Progress(ProgressParams parameters)
        {
            if (parameters.Value.Kind == WorkDoneProgressKind.End)
            {
                ScanEnded.TrySetResult();
            }
        }

        [JsonRpcMethod(LspMethods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(PublishDiagnosticsParams parameters)
        {
            Interlocked.Increment(ref _count);
            lock (_gate)
            {
                if (_waiting.TryGetValue(parameters.Uri, out var waiter) && parameters.Version >= waiter.Version)
                {
                    _waiting.Remove(parameters.Uri);
                    waiter.Done.TrySetResult(parameters.Diagnostics.Length);
                }
            }
        }

        public Task<int> WaitAsync(string uri, int version)
        {
            var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiting[uri] = (version, done);
            }

            return done.Task;
        }
    }
}
