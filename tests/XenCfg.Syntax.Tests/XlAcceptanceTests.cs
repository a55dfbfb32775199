namespace XenCfg.Syntax.Tests;

/// <summary>
/// Whether xl reads a file, case by case. Each expectation was observed with Xen's own parser (libxlu at
/// c447b7308b) on the same bytes; the file is accepted exactly when xl accepts it.
/// </summary>
public class XlAcceptanceTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "empty file", "", true },
        { "lone semicolon without newline", ";", true },
        { "last setting without newline", "x = 1", true },
        { "semicolon ends the last setting", "x = 1;", true },
        { "two settings with semicolon", "a = 1; b = 2\n", true },
        { "two settings without semicolon", "a = 1 b = 2\n", false },
        { "trailing comma", "x = [ 'a', ]\n", true },
        { "lone comma", "x = [ , ]\n", false },
        { "double comma", "x = [ 'a', , 'b' ]\n", false },
        { "missing comma", "x = [ 'a' 'b' ]\n", false },
        { "empty list", "x = [ ]\n", true },
        { "list over lines with comma on its own line", "x = [\n 'a'\n ,\n 'b'\n ]\n", true },
        { "value on the next line", "x =\n 5\n", false },
        { "nested lists", "x = [ [ 'a' ], 'b' ]\n", true },
        { "append without earlier value", "x += 'a'\n", true },
        { "append list to string", "x = 'a'\nx += ['b']\n", false },
        { "append string to list", "x = ['a']\nx += 'b'\n", false },
        { "append number to number", "x = 1\nx += 2\n", true },
        { "append after reassignment", "x = 'a'\nx += 'b'\nx = 'c'\nx += 'd'\n", true },
        { "upper-case key", "Memory = 1\n", false },
        { "hyphen in key", "install-method = 1\n", false },
        { "unit suffix", "memory = 512M\n", false },
        { "upper-case hex", "x = 0x1F\n", false },
        { "lower-case hex and odd numbers", "x = 0x1f\ny = 0xxx\nz = 1e5\nw = 9fx\nv = 010\n", true },
        { "float", "x = 1.5\n", false },
        { "negative number", "x = -1\n", false },
        { "triple-quoted string", "x = '''abc'''\n", false },
        { "two strings", "x = 'a' 'b'\n", false },
        { "unterminated string", "x = 'unterminated\n", false },
        { "unterminated list at end of file", "x = [ 'a'\n", false },
        { "double equals", "x = 1\ny = 2\n\n\nz = = 3\n", false },
        { "dots and underscores in key", "x.y_1 = 1\n", true },
        { "CRLF on setting lines", "x = 1\r\ny = 2\r\n", false },
        { "CRLF on a blank line", "x = 1\n\r\ny = 2\n", false },
        { "CRLF on a comment line", "# comment\r\nx = 1\n", true },
        { "CRLF after trailing comments", "x = 1 # c\r\ny = 2 # d\r\n", true },
        { "byte-order mark", "\uFEFFx = 1\n", false },
        { "byte-order mark before a comment", "\uFEFF# comment\nx = 1\n", false },
        { "comment on the last line without newline", "x = 1\n# last", false },
        { "trailing comment without newline", "x = 1 # trailing", false },
        { "NUL inside a string", "x = \"a\0b\"\n", false },
        { "NUL outside a string", "x = 1\0\ny = 2\n", false },
        { "NUL inside a comment", "# comment \0 here\nx = 1\n", true },
        { "hex escape", "x = \"\\x41\"\n", false },
        { "short hex escape", "x = \"\\x4\"\n", false },
        { "octal escape of three digits", "x = \"\\101\"\n", true },
        { "octal escape of one digit", "x = \"\\1\"\n", false },
        { "octal escape of two digits", "x = \"\\12\"\n", false },
        { "octal escape with blank and digits", "x = \"\\0 12\"\n", true },
        { "octal escape followed by 8", "x = \"\\08\"\n", false },
        { "octal escape with sign", "x = \"\\0-1\"\n", true },
        { "newline escape", "x = \"\\n\"\n", true },
        { "unknown escape", "x = \"\\d\"\n", false },
        { "escaped colon", "x = \"\\:\"\n", false },
        { "every simple escape", "x = '\\a\\b\\f\\r\\t\\v\\\\\\\"\\''\n", true },
        { "escaped backslash before colon", "x = \"a\\\\:b\"\n", true },
        { "Python import", "import os\nx = 1\n", false },
        { "Python formatting", "name = \"vm%d\" % vmid\n", false },
        { "bare word", "name = debootstrap\n", false },
        { "True", "acpi = True\n", false },
        { "tuple", "x = (1, 2)\n", false },
        { "keywords are keys in xl", "import = 1\nif = 'x'\n", true },
        { "comment lines and blank lines", "# a\n\n   \n\t# b\nx = 1 # c\n", true },
        { "list with comments inside", "disk = [ # first\n  'a', # one\n  # between\n  'b',\n]\n", true },
        { "equals without key", "= 1\n", false },
        { "stray closing bracket", "x = 1 ]\n", false },
        { "key without value at end", "x =", false },
        { "key alone", "x\n", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Acceptance_matches_xl(string name, string text, bool acceptedByXl)
    {
        var tree = SyntaxTree.Parse(text);

        Assert.True(acceptedByXl == tree.IsReadableByXl,
            $"{name}: expected {(acceptedByXl ? "accepted" : "rejected")}, got: {string.Join("; ", tree.GetDiagnostics())}");
        Assert.Equal(text, tree.Root.ToFullString());
    }
}
