using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax.Tests;

/// <summary>
/// <see cref="SyntaxTree.WithChangedText"/> reparses only the statements an edit touches. Whatever the edits, the
/// tree must be the one a fresh parse makes: the same green structure (kinds, texts, trivia, missing tokens, every
/// diagnostic, every statement's lookahead), the same diagnostics, the same text. And it must really reuse: the
/// statements away from an edit are the old tree's nodes.
/// </summary>
public sealed class IncrementalParsingTests
{
    private static readonly string Config = string.Concat(Enumerable.Range(0, 60).Select(i => (i % 6) switch
    {
        0 => $"disk = [ 'phy:/dev/vg0/vm{i},xvda,w',\n         'file:/srv/img/data{i}.img,xvdb,r' ]\n",
        1 => $"vif = [ 'mac=00:16:3e:{i:D2}:00:01,bridge=xenbr0' ]\n",
        2 => "# a comment line\n",
        3 => $"memory = {512 + i}\n",
        4 => "vcpus = 2\n",
        _ => "extra = \"console=hvc0 root=/dev/xvda1 ro quiet\"\n",
    }));

    private static SourceText Edit(SourceText text, int start, int length, string newText) =>
        text.WithChanges(new TextChange(new TextSpan(start, length), newText));

    /// <summary>The incremental tree, checked against a fresh parse of the same text.</summary>
    private static SyntaxTree Reparse(SyntaxTree tree, SourceText text)
    {
        var incremental = tree.WithChangedText(text);
        AssertSameAsFreshParse(incremental);
        return incremental;
    }

    private static void AssertSameAsFreshParse(SyntaxTree incremental)
    {
        var fresh = SyntaxTree.Parse(incremental.Text.ToString());
        Assert.Equal(GreenDump.Of(fresh.Root.Green), GreenDump.Of(incremental.Root.Green));
        Assert.Equal(Describe(fresh.GetDiagnostics()), Describe(incremental.GetDiagnostics()));
        Assert.Equal(incremental.Text.ToString(), incremental.Root.ToFullString());
    }

    private static string Describe(IEnumerable<Diagnostics.ConfigDiagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(diagnostic => $"{diagnostic.Span} {diagnostic.Severity} {diagnostic.Id} {diagnostic.Message}"));

    private static StatementEditView EditOf(SyntaxTree tree) =>
        tree.Change is { } edit ? new(edit.FirstStatement, edit.OldStatementCount, edit.NewStatementCount, edit.EndOfFileReplaced) : throw new InvalidOperationException("parsed whole");

    private sealed record StatementEditView(int First, int OldCount, int NewCount, bool EndOfFileReplaced);

    private static int LineStart(SourceText text, int line) => text.Lines[line].Start;

    [Fact]
    public void A_keystroke_in_a_value_reparses_that_statement_only_and_keeps_every_other_node()
    {
        var tree = SyntaxTree.Parse(Config);
        var line = tree.Text.Lines[39];
        Assert.Equal("memory = 545", line.ToString());

        var edited = Reparse(tree, Edit(tree.Text, line.End, 0, "7"));

        Assert.Equal(new StatementEditView(First: 33, OldCount: 1, NewCount: 1, EndOfFileReplaced: false), EditOf(edited));
        var oldRoot = tree.Root.Green;
        var newRoot = edited.Root.Green;
        Assert.Equal(oldRoot.SlotCount, newRoot.SlotCount);
        for (var i = 0; i < oldRoot.SlotCount; i++)
        {
            Assert.Equal(i != 33, ReferenceEquals(oldRoot.GetSlot(i), newRoot.GetSlot(i)));
        }
    }

    [Fact]
    public void Typing_at_the_start_of_a_line_does_not_reparse_the_line_before()
    {
        var tree = SyntaxTree.Parse(Config);

        var edited = Reparse(tree, Edit(tree.Text, LineStart(tree.Text, 39), 0, "#"));

        Assert.Equal(33, EditOf(edited).First);
    }

