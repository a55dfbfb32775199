using System.Runtime.CompilerServices;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Model;

/// <summary>The kind of guest, which decides how disks and NICs are presented.</summary>
public enum GuestType
{
    Pv,
    Pvh,
    Hvm,
}

/// <summary>
/// What one config means: the domain's name, type, memory and CPUs, its disks, network interfaces and boot
/// settings, each linked to the syntax it came from. Built lazily, once per tree, and shared (a tree is
/// immutable, so the model is too).
/// </summary>
public sealed class SemanticModel
{
    private static readonly ConditionalWeakTable<SyntaxTree, SemanticModel> Cache = new();

    private readonly Lazy<ConfigSettings> _settings;
    private readonly Lazy<DomainInfo> _domain;
    private readonly Lazy<ConfigKind> _kind;
    private readonly Lazy<IReadOnlyList<DiskEntry>> _disks;
    private readonly Lazy<IReadOnlyList<VifEntry>> _vifs;
    private readonly Lazy<BootSettings> _boot;

    /// <summary>
    /// The model of the tree this one's was made from by an edit (<see cref="SyntaxTree.Change"/>), while this model may
    /// still reuse what was worked out there: its settings' key index and its rules' findings.
    /// A newer model made from this one drops this link, so models never chain.
    /// </summary>
    private SemanticModel? _previous;

    private SemanticModel(SyntaxTree tree, SemanticModel? previous)
    {
        Tree = tree;
        _previous = previous;
        if (previous is not null)
        {
            Volatile.Write(ref previous._previous, null);
        }

        _settings = new Lazy<ConfigSettings>(() => ConfigSettings.From(tree, Volatile.Read(ref _previous) is { _settings.IsValueCreated: true } before ? before.Settings : null));
        _domain = new Lazy<DomainInfo>(() => DomainInfo.Read(this));
        _kind = new Lazy<ConfigKind>(() => ConfigKindDetector.Detect(tree, Settings));
        _disks = new Lazy<IReadOnlyList<DiskEntry>>(() => [.. ListStrings("disk").Select((syntax, index) => new DiskEntry(index, syntax, Dialect))]);
        _vifs = new Lazy<IReadOnlyList<VifEntry>>(() => [.. ListStrings("vif").Select((syntax, index) => new VifEntry(index, syntax))]);
        _boot = new Lazy<BootSettings>(() => new BootSettings(this));
    }

    public static SemanticModel For(SyntaxTree tree) =>
        Cache.GetValue(tree, static tree => new SemanticModel(tree, tree.Change is { } change && Cache.TryGetValue(change.OldTree, out var previous) ? previous : null));

    /// <summary>The model this one was made after an edit of (see <see cref="_previous"/>); null when there is none.</summary>
    internal SemanticModel? Previous => Volatile.Read(ref _previous);

    /// <summary>What the rules found in this model, kept for the next edit (see <see cref="Rules.RuleRunner"/>).</summary>
    internal Rules.RuleMemo? RuleMemo { get; set; }

    /// <summary>
    /// Drops the cached model of a tree (a later <see cref="For"/> builds it again). For callers done with a tree's
    /// model that keep the tree: each cached model is a dependent handle every collection has to scan.
    /// </summary>
    public static void Forget(SyntaxTree tree) => Cache.Remove(tree);

    public SyntaxTree Tree { get; }

    public Dialect Dialect => Tree.Options.Dialect;

    /// <summary>The assignments and effective values, as xl reads them.</summary>
    public ConfigSettings Settings => _settings.Value;

    public DomainInfo Domain => _domain.Value;

    /// <summary>The guest's type, as <see cref="Domain"/> reads it, without reading the other domain settings.</summary>
    public GuestType GuestType => _domain.IsValueCreated ? Domain.Type : DomainInfo.ReadType(this).Type;

    /// <summary>Whether this is a domain config, or one of xl's other files in the same syntax.</summary>
    public ConfigKind Kind => _kind.Value;

    /// <summary>The disks, in list order (only string elements: xl skips anything else).</summary>
    public IReadOnlyList<DiskEntry> Disks => _disks.Value;

    /// <summary>The network interfaces, in list order.</summary>
    public IReadOnlyList<VifEntry> Vifs => _vifs.Value;

    public BootSettings Boot => _boot.Value;

    /// <summary>
    /// A key's effective value when it is a single value (a string or a number's text), as xl's
    /// xlu_cfg_get_string reads it; null when unset or when it is a list.
    /// </summary>
    public ScalarSetting? GetScalar(string key) =>
        Settings.LastSetting(key) is { } setting && Settings[key] is StringConfigValue value
            ? new ScalarSetting(setting, value.Value) { Effective = value }
            : null;

    /// <summary>A key's effective value read as an integer the way xl reads it; null when unset or not a single value.</summary>
    public NumberSetting? GetNumber(string key) =>
        GetScalar(key) is { } scalar ? new NumberSetting(scalar.Setting, scalar.Text, XlNumber.Parse(scalar.Text)) : null;

    /// <summary>A key's effective value when it is a list; null when unset or a single value.</summary>
    public ListConfigValue? GetList(string key) => Settings[key] as ListConfigValue;

