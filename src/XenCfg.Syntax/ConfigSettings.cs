using System.Collections.Immutable;

namespace XenCfg.Syntax;

/// <summary>
/// A value as xl holds it after parsing: a string (numbers are kept as their text, as xl does) or a list.
/// </summary>
public abstract record ConfigValue
{
    /// <summary>The syntax the value was read from; for a concatenation by '+=', the last part.</summary>
    public abstract ValueSyntax? Syntax { get; }
}

public sealed record StringConfigValue(string Value, ValueSyntax? Syntax) : ConfigValue
{
    public override ValueSyntax? Syntax { get; } = Syntax;

    /// <summary>
    /// Where each piece of <see cref="Value"/> was written: one part normally, one per assignment after '+='
    /// concatenated strings (each with its offset in the value), so a span of the value maps back into the file.
    /// </summary>
    /// <remarks>
    /// The single part of an ordinary value is made when asked for: nearly all values are one part, and hardly any
    /// is ever mapped back, so the file's thousands of values do not each carry an array for it.
    /// </remarks>
    public ImmutableArray<StringPart> Parts
    {
        get => _parts.IsDefault ? (Syntax is null ? [] : [new StringPart(0, Syntax)]) : _parts;
        init => _parts = value;
    }

    private readonly ImmutableArray<StringPart> _parts;
}

/// <summary>A piece of a string value: its offset in the whole value and the syntax it was read from.</summary>
public readonly record struct StringPart(int Offset, ValueSyntax Syntax);

public sealed record ListConfigValue(ImmutableArray<ConfigValue> Items, ValueSyntax? Syntax) : ConfigValue
{
    public override ValueSyntax? Syntax { get; } = Syntax;
}

/// <summary>One assignment as written.</summary>
/// <param name="Value">Null when the value is not one xl can hold (Python, or missing).</param>
/// <param name="Line">Zero-based line of the value's first token (xl reports settings by this line).</param>
public sealed record Setting(AssignmentSyntax Syntax, string Name, bool IsAppend, ConfigValue? Value, int Line);

/// <summary>
/// What a file sets, the way xl sees it (tools/libs/util/libxlu_cfg.c): the assignments in file order, and the
/// effective value of each key after "the last assignment wins" and '+=' concatenation. This is format-level
/// meaning only; what a key means to Xen is the analysis layer's business.
/// </summary>
/// <remarks>
/// Built lazily, one key at a time: a question about <c>memory</c> makes the settings of the assignments of
/// <c>memory</c> that decide its value, and no others. Which statements set which key comes from the green tree
/// (<see cref="KeyIndex"/>), which an edit that keeps every key where it was does not need to work out again. So after a
/// keystroke in a value, the analysis, which asks again only about the keys the edit touched, makes the settings of
/// those keys only. Thread-safe.
/// </remarks>
public sealed class ConfigSettings
{
    private readonly SyntaxTree _tree;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeySettings> _byKey = new(StringComparer.Ordinal);
    private ImmutableArray<Setting> _settings;
    private ImmutableArray<string> _keys;

    private ConfigSettings(SyntaxTree tree, KeyIndex index)
    {
        _tree = tree;
        Index = index;
    }

    internal KeyIndex Index { get; }

    /// <summary>Every assignment xl reads as a setting (an identifier key and an operator), in file order.</summary>
    public ImmutableArray<Setting> Settings
    {
        get
        {
            lock (_gate)
            {
                if (_settings.IsDefault)
                {
                    var builder = ImmutableArray.CreateBuilder<Setting>();
                    var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                    var root = _tree.Root.Green;
                    for (var i = 0; i < root.SlotCount - 1; i++)
                    {
                        if (KeyIndex.SettingKey(root.GetSlot(i)!) is { } key)
                        {
                            seen.TryGetValue(key, out var at);
                            builder.Add(StateOf(key).Get(at, _tree));
                            seen[key] = at + 1;
                        }
                    }

                    _settings = builder.ToImmutable();
                }

                return _settings;
            }
        }
    }

    /// <summary>Every key set (with an operator), in order of first appearance: <see cref="Keys"/> and the keys set only to values xl cannot hold.</summary>
    public ImmutableArray<string> AssignedKeys => Index.Keys;

    /// <summary>Keys with an effective value, in order of first appearance.</summary>
    public ImmutableArray<string> Keys
    {
        get
        {
            lock (_gate)
            {
                if (_keys.IsDefault)
                {
                    var root = _tree.Root.Green;
                    var firstHolding = new List<(int Statement, string Key)>(Index.Keys.Length);
                    foreach (var key in Index.Keys)
                    {
                        foreach (var statement in Index.StatementsOf(key))
                        {
                            if (KeyIndex.HoldsValue(root.GetSlot(statement)!))
                            {
                                firstHolding.Add((statement, key));
                                break;
                            }
                        }
                    }

                    firstHolding.Sort((left, right) => left.Statement.CompareTo(right.Statement));
                    _keys = [.. firstHolding.Select(pair => pair.Key)];
                }

                return _keys;
            }
        }
    }

    public ConfigValue? this[string key]
    {
        get
        {
            lock (_gate)
            {
                return StateOf(key).Effective(_tree).Value;
            }
        }
    }

    /// <summary>The assignment that decided the key's effective value (the last '=' or '+=').</summary>
    public Setting? LastSetting(string key)
    {
        lock (_gate)
        {
            return StateOf(key).Effective(_tree).Last;
        }
    }

