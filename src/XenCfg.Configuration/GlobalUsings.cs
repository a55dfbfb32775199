// Roslyn's namespace also defines SyntaxTree, SyntaxNode and SyntaxKind, so we import only the two types we use
// from it, never the whole namespace.
global using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;
global using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;
