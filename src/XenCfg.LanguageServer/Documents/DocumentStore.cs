using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Documents;

/// <summary>
/// Every document the server knows: the ones open in the editor (client text and version) and the config files
/// found in the workspace folders (disk text, version null). Writers take turns under a lock and publish a new
/// immutable <see cref="WorkspaceSnapshot"/>; readers take <see cref="Current"/> and never wait. Each writer
/// returns the keys of the documents it changed, so the caller knows what to analyse again.
/// </summary>
internal sealed class DocumentStore
{
    private readonly Lock _gate = new();
    private WorkspaceSnapshot _current = WorkspaceSnapshot.Empty;

    public WorkspaceSnapshot Current => Volatile.Read(ref _current);

    public IReadOnlyList<string> Open(TextDocumentItem item) =>
        Update(snapshot =>
        {
            var document = new TextDocument(item.Uri, SourceText.From(item.Text), item.Version, isOpen: true);
            return (snapshot.With(document), [document.Key]);
        });

    /// <summary>
    /// Applies the changes of one didChange in order, each to the text the previous one produced. Returns null when
    /// the document is not open (the caller logs it; the edit cannot be applied to a text we do not have).
    /// </summary>
    public IReadOnlyList<string>? Change(VersionedTextDocumentIdentifier identifier, IReadOnlyList<TextDocumentContentChangeEvent> changes)
    {
        var key = DocumentUris.KeyFor(identifier.Uri);
        IReadOnlyList<string>? changed = null;
        Update(snapshot =>
        {
            if (snapshot.Find(key) is not { IsOpen: true } document)
            {
                return (snapshot, []);
            }

            var text = document.Text;
            foreach (var change in changes)
            {
                text = change.Range is { } range
                    ? text.WithChanges(new TextChange(PositionMapping.ToSpan(text, range), change.Text ?? string.Empty))
                    : SourceText.From(change.Text ?? string.Empty);
            }

            changed = [key];
            return (snapshot.With(document.WithText(text, identifier.Version ?? document.Version, isOpen: true)), changed);
        });
        return changed;
    }

    /// <summary>
    /// Closes a document. A config file of the workspace goes back to what is on disk (and stays known, with its
    /// diagnostics); anything else is forgotten, and its diagnostics must be cleared.
    /// </summary>
    public IReadOnlyList<string> Close(string uri, WorkspaceFiles files)
    {
        var key = DocumentUris.KeyFor(uri);
        var disk = files.Find(key, Current.Folders) is { } input ? files.TryRead(input) : null;
        return Update(snapshot =>
        {
            if (snapshot.Find(key) is not { IsOpen: true } document)
            {
                return (snapshot, []);
            }

            return disk is null
                ? (snapshot.Without(key), [key])
                : (snapshot.With(new TextDocument(document.Uri, disk, version: null, isOpen: false)), [key]);
        });
    }

    /// <summary>Applies a file-system event for a document that is not open (an open one belongs to the editor).</summary>
    public IReadOnlyList<string> FileChanged(string uri, int changeType, WorkspaceFiles files)
    {
        var key = DocumentUris.KeyFor(uri);
        if (changeType == FileChangeType.Deleted)
        {
            return Update(snapshot =>
            {
                var removed = snapshot.Documents.Keys
                    .Where(existing => (existing == key || existing.StartsWith(key + Path.DirectorySeparatorChar, StringComparison.Ordinal)) && !snapshot.Documents[existing].IsOpen)
                    .ToList();
                return (removed.Aggregate(snapshot, (current, gone) => current.Without(gone)), removed);
            });
        }

        if (files.Find(key, Current.Folders) is not { } input)
        {
            return [];
        }

        var text = files.TryRead(input);
        return Update(snapshot =>
        {
            var existing = snapshot.Find(key);
            if (existing is { IsOpen: true })
            {
                return (snapshot, []);
            }

            if (text is null)
            {
                return existing is null ? (snapshot, []) : (snapshot.Without(key), [key]);
            }

            if (existing is not null && existing.Text.ContentEquals(text))
            {
                return (snapshot, []);
            }

            return (snapshot.With(new TextDocument(existing?.Uri ?? DocumentUris.FromFilePath(key), text, version: null, isOpen: false)), [key]);
        });
    }

    /// <summary>Adds files found on disk, unless the editor already has them open or has them with this text already.</summary>
    public IReadOnlyList<string> AddFromDisk(IEnumerable<(string Path, SourceText Text)> files) =>
        Update(snapshot =>
        {
            var builder = snapshot.Documents.ToBuilder();
            var added = new List<string>();
            foreach (var (path, text) in files)
            {
                if (builder.TryGetValue(path, out var existing) && (existing.IsOpen || existing.Text.ContentEquals(text)))
                {
                    continue;
                }

                builder[path] = new TextDocument(DocumentUris.FromFilePath(path), text, version: null, isOpen: false);
                added.Add(path);
            }

            return (snapshot with { Documents = builder.ToImmutable() }, added);
        });

    public void SetFolders(ImmutableArray<string> folders) => Update(snapshot => (snapshot with { Folders = folders }, []));

    /// <summary>
    /// Forgets closed documents that are no longer configs of the workspace: outside its folders, or, after a change
    /// of a project configuration, excluded or no longer included by it.
    /// </summary>
    public IReadOnlyList<string> RemoveNotInWorkspace(WorkspaceFiles files) =>
        Update(snapshot =>
        {
            var gone = snapshot.Documents.Values
                .Where(document => !document.IsOpen && files.Find(document.Key, snapshot.Folders) is null)
                .Select(document => document.Key)
                .ToList();
            return (gone.Aggregate(snapshot, (current, key) => current.Without(key)), gone);
        });

    private IReadOnlyList<string> Update(Func<WorkspaceSnapshot, (WorkspaceSnapshot Next, IReadOnlyList<string> Changed)> change)
    {
        lock (_gate)
        {
            var (next, changed) = change(_current);
            Volatile.Write(ref _current, next with { Generation = _current.Generation + 1 });
            return changed;
        }
    }
}

/// <summary>The documents at one moment, keyed by <see cref="DocumentUris.KeyFor"/>; never changes.</summary>
internal sealed record WorkspaceSnapshot(ImmutableDictionary<string, TextDocument> Documents, ImmutableArray<string> Folders, long Generation)
{
    public static WorkspaceSnapshot Empty { get; } = new(ImmutableDictionary<string, TextDocument>.Empty.WithComparers(StringComparer.Ordinal), [], 0);

    public TextDocument? Find(string key) => Documents.GetValueOrDefault(key);

    public TextDocument? FindByUri(string uri) => Find(DocumentUris.KeyFor(uri));

    public WorkspaceSnapshot With(TextDocument document) => this with { Documents = Documents.SetItem(document.Key, document) };

    public WorkspaceSnapshot Without(string key) => this with { Documents = Documents.Remove(key) };
}
