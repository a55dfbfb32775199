namespace XenCfg.Configuration.Tests;

public class GlobTests
{
    private const string Base = "/repo";

    [Theory]
    [InlineData("*.cfg", "/repo/a.cfg", true)]
    [InlineData("*.cfg", "/repo/deep/er/a.cfg", true)]
    [InlineData("*.cfg", "/repo/a.cfg.bak", false)]
    [InlineData("/*.cfg", "/repo/a.cfg", true)]
    [InlineData("/*.cfg", "/repo/sub/a.cfg", false)]
    [InlineData("guests/*.cfg", "/repo/guests/a.cfg", true)]
    [InlineData("guests/*.cfg", "/repo/guests/x/a.cfg", false)]
    [InlineData("guests/*.cfg", "/repo/other/guests/a.cfg", false)]
    [InlineData("guests/**/*.cfg", "/repo/guests/a.cfg", true)]
    [InlineData("guests/**/*.cfg", "/repo/guests/x/y/a.cfg", true)]
    [InlineData("**/host?/*", "/repo/a/host1/vm", true)]
    [InlineData("**/host?/*", "/repo/a/host12/vm", false)]
    [InlineData("vm[0-9].cfg", "/repo/vm7.cfg", true)]
    [InlineData("vm[!0-9].cfg", "/repo/vm7.cfg", false)]
    [InlineData("vm[!0-9].cfg", "/repo/vmx.cfg", true)]
    [InlineData("a\\*b", "/repo/a*b", true)]
    [InlineData("a\\*b", "/repo/axb", false)]
    [InlineData("*.cfg", "/elsewhere/a.cfg", false)]
    [InlineData("Vm.cfg", "/repo/vm.cfg", false)]
    public void Patterns_match_like_gitignore(string pattern, string path, bool expected) =>
        Assert.Equal(expected, Glob.Parse(pattern, Base).Matches(path, isDirectory: false));

    [Theory]
    [InlineData("attic/", "/repo/attic/a.cfg", true)]
    [InlineData("attic/", "/repo/x/attic/a.cfg", true)]
    [InlineData("attic/", "/repo/attic", false)]
    [InlineData("attic", "/repo/attic", true)]
    [InlineData("/attic", "/repo/x/attic/a.cfg", false)]
    [InlineData("attic/**", "/repo/attic/deep/a.cfg", true)]
    [InlineData("*.bak.cfg", "/repo/old/vm.bak.cfg", true)]
    public void Excludes_cover_what_is_under_an_excluded_directory(string pattern, string path, bool expected) =>
        Assert.Equal(expected, Glob.Parse(pattern, Base).Covers(path, isDirectory: false));

    [Fact]
    public void A_directory_pattern_excludes_the_directory_itself()
    {
        Assert.True(Glob.Parse("attic/", Base).Covers("/repo/attic", isDirectory: true));
    }

    [Theory]
    [InlineData("", "a pattern cannot be empty")]
    [InlineData("/", "`/` matches nothing: give a name or a glob")]
    [InlineData("a**", "`a**`: `**` must be a whole path segment (`**/x`, `a/**/b`, `a/**`)")]
    [InlineData("[abc", "`[abc`: `[` opens a character class that is never closed")]
    public void Bad_patterns_say_what_is_wrong(string pattern, string expected)
    {
        Assert.False(Glob.TryParse(pattern, Base, out _, out var error));
        Assert.Equal(expected, error);
    }
}
