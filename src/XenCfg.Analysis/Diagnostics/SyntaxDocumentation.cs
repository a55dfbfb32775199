using XenCfg.Syntax.Diagnostics;

namespace XenCfg.Analysis.Diagnostics;

/// <summary>
/// Documentation for the syntax diagnostics (the descriptors live in the syntax layer, which knows nothing of
/// documentation). Every behaviour was checked against Xen's own parser at c447b7308b.
/// </summary>
internal static class SyntaxDocumentation
{
    private const string Lexer = "Xen tools/libs/util/libxlu_cfg_l.l (xl's lexer)";
    private const string Grammar = "Xen tools/libs/util/libxlu_cfg_y.y (xl's grammar)";
    private const string Reader = "Xen tools/libs/util/libxlu_cfg.c (xl's config reader)";
    private const string Python = "Xen tools/libs/util/libxlu_cfg_l.l; xm executed configs with Python's execfile (tools/python/xen/xm/create.py before Xen 4.5)";

    public static IEnumerable<CatalogEntry> Entries =>
    [
        Entry(SyntaxDiagnostics.UnexpectedCharacter, Lexer, "extra = console=hvc0 $HOME", "extra = \"console=hvc0\""),
        Entry(SyntaxDiagnostics.CarriageReturn, Lexer + ": only `#` comments may contain a carriage return", "name = \"vm1\"\\r\\n  (a file saved with Windows line endings)", "name = \"vm1\"\\n  (convert with dos2unix)"),
        Entry(SyntaxDiagnostics.ByteOrderMark, Lexer, "<EF BB BF>name = \"vm1\"", "name = \"vm1\"  (save as UTF-8 without BOM)"),
        Entry(SyntaxDiagnostics.CommentWithoutNewline, Lexer + ": a comment is `#.*\\n`", "memory = 512\n# last line, no newline at the end", "memory = 512\n# last line, now ended by a newline\n"),
        Entry(SyntaxDiagnostics.NulCharacter, Lexer + " and " + Reader + " (xlu__cfgl_dequote asserts on a NUL inside a string)", "name = \"vm\\0\"  (a NUL byte)", "name = \"vm\""),
        Entry(SyntaxDiagnostics.UpperCaseKey, Lexer + ": IDENT is [a-z][._0-9a-z]*", "Memory = 512", "memory = 512"),
        Entry(SyntaxDiagnostics.InvalidKeyCharacter, Lexer, "install-method = \"debootstrap\"", "# not an xl setting: remove it, or keep it as a comment"),
        Entry(SyntaxDiagnostics.MissingEquals, Grammar, "name \"vm1\"", "name = \"vm1\""),
        Entry(SyntaxDiagnostics.MissingValue, Grammar, "memory =\n    512", "memory = 512"),
        Entry(SyntaxDiagnostics.MissingSemicolon, Grammar, "vcpus = 2 maxvcpus = 4", "vcpus = 2; maxvcpus = 4"),
        Entry(SyntaxDiagnostics.UnexpectedAfterValue, Grammar, "kernel = \"/boot/a\" \"/boot/b\"", "kernel = \"/boot/a\""),
        Entry(SyntaxDiagnostics.StatementWithoutKey, Grammar, "= \"vm1\"", "name = \"vm1\""),
        Entry(SyntaxDiagnostics.UnterminatedString, Lexer, "root = \"/dev/xvda1", "root = \"/dev/xvda1\""),
        Entry(SyntaxDiagnostics.InvalidEscape, Reader + " (xlu__cfgl_dequote)", "extra = \"init=C:\\windows\"", "extra = \"init=C:\\\\windows\""),
        Entry(SyntaxDiagnostics.UnterminatedList, Grammar, "disk = [ 'phy:vg/vm1,xvda,w'\nname = \"vm1\"", "disk = [ 'phy:vg/vm1,xvda,w' ]\nname = \"vm1\""),
        Entry(SyntaxDiagnostics.MissingComma, Grammar, "disk = [ 'phy:vg/a,xvda,w' 'phy:vg/b,xvdb,w' ]", "disk = [ 'phy:vg/a,xvda,w', 'phy:vg/b,xvdb,w' ]"),
        Entry(SyntaxDiagnostics.UnexpectedInList, Grammar, "vif = [ 'bridge=xenbr0' = ]", "vif = [ 'bridge=xenbr0' ]"),
        Entry(SyntaxDiagnostics.EmptyListElement, Grammar, "vif = [ , 'bridge=xenbr0' ]", "vif = [ 'bridge=xenbr0' ]"),
        Entry(SyntaxDiagnostics.NestingTooDeep, Grammar + "; bison's parser stack is bounded", "x = [[[[ ... ]]]]  (more than 100 levels)", "x = [ 'a', 'b' ]"),
        Entry(SyntaxDiagnostics.AppendTypeMismatch, Reader + " (xlu__cfg_concat_vals)", "extra = \"console=hvc0\"\nextra += [ \"quiet\" ]", "extra = \"console=hvc0\"\nextra += \" quiet\""),
        Entry(SyntaxDiagnostics.PythonStatement, Python, "import os\narch = os.uname()[4]", "arch = \"x86_64\"  (or drop it: xl has no variables)"),
        Entry(SyntaxDiagnostics.PythonOperator, Python, "memory = 256 * 2", "memory = 512"),
        Entry(SyntaxDiagnostics.PythonFormatting, Python, "name = \"vm%d\" % vmid", "name = \"vm7\""),
        Entry(SyntaxDiagnostics.PythonName, Python, "bootloader = pygrub", "bootloader = \"pygrub\""),
        Entry(SyntaxDiagnostics.PythonConstant, Python, "acpi = True", "acpi = 1"),
        Entry(SyntaxDiagnostics.PythonCall, Python, "memory = int(\"512\")", "memory = 512"),
        Entry(SyntaxDiagnostics.PythonFloat, Python, "cpu_weight = 1.5", "cpu_weight = 2"),
        Entry(SyntaxDiagnostics.NegativeNumber, Python, "rtc_timeoffset = -3600", "rtc_timeoffset = \"-3600\""),
        Entry(SyntaxDiagnostics.TripleQuotedString, Python, "extra = \"\"\"console=hvc0\nquiet\"\"\"", "extra = \"console=hvc0 quiet\""),
        Entry(SyntaxDiagnostics.PythonBracket, Python, "cpus = (0, 1)", "cpus = [ \"0\", \"1\" ]"),
        Entry(SyntaxDiagnostics.MalformedNumber, Lexer + ": NUMBER is [0-9][0-9a-fx]*", "memory = 512M", "memory = 512"),
    ];

    private static CatalogEntry Entry(DiagnosticDescriptor descriptor, string source, string example, string fix) =>
        new(descriptor, new RuleDocumentation(source, example, fix));
}
