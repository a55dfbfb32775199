using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Cli.Output;

/// <summary>The diagnostics of one file, with the text they point into (for line and column).</summary>
public sealed record FileDiagnostics(string DisplayPath, SourceText Text, ImmutableArray<ConfigDiagnostic> Diagnostics);
