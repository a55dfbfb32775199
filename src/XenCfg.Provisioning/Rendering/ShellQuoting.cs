namespace XenCfg.Provisioning.Rendering;

/// <summary>Quoting for the generated bash script.</summary>
public static class ShellQuoting
{
    /// <summary>
    /// One word in single quotes, which bash reads with no expansion at all; a single quote inside becomes
    /// <c>'"'"'</c> (close, a double-quoted quote, reopen). Safe for any text, <c>$(...)</c> and backticks included.
    /// </summary>
    public static string Quote(string word) => "'" + word.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";

    /// <summary>A command line with every word quoted.</summary>
    public static string Command(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    /// <summary>Text for a comment line: control characters (a newline would end the comment) shown as '?'.</summary>
    public static string CommentText(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}