    [Fact]
    public void An_opened_quote_reads_to_the_end_of_its_line_and_the_next_line_is_reused()
    {
        var tree = SyntaxTree.Parse(Config);
        var at = tree.Text.ToString().IndexOf("\"console", StringComparison.Ordinal);

        var edited = Reparse(tree, Edit(tree.Text, at, 0, "'"));

        Assert.Equal(new StatementEditView(First: 5, OldCount: 1, NewCount: 1, EndOfFileReplaced: false), EditOf(edited));
        Assert.Contains(edited.GetDiagnostics(), diagnostic => diagnostic.Id == "XCFG0020");
    }

    [Fact]
    public void An_opened_bracket_looks_past_blank_lines_for_the_next_setting_and_then_depends_on_it()
    {
        var tree = SyntaxTree.Parse("name = \"vm\"\nmemory = 512\n# one\n\n# two\nvcpus = 2\nmaxmem = 1024\n");
        var at = tree.Text.ToString().IndexOf("512", StringComparison.Ordinal);

        var opened = Reparse(tree, Edit(tree.Text, at, 0, "["));

        // The list ends, unclosed, before the blank and comment lines, as `vcpus =` after them starts a setting: the
        // next statement is the old one. But memory's statement looked at `vcpus =`, so an edit there reparses it.
        Assert.Equal(new StatementEditView(First: 1, OldCount: 1, NewCount: 1, EndOfFileReplaced: false), EditOf(opened));
        Assert.Same(tree.Root.Green.GetSlot(2), opened.Root.Green.GetSlot(2));
        Assert.True(opened.Root.Green.GetSlot(1)!.LookaheadWidth > 0);

        var swallowed = Reparse(opened, Edit(opened.Text, opened.Text.ToString().IndexOf("= 2", StringComparison.Ordinal), 1, ""));

        Assert.Equal(1, EditOf(swallowed).First);
    }

    [Fact]
    public void A_triple_quote_runs_to_the_end_of_the_file()
    {
        var tree = SyntaxTree.Parse(Config);

        var edited = Reparse(tree, Edit(tree.Text, LineStart(tree.Text, 10), 0, "x = '''"));

        Assert.True(EditOf(edited).EndOfFileReplaced);
    }

    [Fact]
    public void A_statement_that_looked_past_its_end_is_reparsed_when_what_it_looked_at_changes()
    {
        // `a = 1` has no ';' before `b`: the parser looked at `b =` to say so, so `a = 1 ` depends on it.
        var tree = SyntaxTree.Parse("name = \"vm\"\na = 1 b = 2\nc = 3\n");
        var statement = tree.Root.Green.GetSlot(1)!;
        Assert.Equal("b = ".Length + 1, statement.LookaheadWidth); // `b =`, its blank, and the character after

        var edited = Reparse(tree, Edit(tree.Text, tree.Text.ToString().IndexOf("= 2", StringComparison.Ordinal), 1, ":"));

        Assert.Equal(1, EditOf(edited).First);
    }

    [Fact]
    public void A_list_left_open_depends_on_the_setting_after_the_blank_lines_that_follow_it()
    {
        var tree = SyntaxTree.Parse("disk = [ 'a',\n\n\nmemory = 512\nvcpus = 2\n");
        Assert.True(tree.Root.Green.GetSlot(0)!.LookaheadWidth > 0);

        // Without its '=', `memory` no longer starts a setting: the list runs on.
        var edited = Reparse(tree, Edit(tree.Text, tree.Text.ToString().IndexOf('=', 20), 1, ""));

        Assert.Equal(0, EditOf(edited).First);
    }

    [Theory]
    [InlineData("\uFEFF", 0, true)]
    [InlineData("", 1, false)]
    [InlineData("x", 1, false)]
    [InlineData("x", 0, false)]
    public void A_byte_order_mark_counts_only_at_the_very_start(string inserted, int replaced, bool byteOrderMark)
    {
        var tree = SyntaxTree.Parse("\uFEFFname = \"vm\"\nmemory = 512\n");

        var edited = Reparse(tree, Edit(tree.Text, 0, replaced, inserted));

        Assert.Equal(byteOrderMark, edited.GetDiagnostics().Any(diagnostic => diagnostic.Id == "XCFG0003"));
    }

