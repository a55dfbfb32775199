using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests;

/// <summary>
/// Checks a rule the way Roslyn's analyzer tests do: the config is written with the expected spans marked as
/// <c>[|...|]</c>, and the rule must report exactly those spans (no more, no fewer), each with its message: one
/// message per span, in order, none left out and none extra.
/// </summary>
internal static class RuleAssert
{
    public static IReadOnlyList<ConfigDiagnostic> Analyze(string text, Dialect dialect = Dialect.Xl, string filePath = "/etc/xen/test.cfg")
    {
        var options = new AnalysisOptions(dialect);
        return ConfigAnalyzer.Analyze(SyntaxTree.Parse(text, options.ParseOptions, filePath), options);
    }

    /// <summary>Asserts that <paramref name="id"/> is reported exactly at the marked spans, with these messages in order (one per span).</summary>
    public static void Reports(string id, string markup, params string[] messages) => Reports(id, markup, Dialect.Xl, messages);

    public static void Reports(string id, string markup, Dialect dialect, params string[] messages) =>
        Found(id, markup, dialect, messages);

    /// <summary>As <see cref="Reports(string, string, Dialect, string[])"/>, and every diagnostic has this severity.</summary>
    public static void ReportsWithSeverity(string id, string markup, Dialect dialect, DiagnosticSeverity severity, params string[] messages) =>
        Assert.All(Found(id, markup, dialect, messages), diagnostic => Assert.Equal(severity, diagnostic.Severity));

    /// <summary>The one diagnostic <paramref name="id"/> reports on <paramref name="text"/> (fails unless there is exactly one).</summary>
    public static ConfigDiagnostic Single(string id, string text, Dialect dialect = Dialect.Xl) =>
        Assert.Single(Analyze(text, dialect), diagnostic => diagnostic.Id == id);

    /// <summary>The marked spans of <paramref name="markup"/>, in order, with the markers removed from the text.</summary>
    public static (string Text, IReadOnlyList<TextSpan> Spans) Markup(string markup) => ParseMarkup(markup);

    private static List<ConfigDiagnostic> Found(string id, string markup, Dialect dialect, string[] messages)
    {
        var (text, spans) = ParseMarkup(markup);
        var found = Analyze(text, dialect).Where(diagnostic => diagnostic.Id == id).ToList();
        Assert.True(spans.Count == messages.Length, $"the markup marks {spans.Count} spans but {messages.Length} messages are given: give one message per span; found: {string.Join("; ", found.Select(d => $"{d.Span} {d.Message}"))}");

        Assert.True(spans.Count == found.Count,
            $"expected {spans.Count} {id} but found {found.Count}: {string.Join("; ", found.Select(d => $"{d.Span} {d.Message}"))}");
        for (var i = 0; i < spans.Count; i++)
        {
            Assert.Equal(spans[i], found[i].Span);
            Assert.Equal(messages[i], found[i].Message);
        }

        return found;
    }

    /// <summary>Asserts that <paramref name="id"/> is not reported at all.</summary>
    public static void Silent(string id, string text, Dialect dialect = Dialect.Xl, string filePath = "/etc/xen/test.cfg")
    {
        var found = Analyze(text, dialect, filePath).Where(diagnostic => diagnostic.Id == id).ToList();
        Assert.True(found.Count == 0, $"unexpected {id}: {string.Join("; ", found.Select(d => $"{d.Span} {d.Message}"))}");
    }

    private static (string Text, List<TextSpan> Spans) ParseMarkup(string markup)
    {
        var builder = new System.Text.StringBuilder();
        var spans = new List<TextSpan>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup.AsSpan(i).StartsWith("[|"))
            {
                open.Push(builder.Length);
                i++;
            }
            else if (markup.AsSpan(i).StartsWith("|]"))
            {
                spans.Add(TextSpan.FromBounds(open.Pop(), builder.Length));
                i++;
            }
            else
            {
                builder.Append(markup[i]);
            }
        }

        spans.Sort((left, right) => left.Start.CompareTo(right.Start));
        return (builder.ToString(), spans);
    }
}
