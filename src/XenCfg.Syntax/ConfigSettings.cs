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
public sealed class ConfigSettings
{
    private readonly Dictionary<string, ConfigValue> _effective;
    private readonly Dictionary<string, Setting> _lastSetting;

    private ConfigSettings(ImmutableArray<Setting> settings, List<string> keyOrder, Dictionary<string, ConfigValue> effective, Dictionary<string, Setting> lastSetting)
    {
        Settings = settings;
        Keys = [.. keyOrder];
        _effective = effective;
        _lastSetting = lastSetting;
    }

    public ImmutableArray<Setting> Settings { get; }

    /// <summary>Keys with an effective value, in order of first appearance.</summary>
    public ImmutableArray<string> Keys { get; }

    public ConfigValue? this[string key] => _effective.GetValueOrDefault(key);

    /// <summary>The assignment that decided the key's effective value (the last '=' or '+=').</summary>
    public Setting? LastSetting(string key) => _lastSetting.GetValueOrDefault(key);

    public IEnumerable<Setting> SettingsOf(string key) => Settings.Where(setting => setting.Name == key);

    public static ConfigSettings From(SyntaxTree tree)
    {
        var settings = ImmutableArray.CreateBuilder<Setting>();
        var keyOrder = new List<string>();
        var effective = new Dictionary<string, EffectiveValue>(StringComparer.Ordinal);
        var last = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (var assignment in tree.Root.Assignments)
        {
            if (assignment.KeyKind != SyntaxKind.IdentifierToken || assignment.IsOperatorMissing)
            {
                continue;
            }

            var value = ToValue(assignment.Value);
            var line = tree.Text.Lines.GetLineFromPosition(assignment.Value.Span.Start).LineNumber;
            var setting = new Setting(assignment, assignment.KeyName, assignment.IsAppend, value, line);
            settings.Add(setting);
            if (value is null)
            {
                continue;
            }

            var name = assignment.KeyName;
            if (!effective.TryGetValue(name, out var previous))
            {
                keyOrder.Add(name);
            }

            if (setting.IsAppend && previous is not null)
            {
                previous.Append(value);
            }
            else if (previous is not null)
            {
                previous.Reset(value);
            }
            else
            {
                effective[name] = new EffectiveValue(value);
            }

            last[name] = setting;
        }

        var values = new Dictionary<string, ConfigValue>(effective.Count, StringComparer.Ordinal);
        foreach (var (name, value) in effective)
        {
            values[name] = value.ToValue();
        }

        return new ConfigSettings(settings.ToImmutable(), keyOrder, values, last);
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

        /// <summary>A plain '=' again: the key starts over with this value.</summary>
        public void Reset(ConfigValue value)
        {
            _value = value;
            _text = null;
            _parts = null;
            _items = null;
        }

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