    [Fact]
    public void Deleting_everything_and_typing_into_an_empty_file()
    {
        var tree = SyntaxTree.Parse(Config);

        var empty = Reparse(tree, Edit(tree.Text, 0, tree.Text.Length, ""));
        var typed = Reparse(empty, Edit(empty.Text, 0, 0, "name = \"vm\"\n"));
        var appended = Reparse(typed, Edit(typed.Text, typed.Text.Length, 0, "memory = 1"));

        Assert.Equal("name = \"vm\"\nmemory = 1", appended.Root.ToFullString());
        Assert.Equal(new StatementEditView(First: 1, OldCount: 0, NewCount: 1, EndOfFileReplaced: true), EditOf(appended));
    }

    [Fact]
    public void Carriage_returns_and_append_types_are_worked_out_for_the_whole_file_after_an_edit()
    {
        var tree = SyntaxTree.Parse("extra = \"a\"\r\nname = \"vm\"\nextra += \"b\"\r\n");
        Assert.Equal(["XCFG0002"], tree.GetDiagnostics().Select(diagnostic => diagnostic.Id));

        // The first assignment becomes a list: the third, not reparsed, now appends a string to a list.
        var edited = Reparse(tree, Edit(tree.Text, 8, 3, "[ \"a\" ]"));
        var crlf = Reparse(edited, Edit(edited.Text, edited.Text.ToString().IndexOf("\"vm\"", StringComparison.Ordinal) + 4, 0, "\r"));

        Assert.Equal(["XCFG0002", "XCFG0040"], edited.GetDiagnostics().Select(diagnostic => diagnostic.Id));
        Assert.Equal("; 2 more lines end the same way", crlf.GetDiagnostics().Single(diagnostic => diagnostic.Id == "XCFG0002").Arguments[0]);
    }

    [Fact]
    public void A_file_with_many_diagnostics_is_parsed_whole_so_the_per_kind_cap_stays_right()
    {
        var tree = SyntaxTree.Parse(string.Concat(Enumerable.Repeat("x = 512M\n", 600)));

        var edited = Reparse(tree, Edit(tree.Text, 0, 0, "y = 1M\n"));

        Assert.Null(edited.Change);
    }

    [Fact]
    public void A_text_not_made_from_the_old_one_is_parsed_whole()
    {
        var tree = SyntaxTree.Parse(Config);

        var other = tree.WithChangedText(SourceText.From(Config + "vcpus = 4\n"));

        Assert.Null(other.Change);
        AssertSameAsFreshParse(other);
    }

    // ---- The property -----------------------------------------------------------------------------------------

    [Property(MaxTest = 1000, Arbitrary = [typeof(EditArbitraries)])]
    public void Any_sequence_of_edits_gives_the_tree_a_fresh_parse_gives(EditScript script)
    {
        var tree = SyntaxTree.Parse(script.Text);
        foreach (var edit in script.Edits)
        {
            var text = tree.Text;
            var (start, length) = edit.Resolve(text.Length);
            tree = tree.WithChangedText(Edit(text, start, length, edit.Inserted));
            AssertSameAsFreshParse(tree);
        }
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(EditArbitraries)])]
    public void Settings_made_after_any_edit_are_those_of_a_fresh_parse(EditScript script)
    {
        var tree = SyntaxTree.Parse(script.Text);
        var settings = ConfigSettings.From(tree);
        foreach (var edit in script.Edits)
        {
            // Read as the analysis reads them: every key's value, so the next edit starts from settings in use.
            _ = SettingsDump.Of(settings);
            var (start, length) = edit.Resolve(tree.Text.Length);
            tree = tree.WithChangedText(Edit(tree.Text, start, length, edit.Inserted));
            settings = ConfigSettings.From(tree, settings);
            Assert.Equal(SettingsDump.Of(ConfigSettings.From(SyntaxTree.Parse(tree.Text))), SettingsDump.Of(settings));
        }
    }

    [Fact]
    public void A_keystroke_in_a_value_keeps_the_index_of_which_statement_sets_which_key()
    {
        var tree = SyntaxTree.Parse(Config);
        var settings = ConfigSettings.From(tree);
        var line = tree.Text.Lines[39];

        var typed = tree.WithChangedText(Edit(tree.Text, line.End, 0, "7"));
        var afterTyping = ConfigSettings.From(typed, settings);
        var renamed = typed.WithChangedText(Edit(typed.Text, line.Start, "memory".Length, "maxmem"));
        var afterRenaming = ConfigSettings.From(renamed, afterTyping);

        Assert.Same(settings.Index, afterTyping.Index);
        Assert.NotSame(afterTyping.Index, afterRenaming.Index);
        Assert.Equal("5457", afterTyping.SettingsOf("memory").ElementAt(5).Value is StringConfigValue { Value: var typedValue } ? typedValue : null);
        Assert.Equal(["memory", "maxmem"], afterRenaming.Keys.Where(key => key.StartsWith('m')));
        Assert.Equal(SettingsDump.Of(ConfigSettings.From(SyntaxTree.Parse(renamed.Text))), SettingsDump.Of(afterRenaming));
    }
}

