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
/// which resources were created: <c>{"time":…,"run":…,"event":"start|done|failed|stopped|end","kind":…,"target":…,"config":…,"detail":…}</c>.
/// </summary>
public sealed class FileJournal : IJournal, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly string _run;

    public FileJournal(string path)
    {
        Path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
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

        _writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}

/// <summary>Keeps the entries in memory (for tests and for --format json).</summary>
public sealed class MemoryJournal : IJournal
{
    public List<(string Event, PlannedResource? Resource, string Detail)> Entries { get; } = [];

    public void Write(string kind, PlannedResource? resource, string detail) => Entries.Add((kind, resource, detail));
}