    /// <summary>
    /// True when the effective value of a list key has elements that are not literals (Python expressions of the
    /// xm dialect, such as <c>'phy:sda%d,sda1,w' % vmid</c>): the model cannot know them, so checks about the
    /// whole list must not conclude.
    /// </summary>
    public bool HasComputedListItems(string key)
    {
        var assignments = Settings.SettingsOf(key).ToList();
        var effectiveFrom = Math.Max(0, assignments.FindLastIndex(setting => !setting.IsAppend));
        return assignments.Skip(effectiveFrom).Any(setting =>
            setting.Syntax.Value is ListValueSyntax list && list.Elements.Any(element => element.Value is not LiteralValueSyntax));
    }

    /// <summary>
    /// The string elements of a list key's effective value, with their syntax (after '+=' the list spans several
    /// assignments). xl reads each element with xlu_cfg_get_listitem, which skips non-strings.
    /// </summary>
    public IEnumerable<LiteralValueSyntax> ListStrings(string key) =>
        GetList(key)?.Items.OfType<StringConfigValue>().Select(item => item.Syntax).OfType<LiteralValueSyntax>() ?? [];
}

/// <summary>A single-valued setting and its text.</summary>
public sealed record ScalarSetting(Setting Setting, string Text)
{
    /// <summary>The syntax of the value (for spans): the last part after '+='.</summary>
    public ValueSyntax Syntax => Setting.Value?.Syntax ?? Setting.Syntax.Value;

    /// <summary>The effective value after '+=' (with where each part came from), when it is a string.</summary>
    public StringConfigValue? Effective { get; init; }

    /// <summary>
    /// Maps a span of <see cref="Text"/> into the file (inside the quotes for a string). After '+=' the text is made of
    /// several strings: the span is mapped into the one it starts in, and cut at that string's end.
    /// </summary>
    public Microsoft.CodeAnalysis.Text.TextSpan SourceSpan(Microsoft.CodeAnalysis.Text.TextSpan textSpan)
    {
        var parts = Effective is { Parts.Length: > 0 } value ? value.Parts : [new StringPart(0, Syntax)];
        var index = parts.Length - 1;
        while (index > 0 && parts[index].Offset > textSpan.Start)
        {
            index--;
        }

        var part = parts[index];
        var partLength = (index + 1 < parts.Length ? parts[index + 1].Offset : Text.Length) - part.Offset;
        var start = Math.Clamp(textSpan.Start - part.Offset, 0, partLength);
        var local = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(start, Math.Clamp(textSpan.End - part.Offset, start, partLength));
        return part.Syntax switch
        {
            LiteralValueSyntax { IsString: true } literal => literal.Token.StringValue.MapToSource(local),
            LiteralValueSyntax literal => new Microsoft.CodeAnalysis.Text.TextSpan(literal.Token.Span.Start + local.Start, local.Length),
            _ => part.Syntax.Span,
        };
    }
}

/// <summary>A single-valued setting read as an integer.</summary>
public sealed record NumberSetting(Setting Setting, string Text, XlNumber Number)
{
    /// <summary>The value, when xl can read it as an integer (and it was not appended to with '+=').</summary>
    public long? Value => Number.Problem == XlNumberProblem.None && !Setting.IsAppend ? Number.Value : null;

    public ValueSyntax Syntax => Setting.Syntax.Value;
}

/// <summary>The domain-wide settings: name, type, memory and CPUs.</summary>
public sealed record DomainInfo(
    ScalarSetting? Name,
    GuestType Type,
    ScalarSetting? TypeSetting,
    NumberSetting? Memory,
    NumberSetting? MaxMem,
    NumberSetting? Vcpus,
    NumberSetting? MaxVcpus)
{
    /// <summary>
    /// Reads the domain settings as xl does (tools/xl/xl_parse.c, parse_config_data): <c>type</c> is matched as a
    /// prefix of hvm, pv or pvh (so <c>"h"</c> means hvm), the deprecated <c>builder</c> is <c>"hvm"</c> or
    /// <c>"generic"</c> (PV), and without either an x86 guest is PV.
    /// </summary>
    internal static DomainInfo Read(SemanticModel model)
    {
        var (type, typeSetting) = ReadType(model);
        return new DomainInfo(
            model.GetScalar("name"),
            type,
            typeSetting,
            model.GetNumber("memory"),
            model.GetNumber("maxmem"),
            model.GetNumber("vcpus"),
            model.GetNumber("maxvcpus"));
    }

    /// <summary>The guest's type and the setting that decided it (<c>type</c>, else the deprecated <c>builder</c>).</summary>
    internal static (GuestType Type, ScalarSetting? Setting) ReadType(SemanticModel model)
    {
        var typeSetting = model.GetScalar("type");
        var builder = model.GetScalar("builder");
        var type = typeSetting is not null ? ParseType(typeSetting.Text)
            : builder is not null ? (IsPrefixOf(builder.Text, "hvm") ? GuestType.Hvm : GuestType.Pv)
            : GuestType.Pv;
        return (type ?? GuestType.Pv, typeSetting ?? builder);
    }

    /// <summary>xl's test is strncmp(value, name, strlen(value)): the value is a prefix of the name.</summary>
    public static GuestType? ParseType(string text) =>
        IsPrefixOf(text, "hvm") ? GuestType.Hvm
        : IsPrefixOf(text, "pv") ? GuestType.Pv
        : IsPrefixOf(text, "pvh") ? GuestType.Pvh
        : null;

    private static bool IsPrefixOf(string text, string name) => name.StartsWith(text, StringComparison.Ordinal);
}
