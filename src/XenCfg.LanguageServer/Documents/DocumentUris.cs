namespace XenCfg.LanguageServer.Documents;

/// <summary>
/// Maps between LSP document URIs and the keys documents are stored under. A file URI is keyed by its full local
/// path, so the client's spelling of a URI (percent-encoding, drive-letter case) and ours for a file found on disk
/// name the same document; any other URI (untitled:, ...) is its own key.
/// </summary>
internal static class DocumentUris
{
    public static string KeyFor(string uri) => TryGetFilePath(uri) ?? uri;

    /// <summary>The local path of a <c>file:</c> URI, or null for any other URI.</summary>
    public static string? TryGetFilePath(string uri)
    {
        if (!uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(parsed.LocalPath);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
    }

    public static string FromFilePath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