/// <summary>Everything <see cref="ConfigSettings"/> says about a file, written out (spans included).</summary>
internal static class SettingsDump
{
    public static string Of(ConfigSettings settings)
    {
        var builder = new StringBuilder();
        builder.Append("keys: ").AppendJoin(' ', settings.Keys).Append('\n');
        builder.Append("assigned: ").AppendJoin(' ', settings.AssignedKeys).Append('\n');
        foreach (var setting in settings.Settings)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{setting.Syntax.Span} {setting.Name} {(setting.IsAppend ? "+=" : "=")} line {setting.Line}: ");
            Value(builder, setting.Value);
            builder.Append('\n');
        }

        foreach (var key in settings.AssignedKeys)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{key}: {settings.SettingsOf(key).Count()} settings, last at {settings.LastSetting(key)?.Syntax.Span}, value ");
            Value(builder, settings[key]);
            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static void Value(StringBuilder builder, ConfigValue? value)
    {
        switch (value)
        {
            case null:
                builder.Append("none");
                break;
            case StringConfigValue text:
                builder.Append(SyntaxDump.Escape(text.Value)).Append(" from");
                foreach (var part in text.Parts)
                {
                    builder.Append(CultureInfo.InvariantCulture, $" {part.Offset}@{part.Syntax.Span}");
                }

                break;
            case ListConfigValue list:
                builder.Append(CultureInfo.InvariantCulture, $"{list.Syntax?.Span} [");
                foreach (var item in list.Items)
                {
                    Value(builder, item);
                    builder.Append(", ");
                }

                builder.Append(']');
                break;
        }
    }
}

/// <summary>One edit, placed relative to the text's length when it is applied.</summary>
public sealed record TextEdit(EditPlace Place, int StartPermille, int LengthPermille, string Inserted)
{
    public (int Start, int Length) Resolve(int textLength) => Place switch
    {
        EditPlace.Start => (0, 0),
        EditPlace.End => (textLength, 0),
        EditPlace.Everything => (0, textLength),
        _ => ResolveAnywhere(textLength),
    };

    private (int Start, int Length) ResolveAnywhere(int textLength)
    {
        var start = (int)((long)StartPermille * textLength / 1000);
        var length = Math.Min(textLength - start, (int)((long)LengthPermille * textLength / 4000));
        return (start, length);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Place} {StartPermille}‰ +{LengthPermille}‰/4 ← {SyntaxDump.Escape(Inserted)}");
}

public enum EditPlace
{
    Anywhere,
    Start,
    End,
    Everything,
}

public sealed record EditScript(string Text, TextEdit[] Edits)
{
    public override string ToString() => SyntaxDump.Escape(Text) + "\n" + string.Join("\n", Edits.Select(edit => edit.ToString()));
}

public static class EditArbitraries
{
    private static readonly string[] Lines =
    [
        "name = \"vm1\"\n", "memory = 512\n", "vcpus = 2\n", "disk = [ 'phy:/dev/vg0/a,xvda,w',\n         'file:/x.img,xvdb,r' ]\n",
        "vif = [ 'mac=00:16:3e:00:00:01,bridge=xenbr0' ]\n", "# comment\n", "\n", "extra = \"console=hvc0\"\n", "extra += \" quiet\"\n",
        "a = 1 b = 2\n", "x = [ 1,\n\n", "def f():\n    return 1\n", "import os\n", "kernel = '/boot/vmlinuz'\r\n", "k = 1; l = 2\n",
        "install-method = 1\n", "m = '''\n", "n = \"\\x41\"\n",
    ];

