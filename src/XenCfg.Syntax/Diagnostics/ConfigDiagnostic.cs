using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace XenCfg.Syntax.Diagnostics;

/// <summary>Another place that a diagnostic refers to, possibly in another file.</summary>
public sealed record RelatedLocation(string FilePath, TextSpan Span, LinePositionSpan LineSpan, string Message);

/// <summary>
/// One finding in one file: a descriptor from the catalogue, the span it underlines, and its formatted message.
/// Spans are offsets into the file's <see cref="SourceText"/>; lines and columns are computed only at the edges.
/// </summary>
public sealed class ConfigDiagnostic
{
    public ConfigDiagnostic(
        DiagnosticDescriptor descriptor,
        TextSpan span,
        DiagnosticSeverity severity,
        object?[] arguments,
        ImmutableArray<RelatedLocation> relatedLocations = default,
        ImmutableDictionary<string, string?>? properties = null)
    {
        Descriptor = descriptor;
        Span = span;
        Severity = severity;
        Arguments = arguments;
        RelatedLocations = relatedLocations.IsDefault ? [] : relatedLocations;
        Properties = properties ?? ImmutableDictionary<string, string?>.Empty;
    }

    public static ConfigDiagnostic Create(DiagnosticDescriptor descriptor, TextSpan span, params object?[] arguments) =>
        new(descriptor, span, descriptor.DefaultSeverity, arguments);

    public DiagnosticDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    public TextSpan Span { get; }

    public DiagnosticSeverity Severity { get; }

    public object?[] Arguments { get; }

    public ImmutableArray<RelatedLocation> RelatedLocations { get; }

    /// <summary>Data for code fixes (e.g. the suggested replacement), as Roslyn's diagnostic properties.</summary>
    public ImmutableDictionary<string, string?> Properties { get; }

    public string Message => string.Format(CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Arguments);

    public bool IsRejectedByXl => Descriptor.CustomTags.Contains(DiagnosticTags.RejectedByXl);

    public ConfigDiagnostic WithSeverity(DiagnosticSeverity severity) =>
        severity == Severity ? this : new(Descriptor, Span, severity, Arguments, RelatedLocations, Properties);

    public ConfigDiagnostic WithSpan(TextSpan span) =>
        new(Descriptor, span, Severity, Arguments, RelatedLocations, Properties);

    public ConfigDiagnostic WithRelatedLocations(ImmutableArray<RelatedLocation> related) =>
        new(Descriptor, Span, Severity, Arguments, related, Properties);

    public ConfigDiagnostic WithProperties(ImmutableDictionary<string, string?> properties) =>
        new(Descriptor, Span, Severity, Arguments, RelatedLocations, properties);

    public override string ToString() => $"{Span}: {Severity} {Id}: {Message}";
}
