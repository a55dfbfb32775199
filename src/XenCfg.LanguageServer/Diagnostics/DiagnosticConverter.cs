using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>Turns our diagnostics into LSP's: range from the file's line table, severity, code and help link.</summary>
internal static class DiagnosticConverter
{
    public const string Source = "xcfg";

    public static Protocol.Diagnostic ToLsp(ConfigDiagnostic diagnostic, SourceText text, UriCache? uris = null)
    {
        var helpLink = diagnostic.Descriptor.HelpLinkUri;
        var related = diagnostic.RelatedLocations.IsDefaultOrEmpty
            ? null
            : diagnostic.RelatedLocations
                .Select(location => new DiagnosticRelatedInformation(
                    new Location(uris?.UriFor(location.FilePath) ?? UriFor(location.FilePath), PositionMapping.ToRange(location.LineSpan)),
                    location.Message))
                .ToArray();
        return new Protocol.Diagnostic(
            PositionMapping.ToRange(text, diagnostic.Span),
            diagnostic.Message,
            Severity: ToLsp(diagnostic.Severity),
            Code: diagnostic.Id,
            CodeDescription: string.IsNullOrEmpty(helpLink) ? null : new CodeDescription(helpLink),
            Source: Source,
            RelatedInformation: related);
    }

    public static int ToLsp(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => LspDiagnosticSeverity.Error,
        DiagnosticSeverity.Warning => LspDiagnosticSeverity.Warning,
        DiagnosticSeverity.Info => LspDiagnosticSeverity.Information,
        _ => LspDiagnosticSeverity.Hint,
    };

    /// <summary>A related location's file as a URI; paths that already are URIs (untitled documents) pass through.</summary>
    private static string UriFor(string filePath) =>
        Path.IsPathFullyQualified(filePath) ? DocumentUris.FromFilePath(filePath) : filePath;

    /// <summary>
    /// The URIs of related locations' files, remembered: building a URI from a path costs more than the rest of a
    /// conversion, and a cross-file finding names the same few files again and again. Used by one thread.
    /// </summary>
    internal sealed class UriCache
    {
        private const int Limit = 4096;
        private readonly Dictionary<string, string> _uris = new(StringComparer.Ordinal);

        public string UriFor(string filePath)
        {
            if (!_uris.TryGetValue(filePath, out var uri))
            {
                if (_uris.Count >= Limit)
                {
                    _uris.Clear();
                }

                _uris[filePath] = uri = DiagnosticConverter.UriFor(filePath);
            }

            return uri;
        }
    }
}
