using XenCfg.Analysis.CodeFixes;
using XenCfg.Syntax;

namespace XenCfg.Analysis.Tests.CodeFixes;

public class CodeFixTests
{
    /// <summary>Applies the first fix offered for <paramref name="id"/> and returns the new text.</summary>
    private static (string Text, CodeFix Fix) ApplyFirst(string text, string id, Dialect dialect = Dialect.Xl, int which = 0)
    {
        var options = new AnalysisOptions(dialect);
        var tree = SyntaxTree.Parse(text, options.ParseOptions, "/etc/xen/t.cfg");
        var diagnostic = ConfigAnalyzer.Analyze(tree, options).First(candidate => candidate.Id == id);
        var fix = CodeFixRegistry.GetFixes(tree, diagnostic)[which];
        return (tree.Text.WithChanges(fix.Changes).ToString(), fix);
    }

    [Theory]
    [InlineData("XCFG0014", "vcpus = 2 maxvcpus = 4\n", "vcpus = 2 ;maxvcpus = 4\n")]
    [InlineData("XCFG0031", "disk = [ 'a' 'b' ]\n", "disk = [ 'a' ,'b' ]\n")]
    [InlineData("XCFG0002", "name = 'a'\r\nmemory = 1\r\n", "name = 'a'\nmemory = 1\n")]
    [InlineData("XCFG0003", "\uFEFFname = 'a'\n", "name = 'a'\n")]
    [InlineData("XCFG0004", "name = 'a'\n# end", "name = 'a'\n# end\n")]
    [InlineData("XCFG0021", "extra = 'a\\db'\n", "extra = 'a\\\\db'\n")]
    public void Safe_syntax_fixes_make_the_file_readable_by_xl(string id, string before, string after)
    {
        var (text, fix) = ApplyFirst(before, id);

        Assert.True(fix.IsSafe);
        Assert.Equal(after, text);
        Assert.True(SyntaxTree.Parse(text).IsReadableByXl);
    }

    [Fact]
    public void A_misspelt_key_is_renamed_by_an_unsafe_fix()
    {
        var (text, fix) = ApplyFirst("name = 'a'\nmemroy = 512\n", "XCFG0100");

        Assert.False(fix.IsSafe);
        Assert.Equal("Rename to `memory`", fix.Title);
        Assert.Equal("name = 'a'\nmemory = 512\n", text);
    }

    [Fact]
    public void Builder_becomes_type()
    {
        var (text, fix) = ApplyFirst("name = 'a'\nbuilder = 'hvm'\n", "XCFG0109");

        Assert.True(fix.IsSafe);
        Assert.Equal("name = 'a'\ntype = \"hvm\"\n", text);
    }

    [Fact]
    public void W_bang_becomes_w()
    {
        var (text, _) = ApplyFirst("name = 'a'\ndisk = [ 'phy:/dev/vg/a,xvda,w!' ]\n", "XCFG0122");

        Assert.Equal("name = 'a'\ndisk = [ 'phy:/dev/vg/a,xvda,w' ]\n", text);
    }

    [Fact]
    public void A_legacy_spec_is_rewritten_in_the_key_value_form()
    {
        var (text, fix) = ApplyFirst("name = 'a'\ndisk = [ 'phy:vg/a,xvda,w!' ]\n", "XCFG0122", which: 1);

        Assert.Equal("Rewrite this disk in xl's key=value form", fix.Title);
        Assert.Equal("name = 'a'\ndisk = [ 'format=raw, vdev=xvda, access=rw, target=/dev/vg/a' ]\n", text);
    }

    [Fact]
    public void The_positional_trap_gets_its_missing_comma()
    {
        var (text, fix) = ApplyFirst("name = 'a'\ndisk = [ '/dev/sda1,xvda,w' ]\n", "XCFG0132");

        Assert.True(fix.IsSafe);
        Assert.Equal("name = 'a'\ndisk = [ '/dev/sda1,,xvda,w' ]\n", text);
    }

    [Fact]
    public void Xm_network_keys_move_into_extra()
    {
        var before = "name = 'vm'\nvif = [ '' ]\nroot = '/dev/nfs'\nnfs_server = '192.0.2.1'\nnfs_root = '/export/vm'\ndhcp = 'dhcp'\n";

        var (text, fix) = ApplyFirst(before, "XCFG0190");

        Assert.False(fix.IsSafe);
        Assert.Equal("name = 'vm'\nvif = [ '' ]\nroot = '/dev/nfs'\nextra = \"ip=:192.0.2.1::::eth0:dhcp nfsroot=192.0.2.1:/export/vm\"\n", text);
        var after = ConfigAnalyzer.Analyze(SyntaxTree.Parse(text, filePath: "/etc/xen/t.cfg"), AnalysisOptions.Default);
        Assert.DoesNotContain(after, diagnostic => diagnostic.Id is "XCFG0160" or "XCFG0190");
    }

    [Fact]
    public void An_emulated_nic_type_is_removed_from_a_pv_vif()
    {
        var (text, _) = ApplyFirst("name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01, type=ioemu, bridge=xenbr0' ]\n", "XCFG0180");

        Assert.Equal("name = 'a'\nvif = [ 'mac=00:16:3e:00:00:01, bridge=xenbr0' ]\n", text);
    }

    [Fact]
    public void Suppressing_a_diagnostic_adds_a_comment_above_its_line_with_the_same_indentation()
    {
        var tree = SyntaxTree.Parse("name = 'a'\ndisk = [\n    'phy:/dev/vg/a,xvda,w!'\n]\n", filePath: "/t.cfg");
        var diagnostic = ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default).First(d => d.Id == "XCFG0122");

        var fix = CodeFixRegistry.SuppressOnLine(tree, diagnostic);
        var text = tree.Text.WithChanges(fix.Changes).ToString();

        Assert.Equal("name = 'a'\ndisk = [\n    # xcfg-disable-next-line XCFG0122\n    'phy:/dev/vg/a,xvda,w!'\n]\n", text);
        Assert.DoesNotContain(ConfigAnalyzer.Analyze(SyntaxTree.Parse(text, filePath: "/t.cfg"), AnalysisOptions.Default), d => d.Id is "XCFG0122" or "XCFG0901");
    }

    [Fact]
    public void Apply_all_applies_only_safe_fixes_unless_asked()
    {
        var tree = SyntaxTree.Parse("name = 'a'\r\nmemroy = 512 vcpus = 2\r\n", filePath: "/t.cfg");
        var diagnostics = ConfigAnalyzer.Analyze(tree, AnalysisOptions.Default);

        var (safe, safeCount) = CodeFixRegistry.ApplyAll(tree, diagnostics, includeUnsafe: false);
        var (all, allCount) = CodeFixRegistry.ApplyAll(tree, diagnostics, includeUnsafe: true);

        Assert.Equal(("name = 'a'\nmemroy = 512 ;vcpus = 2\n", 2), (safe.ToString(), safeCount));
        Assert.Equal(("name = 'a'\nmemory = 512 ;vcpus = 2\n", 3), (all.ToString(), allCount));
    }
}
