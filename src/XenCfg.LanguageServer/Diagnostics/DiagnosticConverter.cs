using Microsoft.CodeAnalysis.Text;
using XenCfg.LanguageServer.Documents;
using XenCfg.LanguageServer.Protocol;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.LanguageServer.Diagnostics;

/// <summary>Turns our diagnostics into LSP's: range from the file's line table, severity, code and help link.</summary>
internal static class DiagnosticConverter
{
    public const string Source = "xcfg";

    public static Protocol.Diagnostic ToLsp(ConfigDiagnostic diagnostic, SourceText text)
    {
        var helpLink = diagnostic.Descriptor.HelpLinkUri;
        var related = diagnostic.RelatedLocations.IsDefaultOrEmpty
            ? null
            : diagnostic.RelatedLocations
                .Select(location => new DiagnosticRelatedInformation(
                    new Location(UriFor(location.FilePath), PositionMapping.ToRange(location.LineSpan)),
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
}
