using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenCfg.LanguageServer.Protocol;

public sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

public sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, TextDocumentContentChangeEvent[] ContentChanges);

/// <summary>An edit: with a range, it replaces that range; without one, the whole text.</summary>
public sealed record TextDocumentContentChangeEvent(string Text, Range? Range = null, int? RangeLength = null);

public sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

public sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text = null);

public sealed record DidChangeConfigurationParams(JsonElement? Settings = null);

public sealed record DidChangeWatchedFilesParams(FileEvent[] Changes);

public sealed record FileEvent(string Uri, int Type);

public static class FileChangeType
{
    public const int Created = 1;
    public const int Changed = 2;
    public const int Deleted = 3;
}

public sealed record DidChangeWorkspaceFoldersParams(WorkspaceFoldersChangeEvent Event);

public sealed record WorkspaceFoldersChangeEvent(WorkspaceFolder[] Added, WorkspaceFolder[] Removed);

public sealed record PublishDiagnosticsParams(
    string Uri,
    [property: JsonConverter(typeof(CachedDiagnosticsConverter))] Diagnostic[] Diagnostics,
    int? Version = null);

/// <summary>A finding. Equality compares <see cref="Tags"/> and <see cref="RelatedInformation"/> by content.</summary>
public sealed record Diagnostic(
    Range Range,
    string Message,
    int? Severity = null,
    [property: JsonConverter(typeof(DiagnosticCodeConverter))] string? Code = null,
    CodeDescription? CodeDescription = null,
    string? Source = null,
    int[]? Tags = null,
    DiagnosticRelatedInformation[]? RelatedInformation = null)
{
    /// <summary>This diagnostic's JSON once written (see <see cref="CachedDiagnosticsConverter"/>); not part of the value.</summary>
    [JsonIgnore]
    internal byte[]? Utf8Json { get; set; }

    /// <summary>Whether to keep <see cref="Utf8Json"/> when this diagnostic is written (it will be sent again).</summary>
    [JsonIgnore]
    internal bool KeepJson { get; set; }

    /// <summary>The finding this was converted from, so a later finding can be matched to it without converting it (see DiagnosticConverter.Matches); not part of the value.</summary>
    [JsonIgnore]
    internal XenCfg.Syntax.Diagnostics.ConfigDiagnostic? Origin { get; set; }

    public bool Equals(Diagnostic? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Range == other.Range
            && Message == other.Message
            && Severity == other.Severity
            && Code == other.Code
            && CodeDescription == other.CodeDescription
            && Source == other.Source
            && SameItems(Tags, other.Tags)
            && SameItems(RelatedInformation, other.RelatedInformation));

    public override int GetHashCode() => HashCode.Combine(Range, Message, Severity, Code);

    private static bool SameItems<T>(T[]? left, T[]? right) =>
        left is null || right is null ? left is null && right is null : left.AsSpan().SequenceEqual(right);
}

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

public static class LspDiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}
