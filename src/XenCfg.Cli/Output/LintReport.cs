using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Configuration.Inputs;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Cli.Output;

/// <summary>
/// Everything one lint run found, in the order the files were given, for the reporters to print. Paths are shown as
/// the user gave them; <see cref="DisplayPath"/> turns the absolute paths of related locations into the same form.
/// </summary>
public sealed class LintReport
{
    private readonly IReadOnlyDictionary<string, string> _displayPaths;

    public LintReport(
        string baseDirectory,
        IReadOnlyList<LintedFile> files,
        IReadOnlyList<InputError> inputErrors,
        IReadOnlyDictionary<string, string> displayPaths,
        int excluded,
        int? maxWarnings)
    {
        BaseDirectory = baseDirectory;
        Files = files;
        InputErrors = inputErrors;
        _displayPaths = displayPaths;
        Excluded = excluded;
        MaxWarnings = maxWarnings;
        foreach (var diagnostic in files.SelectMany(file => file.Diagnostics))
        {
            switch (diagnostic.Severity)
            {
                case DiagnosticSeverity.Error:
                    Errors++;
                    break;
                case DiagnosticSeverity.Warning:
                    Warnings++;
                    break;
                case DiagnosticSeverity.Info:
                    Infos++;
                    break;
                default:
                    Hints++;
                    break;
            }
        }
    }

    /// <summary>The directory lint ran in: relative paths are relative to it (SARIF's %SRCROOT%).</summary>
    public string BaseDirectory { get; }

    public IReadOnlyList<LintedFile> Files { get; }

    /// <summary>Paths that could not be read (missing, a directory, unreadable, binary).</summary>
    public IReadOnlyList<InputError> InputErrors { get; }

    /// <summary>Paths left out by exclude patterns (a directory counts once).</summary>
    public int Excluded { get; }

    /// <summary>The --max-warnings limit, or null for none.</summary>
    public int? MaxWarnings { get; }

    public int Errors { get; }

    public int Warnings { get; }

    public int Infos { get; }

    public int Hints { get; }

    public bool TooManyWarnings => MaxWarnings is { } limit && Warnings > limit;

    /// <summary>0 clean, 1 errors or too many warnings, 2 when a file could not be read.</summary>
    public int ExitCode =>
        InputErrors.Count > 0 ? ExitCodes.UsageOrIo
        : Errors > 0 || TooManyWarnings ? ExitCodes.Findings
        : ExitCodes.Success;

    /// <summary>The path to show for an absolute path: as given on the command line, else relative to the base directory when under it.</summary>
    public string DisplayPath(string fullPath)
    {
        if (_displayPaths.TryGetValue(fullPath, out var display))
        {
            return display;
        }

        return RelativePath(fullPath) ?? fullPath;
    }

    /// <summary>The path relative to <see cref="BaseDirectory"/>, or null when it is not under it.</summary>
    public string? RelativePath(string fullPath)
    {
        var relative = Path.GetRelativePath(BaseDirectory, fullPath);
        var outside = relative == ".." || relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? null : relative;
    }
}

/// <summary>One linted file: how to show its path, its absolute path, its text and what was found in it.</summary>
public sealed record LintedFile(string DisplayPath, string FullPath, SourceText Text, ImmutableArray<ConfigDiagnostic> Diagnostics);

/// <summary>A place in a file as reporters print it: 1-based lines and columns, the end column exclusive.</summary>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character, in UTF-16 code units (characters of the decoded text).</param>
/// <param name="EndLine">1-based line of the end.</param>
/// <param name="EndColumn">1-based column just after the last character (equal to <paramref name="Column"/> for an empty span).</param>
public readonly record struct Region(int Line, int Column, int EndLine, int EndColumn)
{
    public static Region From(LinePositionSpan span) =>
        new(span.Start.Line + 1, span.Start.Character + 1, span.End.Line + 1, span.End.Character + 1);

    public static Region From(SourceText text, TextSpan span) => From(text.Lines.GetLinePositionSpan(span));
}
