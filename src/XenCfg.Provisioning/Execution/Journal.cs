using System.Globalization;
using System.Text;
using System.Text.Json;
using XenCfg.Provisioning.Planning;

namespace XenCfg.Provisioning.Execution;

/// <summary>Where the executor writes what it does, one entry per event.</summary>
public interface IJournal
{
    void Write(string kind, PlannedResource? resource, string detail);
}

/// <summary>
/// A JSON-lines file, appended and flushed after every entry, so that after a failure (or a crash) it says exactly
/// which resources were created: <c>{"time":…,"run":…,"event":"start|done|failed|stopped|undone|end","kind":…,"target":…,"config":…,"detail":…}</c>.
/// Opened without following a symbolic link, mode 0600, and only when it is empty or already a journal: appending
/// JSON to an image named by mistake would damage it. Every I/O failure is an <see cref="IOException"/> saying which
/// file and why.
/// </summary>
public sealed class FileJournal : IJournal, IDisposable
{
    /// <summary>Where the journal goes unless --journal says otherwise: a state directory of root's, not the current directory.</summary>
    public const string DefaultPath = "/var/lib/xcfg/provision.journal";

    /// <summary>What every journal starts with (its first entry's first field).</summary>
    private static readonly byte[] EntryStart = "{\"time\":\""u8.ToArray();

    private readonly StreamWriter _writer;
    private readonly string _run;

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public FileJournal(string path)
    {
        Path = path;
        if (path == DefaultPath)
        {
            EnsureStateDirectory(System.IO.Path.GetDirectoryName(path)!);
        }

        FileStream stream;
        try
        {
            stream = Host.LinuxFileSystem.OpenAppendNoFollow(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot open the journal: {exception.Message}", exception);
        }

        try
        {
            if (stream.Length > 0)
            {
                var start = new byte[EntryStart.Length];
                stream.Position = 0;
                if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length || !start.AsSpan().SequenceEqual(EntryStart))
                {
                    throw new IOException($"cannot open the journal: {path} exists and is not an xcfg journal (it does not begin with a journal entry), and it is never appended to; choose another --journal");
                }

                stream.Seek(0, SeekOrigin.End);
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        _writer = new StreamWriter(stream, new UTF8Encoding(false));
        _run = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }

    public string Path { get; }

    public void Write(string kind, PlannedResource? resource, string detail)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("run", _run);
            json.WriteString("event", kind);
            if (resource is not null)
            {
                json.WriteString("kind", resource.Label);
                json.WriteString("target", resource.Target);
                json.WriteString("config", resource.Origin.ConfigPath);
            }

            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        try
        {
            _writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
            _writer.Flush();
        }
        catch (IOException exception)
        {
            throw new IOException($"cannot write the journal {Path}: {exception.Message}", exception);
        }
    }

    /// <summary>The default journal's directory: made mode 0700 when missing; never a symbolic link.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void EnsureStateDirectory(string directory)
    {
        var status = Host.LinuxFileSystem.Instance.Stat(directory);
        if (status is null)
        {
            try
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"cannot create the journal's directory {directory}: {exception.Message} (run as root, or give --journal FILE)", exception);
            }
        }
        else if (status.Kind != Host.FileKind.Directory)
        {
            throw new IOException($"cannot open the journal: {directory} is {(status.Kind == Host.FileKind.SymbolicLink ? "a symbolic link" : "not a directory")}; it must be a directory of its own");
        }
    }

    public void Dispose()
    {
        try
        {
            _writer.Dispose();
        }
        catch (IOException)
        {
            // The last flush failed: Write already reported it.
        }
    }
}

/// <summary>Keeps the entries in memory (for tests and for --format json).</summary>
public sealed class MemoryJournal : IJournal
{
    public List<(string Event, PlannedResource? Resource, string Detail)> Entries { get; } = [];

    public void Write(string kind, PlannedResource? resource, string detail) => Entries.Add((kind, resource, detail));
}
