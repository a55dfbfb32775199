using XenCfg.Analysis;
using XenCfg.Analysis.Versions;
using XenCfg.Syntax;

namespace XenCfg.Configuration.Tests;

/// <summary>The keys of <c>.xcfg.toml</c> and the errors for each way to get one wrong (file, line, column, reason).</summary>
public class ProjectConfigReaderTests
{
    private const string Path = "/repo/.xcfg.toml";

    private static ProjectConfig Parse(string text) => ProjectConfigReader.Parse(text, Path);

    private static string ErrorOf(string text) => Assert.Throws<ProjectConfigException>(() => Parse(text)).Describe(".xcfg.toml");

    [Fact]
    public void Every_key_is_read()
    {
        var config = Parse("""
            dialect = "xm"
            xen-version = "4.17"
            max-warnings = 3
            max-file-size = "64K"
            include = ["**/*.cfg"]
            exclude = ["attic/"]

            [rules]
            XCFG0100 = "off"
            xcfg0133 = "error"

            [hosts]
            dom0-a = ["hosts/dom0-a/**"]
            "dom0-b.example.org" = ["hosts/dom0-b/", "shared/b-*.cfg"]
            """);

        Assert.Equal(Dialect.Xm, config.Dialect);
        Assert.Equal(XenVersion.Xen417, config.XenVersion);
        Assert.Equal(3, config.MaxWarnings);
        Assert.Equal(64 * 1024, config.MaxFileSize);
        Assert.Equal(["**/*.cfg"], config.Include!.Value.Select(glob => glob.Pattern));
        Assert.Equal(["attic/"], config.Exclude.Select(glob => glob.Pattern));
        Assert.Equal(RuleSeverity.Off, config.Rules["XCFG0100"]);
        Assert.Equal(RuleSeverity.Error, config.Rules["XCFG0133"]);
        Assert.Equal(["dom0-a", "dom0-b.example.org"], config.Hosts.Select(host => host.Name));
        Assert.Equal(["hosts/dom0-b/", "shared/b-*.cfg"], config.Hosts[1].Patterns.Select(glob => glob.Pattern));
        Assert.Equal((13, 1), (config.Hosts[0].Line, config.Hosts[0].Column));
        Assert.All(config.Hosts.SelectMany(host => host.Patterns), glob => Assert.Equal("/repo", glob.BaseDirectory));
    }

    [Fact]
    public void Hosts_may_be_an_inline_table_and_sizes_a_number_of_bytes()
    {
        var config = Parse("hosts = { a = [\"a/**\"], b = [\"b/**\"] }\nmax-file-size = 4096\n");

        Assert.Equal(["a", "b"], config.Hosts.Select(host => host.Name));
        Assert.Equal(4096, config.MaxFileSize);
    }

    [Fact]
    public void A_config_without_the_keys_leaves_them_to_the_other_layers()
    {
        var config = Parse("# nothing set\n");

        Assert.Null(config.Dialect);
        Assert.Null(config.XenVersion);
        Assert.Null(config.MaxFileSize);
        Assert.Null(config.Include);
        Assert.Empty(config.Hosts);
        Assert.Equal(SettingsLayer.Empty with { Rules = config.Rules }, config.Layer);
    }

    [Theory]
    [InlineData("xen-version = \"4.16\"\n", ".xcfg.toml(1,15): `xen-version`: Xen 4.16 is not one xcfg knows: the supported releases are 4.17 to 4.22 (4.17, 4.20, 4.22)")]
    [InlineData("xen-version = \"four\"\n", ".xcfg.toml(1,15): `xen-version`: `four` is not a Xen release: write major.minor, as 4.17, 4.20, 4.22")]
    [InlineData("xen-version = 4.17\n", ".xcfg.toml(1,15): `xen-version` is a string (in quotes)")]
    [InlineData("max-file-size = \"1T\"\n", ".xcfg.toml(1,17): `max-file-size`: `1T` is not a size: write a number of bytes, or a number with K, M or G (1M is 1048576 bytes)")]
    [InlineData("max-file-size = 0\n", ".xcfg.toml(1,17): `max-file-size`: `0`: the size limit is from 1 byte to 1G")]
    [InlineData("max-file-size = \"2G\"\n", ".xcfg.toml(1,17): `max-file-size`: `2G`: the size limit is from 1 byte to 1G")]
    [InlineData("max-file-size = true\n", ".xcfg.toml(1,17): `max-file-size`: it is a number of bytes or a size in quotes: `\"1M\"`")]
    [InlineData("[hosts]\ndom0-a = \"hosts/a/**\"\n", ".xcfg.toml(2,10): `hosts.dom0-a` is a list of patterns: `[\"*.cfg\"]`")]
    [InlineData("[hosts]\n\"dom0 a\" = [\"a/**\"]\n", ".xcfg.toml(2,1): `dom0 a` is not a host name: use letters, digits, `-`, `.` and `_`")]
    [InlineData("[hosts]\na = [\"a/**\"]\n\"a\" = [\"b/**\"]\n", ".xcfg.toml(3,1): not valid TOML: The key `hosts.a` is already defined at (2,1) with `a = [\"a/**\"]` and cannot be redefined")]
    [InlineData("[hosts.dom0-a]\npatterns = [\"a/**\"]\n", ".xcfg.toml(2,1): `[hosts]` maps host names to lists of patterns: `dom0-a = [\"hosts/dom0-a/**\"]`")]
    [InlineData("[hosts]\na = [\"a/**b\"]\n", ".xcfg.toml(2,6): `a/**b`: `**` must be a whole path segment (`**/x`, `a/**/b`, `a/**`)")]
    [InlineData("[[hosts]]\n", ".xcfg.toml(1,1): `[[hosts]]`: arrays of tables mean nothing here; write `[rules]` or `[hosts]`")]
    public void A_bad_value_names_the_line_column_and_reason(string text, string expected) =>
        Assert.Equal(expected, ErrorOf(text));

    [Fact]
    public void A_file_matched_by_two_hosts_is_an_error_naming_both_hosts_and_patterns()
    {
        var config = Parse("[hosts]\ndom0-a = [\"hosts/**\"]\ndom0-b = [\"hosts/b/**\"]\n");

        Assert.Equal("dom0-a", config.HostFor("/repo/hosts/a/web.cfg"));
        Assert.Null(config.HostFor("/repo/elsewhere/web.cfg"));
        var error = Assert.Throws<ProjectConfigException>(() => config.HostFor("/repo/hosts/b/web.cfg"));
        Assert.Equal(
            ".xcfg.toml(3,1): `hosts/b/web.cfg` belongs to two hosts, `dom0-a` (by `hosts/**`) and `dom0-b` (by `hosts/b/**`): a domain config runs on one dom0, so make the patterns of [hosts] exclusive",
            error.Describe(".xcfg.toml"));
    }

    [Theory]
    [InlineData("hosts/dom0-a/", "/repo/hosts/dom0-a/deep/web.cfg", true)]
    [InlineData("hosts/dom0-a/**", "/repo/hosts/dom0-a/web", true)]
    [InlineData("/web*.cfg", "/repo/web-1.cfg", true)]
    [InlineData("/web*.cfg", "/repo/sub/web-1.cfg", false)]
    [InlineData("hosts/dom0-a/**", "/elsewhere/hosts/dom0-a/web.cfg", false)]
    public void Host_patterns_are_relative_to_the_config_and_a_folder_holds_its_files(string pattern, string file, bool expected)
    {
        var config = Parse($"[hosts]\nh = [\"{pattern}\"]\n");

        Assert.Equal(expected ? "h" : null, config.HostFor(file));
    }
}