    /// <summary>What an editor's user, or a hostile one, types: config pieces, quotes, brackets, \r, NUL, escaped bytes.</summary>
    private static readonly string[] Insertions =
    [
        "'", "\"", "[", "]", "(", ")", "{", "}", "'''", "\"\"\"", "\r", "\r\n", "\n", "\0", "\uDC80", "\uDCFF", "\uFEFF", "#", "\\",
        "=", "+=", ";", ",", " ", "\t", "-", "a", "x.y", "Memory", "512", "0x1f", "1.5", "True", "key = 1\n", "disk = [ 'a',\n",
        "def f():\n  x\n", "a-b = 1", "# c", "é", "\uD83D\uDE00", "\uD83D", "",
    ];

    public static Arbitrary<EditScript> EditScript()
    {
        var text = Gen.OneOf(
            Gen.ListOf(Gen.Elements(Lines)).Select(string.Concat),
            Gen.ListOf(Gen.Elements(Insertions.Concat(Lines).ToArray())).Select(string.Concat));
        var insertion = Gen.OneOf(
            Gen.Elements(Insertions),
            Gen.Elements(Lines),
            Gen.ListOf(Gen.Elements(Insertions)).Select(parts => string.Concat(parts.Take(4))));
        var place = Gen.Frequency(
            (12, Gen.Constant(EditPlace.Anywhere)),
            (1, Gen.Constant(EditPlace.Start)),
            (1, Gen.Constant(EditPlace.End)),
            (1, Gen.Constant(EditPlace.Everything)));
        var edit =
            from edited in place
            from start in Gen.Choose(0, 1000)
            from length in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(0, 1000)))
            from inserted in insertion
            select new TextEdit(edited, start, length, inserted);
        return Arb.From(
            from body in text
            from edits in Gen.ListOf(edit)
            select new EditScript(body, [.. edits.Take(30)]));
    }
}

/// <summary>A green tree written out whole: kinds, texts, trivia, missing tokens, diagnostics and lookahead widths.</summary>
internal static class GreenDump
{
    public static string Of(GreenNode root)
    {
        var builder = new StringBuilder();
        Write(builder, root, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, GreenNode node, int depth)
    {
        builder.Append(' ', depth * 2).Append(node.Kind).Append(" w").Append(node.FullWidth);
        if (node.IsMissing)
        {
            builder.Append(" missing");
        }

        if (node.LookaheadWidth > 0)
        {
            builder.Append(" lookahead ").Append(node.LookaheadWidth);
        }

        Diagnostics(builder, node);
        if (node is GreenToken token)
        {
            builder.Append(' ').Append(SyntaxDump.Escape(token.Text));
            foreach (var (side, trivia) in token.Leading.Select(trivia => ("leading", trivia)).Concat(token.Trailing.Select(trivia => ("trailing", trivia))))
            {
                builder.Append(" (").Append(side).Append(' ').Append(trivia.Kind).Append(' ').Append(SyntaxDump.Escape(trivia.Text));
                Diagnostics(builder, trivia);
                builder.Append(')');
            }

            builder.Append('\n');
            return;
        }

        builder.Append('\n');
        for (var i = 0; i < node.SlotCount; i++)
        {
            if (node.GetSlot(i) is { } child)
            {
                Write(builder, child, depth + 1);
            }
            else
            {
                builder.Append(' ', (depth + 1) * 2).Append("null\n");
            }
        }
    }

    private static void Diagnostics(StringBuilder builder, GreenNode node)
    {
        foreach (var diagnostic in node.Diagnostics ?? [])
        {
            builder.Append(" [").Append(diagnostic.Descriptor.Id).Append(' ').Append(diagnostic.Offset).Append('+').Append(diagnostic.Length)
                .Append(' ').Append(string.Join("|", diagnostic.Arguments.Select(argument => Convert.ToString(argument, CultureInfo.InvariantCulture)))).Append(']');
        }
    }
}