    /// <summary>Every setting of one key, in file order.</summary>
    public IEnumerable<Setting> SettingsOf(string key)
    {
        lock (_gate)
        {
            var state = StateOf(key);
            var settings = new Setting[state.Count];
            for (var i = 0; i < settings.Length; i++)
            {
                settings[i] = state.Get(i, _tree);
            }

            return settings;
        }
    }

    public static ConfigSettings From(SyntaxTree tree) => From(tree, previous: null);

    /// <summary>
    /// The settings of <paramref name="tree"/>; when it was made by an edit of <paramref name="previous"/>'s tree
    /// (<see cref="SyntaxTree.Change"/>), the index of which statement sets which key is taken from it when it still holds.
    /// </summary>
    public static ConfigSettings From(SyntaxTree tree, ConfigSettings? previous)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var reusable = previous is not null && ReferenceEquals(tree.Change?.OldTree, previous._tree) ? previous.Index : null;
        return new ConfigSettings(tree, KeyIndex.For(tree, reusable));
    }

    private KeySettings StateOf(string key)
    {
        if (!_byKey.TryGetValue(key, out var state))
        {
            _byKey[key] = state = new KeySettings(Index.StatementsOf(key));
        }

        return state;
    }

    /// <summary>One key's settings, each made when first asked for, and its effective value.</summary>
    private sealed class KeySettings(int[] statements)
    {
        private readonly Setting?[] _made = statements.Length == 0 ? [] : new Setting?[statements.Length];
        private (ConfigValue? Value, Setting? Last)? _effective;

        public int Count => statements.Length;

        public Setting Get(int at, SyntaxTree tree)
        {
            if (_made[at] is { } made)
            {
                return made;
            }

            var assignment = (AssignmentSyntax)tree.Root.GetChild(statements[at])!;
            var value = ToValue(assignment.Value);
            var line = tree.Text.Lines.GetLineFromPosition(assignment.Value.Span.Start).LineNumber;
            return _made[at] = new Setting(assignment, assignment.KeyName, assignment.IsAppend, value, line);
        }

        /// <summary>
        /// The value xl ends up with: read from the last plain '=' with a value (or, when every one appends, the first
        /// with a value), with the '+=' after it; only those settings are made.
        /// </summary>
        public (ConfigValue? Value, Setting? Last) Effective(SyntaxTree tree)
        {
            if (_effective is { } known)
            {
                return known;
            }

            var root = tree.Root.Green;
            int from = -1, firstHolding = -1, lastHolding = -1;
            for (var at = statements.Length - 1; at >= 0 && from < 0; at--)
            {
                var statement = root.GetSlot(statements[at])!;
                if (!KeyIndex.HoldsValue(statement))
                {
                    continue;
                }

                lastHolding = lastHolding < 0 ? at : lastHolding;
                firstHolding = at;
                if (statement.GetSlot(1)!.Kind != SyntaxKind.PlusEqualsToken)
                {
                    from = at;
                }
            }

            from = from < 0 ? firstHolding : from;
            if (from < 0)
            {
                _effective = (null, null);
                return _effective.Value;
            }

            var effective = new EffectiveValue(Get(from, tree).Value!);
            for (var at = from + 1; at < statements.Length; at++)
            {
                if (KeyIndex.HoldsValue(root.GetSlot(statements[at])!))
                {
                    effective.Append(Get(at, tree).Value!);
                }
            }

            _effective = (effective.ToValue(), Get(lastHolding, tree));
            return _effective.Value;
        }
    }

    /// <summary>
    /// A key's value while the file is read. '+=' appends to a builder, so a key appended to a hundred thousand
    /// times costs linear time (concatenating the whole value each time was quadratic).
    /// </summary>
    private sealed class EffectiveValue(ConfigValue value)
    {
        private ConfigValue _value = value;
        private System.Text.StringBuilder? _text;
        private ImmutableArray<StringPart>.Builder? _parts;
        private ImmutableArray<ConfigValue>.Builder? _items;

        /// <summary>String + string or list + list; a mismatch (a syntax error in xl) keeps the new value.</summary>
        public void Append(ConfigValue value)
        {
            switch (_value, value)
            {
                case (StringConfigValue left, StringConfigValue right):
                    if (_text is null)
                    {
                        _text = new System.Text.StringBuilder(left.Value);
                        _parts = left.Parts.ToBuilder();
                    }

                    _parts!.AddRange(right.Parts.Select(part => part with { Offset = part.Offset + _text.Length }));
                    _text.Append(right.Value);
                    break;
                case (ListConfigValue left, ListConfigValue right):
                    _items ??= left.Items.ToBuilder();
                    _items.AddRange(right.Items);
                    break;
                default:
                    _text = null;
                    _parts = null;
                    _items = null;
                    break;
            }

            _value = value;
        }

        public ConfigValue ToValue() => _value switch
        {
            StringConfigValue last when _text is not null => new StringConfigValue(_text.ToString(), last.Syntax) { Parts = _parts!.ToImmutable() },
            ListConfigValue last when _items is not null => new ListConfigValue(_items.ToImmutable(), last.Syntax),
            _ => _value,
        };
    }

    /// <summary>Converts syntax to a value; null when xl could not hold it.</summary>
    public static ConfigValue? ToValue(ValueSyntax syntax)
    {
        switch (syntax)
        {
            case LiteralValueSyntax literal:
                return new StringConfigValue(literal.ValueText, literal);
            case ListValueSyntax list:
                var items = ImmutableArray.CreateBuilder<ConfigValue>();
                foreach (var element in list.Elements)
                {
                    if (ToValue(element.Value) is { } item)
                    {
                        items.Add(item);
                    }
                }

                return new ListConfigValue(items.ToImmutable(), list);
            default:
                return null;
        }
    }
}
