using System.Text;
using System.Text.Json;
using XenCfg.Provisioning.Execution;
using XenCfg.Provisioning.Planning;

namespace XenCfg.Provisioning.Rendering;

/// <summary>
/// The plan for machines (<c>--format json</c>), documented in docs/provisioning.md. Version 1:
/// <code>
/// { "format": "xcfg-provision-plan", "version": 1, "exitCode": 2,
///   "configs": [path...], "summary": {"create": n, "unchanged": n, "refused": n}, "notes": [text...],
///   "resources": [ { "index": i, "action": "create|unchanged|refused", "kind": "image|volume|filesystem|snapshot|directory|export|exportfs|config",
///                    "label": text, "target": text, "description": text, "reason": text|null, "size": bytes|null,
///                    "dependsOn": index|null, "origins": [{"config": path, "line": n, "domain": text|null, "what": text}],
///                    "guards": [{"type": "path-absent|directory-exists|all-zero|not-loop-attached|volume-absent|volume-exists", ...}],
///                    "steps": [{"type": "run", "argv": [...]} | {"type": "create-sparse-file", "path", "length", "mode": "0600"}
///                             | {"type": "create-directory", "path", "mode": "0755"} | {"type": "write-file", "path", "content", "mode": "0644"}],
///                    "result": {"outcome": "created|failed|stopped|not-run", "detail": text} (only after --apply) } ] }
/// </code>
/// </summary>
public static class PlanJson
{
    public static string Render(ProvisioningPlan plan, int exitCode, ApplyResult? applied = null)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("format", "xcfg-provision-plan");
            json.WriteNumber("version", 1);
            json.WriteNumber("exitCode", exitCode);
            json.WriteStartArray("configs");
            plan.Configs.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("create", plan.ToCreate);
            json.WriteNumber("unchanged", plan.Unchanged);
            json.WriteNumber("refused", plan.Refused);
            json.WriteEndObject();
            json.WriteStartArray("notes");
            plan.Notes.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartArray("resources");
            var index = plan.Resources.Select((resource, i) => (resource, i)).ToDictionary(pair => pair.resource, pair => pair.i);
            foreach (var resource in plan.Resources)
            {
                WriteResource(json, resource, index, applied);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteResource(Utf8JsonWriter json, PlannedResource resource, Dictionary<PlannedResource, int> index, ApplyResult? applied)
    {
        json.WriteStartObject();
        json.WriteNumber("index", index[resource]);
        json.WriteString("action", resource.Action.ToString().ToLowerInvariant());
        json.WriteString("kind", resource.Kind switch
        {
            ResourceKind.ExportActivation => "exportfs",
            var kind => kind.ToString().ToLowerInvariant(),
        });
        json.WriteString("label", resource.Label);
        json.WriteString("target", resource.Target);
        json.WriteString("description", resource.Description);
        json.WriteString("reason", resource.Reason);
        long? size = resource switch
        {
            ImageResource image => image.Length,
            VolumeResource volume => volume.Length,
            SnapshotResource snapshot => snapshot.Length,
            _ => null,
        };
        if (size is { } bytes)
        {
            json.WriteNumber("size", bytes);
        }
        else
        {
            json.WriteNull("size");
        }

        if (resource.DependsOn is { } dependency && index.TryGetValue(dependency, out var dependencyIndex))
        {
            json.WriteNumber("dependsOn", dependencyIndex);
        }
        else
        {
            json.WriteNull("dependsOn");
        }

        json.WriteStartArray("origins");
        foreach (var origin in resource.Origins)
        {
            json.WriteStartObject();
            json.WriteString("config", origin.ConfigPath);
            json.WriteNumber("line", origin.Line);
            json.WriteString("domain", origin.Domain);
            json.WriteString("what", origin.What);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("guards");
        foreach (var guard in resource.Action == PlanAction.Create ? resource.Guards : [])
        {
            WriteGuard(json, guard);
        }

        json.WriteEndArray();
        json.WriteStartArray("steps");
        foreach (var step in resource.Action == PlanAction.Create ? resource.Steps : [])
        {
            WriteStep(json, step);
        }

        json.WriteEndArray();
        if (applied is not null)
        {
            var (outcome, detail) = applied.Outcomes.TryGetValue(resource, out var found) ? found : (ResourceOutcome.NotRun, string.Empty);
            json.WriteStartObject("result");
            json.WriteString("outcome", outcome == ResourceOutcome.NotRun ? "not-run" : outcome.ToString().ToLowerInvariant());
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteGuard(Utf8JsonWriter json, PlanGuard guard)
    {
        json.WriteStartObject();
        switch (guard)
        {
            case PathAbsentGuard absent:
                json.WriteString("type", "path-absent");
                json.WriteString("path", absent.Path);
                break;
            case DirectoryExistsGuard directory:
                json.WriteString("type", "directory-exists");
                json.WriteString("path", directory.Path);
                break;
            case AllZeroGuard zero:
                json.WriteString("type", "all-zero");
                json.WriteString("path", zero.Path);
                json.WriteNumber("length", zero.Length);
                break;
            case NotLoopAttachedGuard loop:
                json.WriteString("type", "not-loop-attached");
                json.WriteString("path", loop.Path);
                break;
            case VolumeAbsentGuard volume:
                json.WriteString("type", "volume-absent");
                json.WriteString("volume", $"{volume.VolumeGroup}/{volume.Volume}");
                break;
            case VolumeExistsGuard volume:
                json.WriteString("type", "volume-exists");
                json.WriteString("volume", $"{volume.VolumeGroup}/{volume.Volume}");
                break;
        }

        json.WriteString("message", guard.Message);
        json.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter json, PlanStep step)
    {
        json.WriteStartObject();
        switch (step)
        {
            case RunStep run:
                json.WriteString("type", "run");
                json.WriteStartArray("argv");
                run.Argv.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                break;
            case CreateSparseFileStep file:
                json.WriteString("type", "create-sparse-file");
                json.WriteString("path", file.Path);
                json.WriteNumber("length", file.Length);
                json.WriteString("mode", "0600");
                break;
            case CreateDirectoryStep directory:
                json.WriteString("type", "create-directory");
                json.WriteString("path", directory.Path);
                json.WriteString("mode", "0755");
                break;
            case WriteFileStep write:
                json.WriteString("type", "write-file");
                json.WriteString("path", write.Path);
                json.WriteString("content", write.Content);
                json.WriteString("mode", "0644");
                break;
        }

        json.WriteEndObject();
    }
}
