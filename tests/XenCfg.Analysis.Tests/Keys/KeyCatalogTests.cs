using System.Text.RegularExpressions;
using XenCfg.Analysis.Keys;

namespace XenCfg.Analysis.Tests.Keys;

public partial class KeyCatalogTests
{
    [Fact]
    public void Key_names_are_unique()
    {
        var duplicates = KeyCatalog.All.GroupBy(key => key.Name).Where(group => group.Count() > 1).Select(group => group.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void Key_names_are_valid_xl_identifiers()
    {
        Assert.All(KeyCatalog.All, key => Assert.Matches(XlIdentifier(), key.Name));
    }

    [Fact]
    public void The_catalogue_holds_exactly_the_keys_xl_and_xm_read_and_says_which_reads_which()
    {
        var xl = ExpectedKeys.Xl.ToHashSet(StringComparer.Ordinal);
        var xm = ExpectedKeys.Xm.ToHashSet(StringComparer.Ordinal);
        var expected = xl.Union(xm).ToDictionary(
            name => name,
            name => (xl.Contains(name) ? Toolstack.Xl : Toolstack.None) | (xm.Contains(name) ? Toolstack.Xm : Toolstack.None));

        var actual = KeyCatalog.All.ToDictionary(key => key.Name, key => key.ReadBy);

        Assert.Empty(expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal));
        Assert.All(expected, pair => Assert.True(actual[pair.Key] == pair.Value, $"{pair.Key}: expected {pair.Value}, catalogue says {actual[pair.Key]}"));
    }

    [Fact]
    public void The_catalogue_has_223_keys_107_xl_only_65_both_51_xm_only()
    {
        Assert.Equal(223, KeyCatalog.All.Length);
        Assert.Equal(107, KeyCatalog.All.Count(key => key.ReadBy == Toolstack.Xl));
        Assert.Equal(65, KeyCatalog.All.Count(key => key.ReadBy == Toolstack.Both));
        Assert.Equal(51, KeyCatalog.All.Count(key => key.IsXmOnly));
    }

    [Fact]
    public void Every_summary_is_one_nonempty_paragraph_ending_with_a_period_and_at_most_600_characters()
    {
        Assert.All(KeyCatalog.All, key =>
        {
            Assert.False(string.IsNullOrWhiteSpace(key.Summary), key.Name);
            Assert.True(key.Summary.EndsWith('.'), $"{key.Name}: summary does not end with a period");
            Assert.True(key.Summary.Length <= 600, $"{key.Name}: summary has {key.Summary.Length} characters");
            Assert.DoesNotContain('\n', key.Summary);
            Assert.Equal(key.Summary.Trim(), key.Summary);
            Assert.DoesNotContain("  ", key.Summary, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Backticks_in_summaries_and_replacements_are_balanced()
    {
        Assert.All(KeyCatalog.All, key =>
        {
            Assert.True(key.Summary.Count(c => c == '`') % 2 == 0, $"{key.Name}: summary");
            Assert.True((key.Replacement ?? string.Empty).Count(c => c == '`') % 2 == 0, $"{key.Name}: replacement");
        });
    }

    [Fact]
    public void Every_group_is_a_known_heading_and_keys_come_in_heading_order()
    {
        Assert.All(KeyCatalog.All, key => Assert.Contains(key.Group, KeyGroups.Ordered));
        var positions = KeyCatalog.All.Select(key => KeyGroups.Ordered.IndexOf(key.Group)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Xm_only_keys_are_exactly_the_keys_in_the_xm_only_group()
    {
        Assert.All(KeyCatalog.All, key => Assert.Equal(key.IsXmOnly, key.Group == KeyGroups.XmOnly));
    }

    [Fact]
    public void Every_xm_only_key_says_what_to_write_under_xl_in_one_sentence()
    {
        Assert.All(KeyCatalog.All.Where(key => key.IsXmOnly), AssertHasOneSentenceReplacement);
    }

    [Fact]
    public void Every_key_xl_deprecates_or_ignores_has_a_replacement()
    {
        Assert.All(ExpectedKeys.DeprecatedUnderXl, name => AssertHasOneSentenceReplacement(KeyCatalog.Find(name)!));
    }

    [Fact]
    public void Only_deprecated_and_xm_only_keys_have_a_replacement()
    {
        var withReplacement = KeyCatalog.All.Where(key => key.Replacement is not null && !key.IsXmOnly).Select(key => key.Name);
        Assert.Equal(ExpectedKeys.DeprecatedUnderXl.Order(StringComparer.Ordinal), withReplacement.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enumerated_keys_have_allowed_values()
    {
        Assert.All(ExpectedKeys.Enumerated, name =>
        {
            var key = KeyCatalog.Find(name);
            Assert.NotNull(key);
            Assert.False(key.AllowedValues.IsDefaultOrEmpty, $"{name} has no allowed values");
        });
    }

    [Fact]
    public void Allowed_values_are_distinct_nonempty_and_only_on_string_valued_keys()
    {
        Assert.All(KeyCatalog.All.Where(key => !key.AllowedValues.IsDefaultOrEmpty), key =>
        {
            Assert.Contains(key.Kind, new[] { KeyValueKind.String, KeyValueKind.StringList, KeyValueKind.StringOrList });
            Assert.All(key.AllowedValues, value => Assert.False(string.IsNullOrWhiteSpace(value), key.Name));
            Assert.Equal(key.AllowedValues.Length, key.AllowedValues.Distinct(StringComparer.Ordinal).Count());
        });
        Assert.All(KeyCatalog.All.Where(key => key.AllowedValuesIgnoreCase), key => Assert.False(key.AllowedValues.IsDefaultOrEmpty, key.Name));
    }

    [Fact]
    public void No_allowed_values_array_is_left_default()
    {
        Assert.All(KeyCatalog.All, key => Assert.False(key.AllowedValues.IsDefault, key.Name));
    }

    [Fact]
    public void Bounds_are_only_on_integer_keys_and_are_ordered()
    {
        Assert.All(KeyCatalog.All.Where(key => key.Minimum is not null || key.Maximum is not null), key =>
        {
            Assert.Equal(KeyValueKind.Integer, key.Kind);
            Assert.True(key.Minimum is null || key.Maximum is null || key.Minimum <= key.Maximum, key.Name);
        });
    }

    [Theory]
    [InlineData("max_grant_frames", 0, int.MaxValue)]
    [InlineData("max_maptrack_frames", 0, int.MaxValue)]
    [InlineData("max_grant_version", 0, int.MaxValue)]
    [InlineData("mmio_hole", 256, 3840)]
    [InlineData("altp2m_count", 0, 65535)]
    public void Integer_keys_xl_bounds_carry_the_bounds(string name, long minimum, long maximum)
    {
        var key = KeyCatalog.Find(name)!;
        Assert.Equal(minimum, key.Minimum);
        Assert.Equal(maximum, key.Maximum);
    }

    [Theory]
    [InlineData("memory", "MiB")]
    [InlineData("maxmem", "MiB")]
    [InlineData("shadow_memory", "MiB")]
    [InlineData("videoram", "MiB")]
    [InlineData("stubdomain_memory", "MiB")]
    [InlineData("rdm_mem_boundary", "MiB")]
    [InlineData("mmio_hole", "MiB")]
    [InlineData("vmtrace_buf_kb", "KiB")]
    [InlineData("rtc_timeoffset", "seconds")]
    [InlineData("cap", "percent")]
    public void Sized_keys_name_their_unit(string name, string unit)
    {
        Assert.Equal(unit, KeyCatalog.Find(name)!.Unit);
    }

    [Fact]
    public void Units_are_only_on_integer_keys()
    {
        Assert.All(KeyCatalog.All.Where(key => key.Unit is not null), key => Assert.Equal(KeyValueKind.Integer, key.Kind));
    }

    [Fact]
    public void Every_key_applies_to_some_guest_type_and_is_read_by_some_toolstack()
    {
        Assert.All(KeyCatalog.All, key =>
        {
            Assert.NotEqual(GuestTypes.None, key.AppliesTo);
            Assert.NotEqual(Toolstack.None, key.ReadBy);
        });
    }

    [Fact]
    public void The_event_actions_are_the_seven_xl_knows()
    {
        string[] actions = ["destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart", "soft-reset"];
        Assert.All(new[] { "on_poweroff", "on_reboot", "on_watchdog", "on_crash", "on_soft_reset" },
            name => Assert.Equal(actions, KeyCatalog.Find(name)!.AllowedValues));
    }

    [Theory]
    [InlineData("type", new[] { "pv", "pvh", "hvm" })]
    [InlineData("builder", new[] { "generic", "hvm" })]
    [InlineData("dhcp", new[] { "dhcp", "off" })]
    [InlineData("vga", new[] { "cirrus", "stdvga", "qxl", "none" })]
    public void Enumerated_keys_list_exactly_their_values(string name, string[] values)
    {
        Assert.Equal(values, KeyCatalog.Find(name)!.AllowedValues);
    }

    [Theory]
    [InlineData("cpus", KeyValueKind.StringOrList)]
    [InlineData("cpus_soft", KeyValueKind.StringOrList)]
    [InlineData("serial", KeyValueKind.StringOrList)]
    [InlineData("usbdevice", KeyValueKind.StringOrList)]
    [InlineData("cpuid", KeyValueKind.StringOrList)]
    [InlineData("viridian", KeyValueKind.StringOrList)]
    [InlineData("bootloader_args", KeyValueKind.StringOrList)]
    [InlineData("vnuma", KeyValueKind.NestedList)]
    [InlineData("vsnd", KeyValueKind.NestedList)]
    [InlineData("disk", KeyValueKind.SpecList)]
    [InlineData("vif", KeyValueKind.SpecList)]
    [InlineData("pci", KeyValueKind.SpecList)]
    [InlineData("device_model_args", KeyValueKind.StringList)]
    [InlineData("memory", KeyValueKind.Integer)]
    [InlineData("hap", KeyValueKind.Boolean)]
    [InlineData("tsc_mode", KeyValueKind.String)]
    [InlineData("gfx_passthru", KeyValueKind.String)]
    [InlineData("rdm", KeyValueKind.String)]
    public void Kinds_follow_how_xl_reads_the_key(string name, KeyValueKind kind)
    {
        Assert.Equal(kind, KeyCatalog.Find(name)!.Kind);
    }

    [Fact]
    public void Find_returns_the_key()
    {
        var memory = KeyCatalog.Find("memory");
        Assert.NotNull(memory);
        Assert.Equal("memory", memory.Name);
        Assert.Same(memory, KeyCatalog.All.Single(key => key.Name == "memory"));
    }

    [Theory]
    [InlineData("Memory")]
    [InlineData("MEMORY")]
    [InlineData("Name")]
    [InlineData("memory ")]
    [InlineData("")]
    [InlineData("nosuchkey")]
    public void Find_is_exact_and_case_sensitive(string name)
    {
        Assert.Null(KeyCatalog.Find(name));
    }

    [Theory]
    [InlineData("memroy", "memory")]
    [InlineData("nfs_sever", "nfs_server")]
    [InlineData("vcpu", "vcpus")]
    [InlineData("Memory", "memory")]
    [InlineData("vnc_listen", "vnclisten")]
    [InlineData("maxvcpu", "maxvcpus")]
    [InlineData("cpu-weight", "cpu_weight")]
    [InlineData("spice_image", "spice_image_compression")]
    [InlineData("bootloader_arg", "bootloader_args")]
    [InlineData("vfd", "vfb")]
    public void Suggest_finds_the_intended_key(string typo, string intended)
    {
        Assert.Contains(intended, KeyCatalog.Suggest(typo));
    }

    [Theory]
    [InlineData("memroy", "memory")]
    [InlineData("nfs_sever", "nfs_server")]
    [InlineData("vcpu", "vcpus")]
    public void Suggest_ranks_the_closest_key_first(string typo, string intended)
    {
        Assert.Equal(intended, KeyCatalog.Suggest(typo).First());
    }

    [Theory]
    [InlineData("qwertyuiop")]
    [InlineData("zzz")]
    [InlineData("x")]
    [InlineData("")]
    public void Suggest_offers_nothing_for_names_unlike_any_key(string name)
    {
        Assert.Empty(KeyCatalog.Suggest(name));
    }

    [Fact]
    public void Suggest_respects_max_and_is_deterministic()
    {
        var first = KeyCatalog.Suggest("spice", max: 5).ToList();
        Assert.Equal(5, first.Count);
        Assert.Equal(first, KeyCatalog.Suggest("spice", max: 5));
        Assert.Equal(first.Take(2), KeyCatalog.Suggest("spice", max: 2));
        Assert.Empty(KeyCatalog.Suggest("spice", max: 0));
    }

    private static void AssertHasOneSentenceReplacement(KeyInfo key)
    {
        Assert.False(string.IsNullOrWhiteSpace(key.Replacement), $"{key.Name} has no replacement");
        var text = key.Replacement!;
        Assert.True(text.EndsWith('.'), $"{key.Name}: replacement does not end with a period");
        var withoutCode = CodeSpan().Replace(text, "code");
        Assert.True(SentenceBreak().Count(withoutCode) == 0, $"{key.Name}: replacement is more than one sentence: {text}");
    }

    [GeneratedRegex("^[a-z][._0-9a-z]*$")]
    private static partial Regex XlIdentifier();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\.\s+[A-Z]")]
    private static partial Regex SentenceBreak();
}
