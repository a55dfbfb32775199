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

    /// <summary>
    /// Whether <paramref name="converted"/> is what <see cref="ToLsp(ConfigDiagnostic, SourceText, UriCache?)"/> would
    /// make of <paramref name="diagnostic"/> in <paramref name="text"/>, found without making it: after a keystroke
    /// nearly every finding of the file is the one published before, and converting each again costs more than the
    /// rest of a publication. The message is formatted only when the finding it was converted from had other
    /// arguments.
    /// </summary>
    public static bool Matches(ConfigDiagnostic diagnostic, SourceText text, Protocol.Diagnostic converted, UriCache uris)
    {
        if (converted.Code != diagnostic.Id
            || converted.Severity != ToLsp(diagnostic.Severity)
            || converted.Source != Source
            || converted.Tags is not null
            || !Same(converted.Range, text, diagnostic.Span))
        {
            return false;
        }

        var helpLink = diagnostic.Descriptor.HelpLinkUri;
        if (string.IsNullOrEmpty(helpLink) ? converted.CodeDescription is not null : converted.CodeDescription?.Href != helpLink)
        {
            return false;
        }

        var related = diagnostic.RelatedLocations;
        var convertedRelated = converted.RelatedInformation;
        if (related.IsDefaultOrEmpty ? convertedRelated is not null : convertedRelated is null || convertedRelated.Length != related.Length)
        {
            return false;
        }

        for (var i = 0; i < (convertedRelated?.Length ?? 0); i++)
        {
            var location = related[i];
            var other = convertedRelated![i];
            if (other.Message != location.Message
                || !Same(other.Location.Range, location.LineSpan)
                || other.Location.Uri != uris.UriFor(location.FilePath))
            {
                return false;
            }
        }

        return converted.Origin is { } origin && SameMessage(origin, diagnostic)
            || converted.Message == diagnostic.Message;
    }

    /// <summary>True when both have the same format and arguments whose text cannot differ when they are equal.</summary>
    private static bool SameMessage(ConfigDiagnostic left, ConfigDiagnostic right)
    {
        if (!ReferenceEquals(left.Descriptor, right.Descriptor) || left.Arguments.Length != right.Arguments.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Arguments.Length; i++)
        {
            var (a, b) = (left.Arguments[i], right.Arguments[i]);
            if (ReferenceEquals(a, b))
            {
                continue;
            }

            // Floating-point numbers are left out: 0.0 equals -0.0, and they are written differently.
            if (a is null || b is null || a.GetType() != b.GetType()
                || a is not (string or int or long or uint or ulong or short or ushort or byte or sbyte or char or bool or decimal or Enum)
                || !a.Equals(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(Protocol.Range range, SourceText text, TextSpan span) =>
        Same(range.Start, text, span.Start) && Same(range.End, text, span.End);

    private static bool Same(Position position, SourceText text, int offset)
    {
        var linePosition = text.Lines.GetLinePosition(Math.Clamp(offset, 0, text.Length));
        return position.Line == linePosition.Line && position.Character == linePosition.Character;
    }

    private static bool Same(Protocol.Range range, LinePositionSpan span) =>
        range.Start.Line == span.Start.Line && range.Start.Character == span.Start.Character
        && range.End.Line == span.End.Line && range.End.Character == span.End.Character;

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
