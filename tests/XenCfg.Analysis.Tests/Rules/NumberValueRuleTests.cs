using XenCfg.Syntax;
using DiagnosticSeverity = Microsoft.CodeAnalysis.DiagnosticSeverity;

namespace XenCfg.Analysis.Tests.Rules;

public class NumberValueRuleTests
{
    [Fact]
    public void A_leading_zero_makes_the_number_octal() =>
        RuleAssert.ReportsWithSeverity("XCFG0105", "name = 'a'\nmemory = [|0512|]\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`0512` starts with 0, so xl reads it as octal: 0512 = 330; write `512` if you meant 512");

    [Fact]
    public void A_quoted_number_is_read_the_same_way() =>
        RuleAssert.Reports("XCFG0105", "name = 'a'\nmemory = [|'0512'|]\n",
            "`0512` starts with 0, so xl reads it as octal: 0512 = 330; write `512` if you meant 512");

    [Fact]
    public void Eight_and_nine_are_not_octal_digits() =>
        RuleAssert.ReportsWithSeverity("XCFG0104", "name = 'a'\nvcpus = [|08|]\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "xl reads `vcpus` as a number and `08` is not one (\"is not a valid number\"), so it ignores the setting: write a plain number");

    [Fact]
    public void A_size_with_a_unit_is_not_a_number_and_the_unit_is_named() =>
        RuleAssert.Reports("XCFG0104", "name = 'a'\nmaxmem = [|\"512M\"|]\n",
            "xl reads `maxmem` as a number and `512M` is not one (\"is not a valid number\"), so it ignores the setting: write a plain number (in MiB)");

    [Fact]
    public void A_word_for_a_boolean_is_not_a_number() =>
        RuleAssert.Reports("XCFG0104", "name = 'a'\npae = [|'yes'|]\n",
            "xl reads `pae` as a number and `yes` is not one (\"is not a valid number\"), so it ignores the setting: write a plain number");

    [Fact]
    public void A_number_beyond_a_long_is_out_of_strtol_range() =>
        RuleAssert.Reports("XCFG0104", "name = 'a'\nmemory = [|99999999999999999999|]\n",
            "xl reads `memory` as a number and `99999999999999999999` is not one (\"Numerical result out of range\"), so it ignores the setting: write a plain number");

    [Fact]
    public void Appending_to_a_number_is_reported_on_the_operator() =>
        RuleAssert.ReportsWithSeverity("XCFG0106", "name = 'a'\nmaxvcpus = 4\nmaxvcpus [|+=|] 4\n", Dialect.Xl, DiagnosticSeverity.Warning,
            "`maxvcpus` is a number, and xl refuses `+=` for numbers (\"can't use += with numbers\"), ignoring the setting: write the total with `=`");

    [Fact]
    public void A_bounded_key_outside_its_bounds_is_an_error() =>
        RuleAssert.ReportsWithSeverity("XCFG0108", "name = 'a'\naltp2m_count = [|70000|]\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`altp2m_count = 70000` is outside what xl accepts (0 to 65535)");

    [Fact]
    public void A_negative_value_given_as_a_string_is_checked_against_the_lower_bound() =>
        RuleAssert.Reports("XCFG0108", "name = 'a'\nmax_grant_frames = [|'-1'|]\n",
            "`max_grant_frames = -1` is outside what xl accepts (0 to 2147483647)");

    [Fact]
    public void The_mmio_hole_of_an_hvm_guest_has_both_bounds() =>
        RuleAssert.Reports("XCFG0108", "name = 'a'\ntype = 'hvm'\nmmio_hole = [|128|]\n",
            "`mmio_hole = 128` is outside what xl accepts (256 to 3840)");

    [Theory]
    [InlineData("name = 'a'\nmemory = 512\nvcpus = 0x2\n")]
    [InlineData("name = 'a'\nmemory = 0\nmaxmem = 00\n")]
    [InlineData("name = 'a'\nvcpus = ' 4'\n")]
    [InlineData("name = 'a'\nmemory = \"1024\"\n")]
    [InlineData("name = 'a'\naltp2m_count = 65535\nmmio_hole = 3840\n")]
    [InlineData("name = 'a'\nkernel = '0512'\n")]
    [InlineData("name = 'a'\nmemory = 512M\n")]
    [InlineData("name = 'a'\nmemory = [ 512 ]\n")]
    public void Plain_numbers_text_keys_and_values_with_syntax_errors_are_not_reported(string text)
    {
        foreach (var id in new[] { "XCFG0104", "XCFG0105", "XCFG0106", "XCFG0108" })
        {
            RuleAssert.Silent(id, text);
        }
    }

    [Fact]
    public void Files_that_are_not_domain_configs_are_not_checked() =>
        RuleAssert.Silent("XCFG0104", "memory = '512M'\n", Dialect.Xl, "/etc/xen/xl.conf");

    [Theory]
    [InlineData("nics = 'two'")]
    [InlineData("cpu_cap = '50%'")]
    [InlineData("vncconsole = 'yes'")]
    [InlineData("vcpu_avail = 0x03\nvcpu_avail += 1")]
    public void Keys_only_xm_read_are_not_read_as_numbers_by_xl(string settings)
    {
        foreach (var id in new[] { "XCFG0104", "XCFG0105", "XCFG0106", "XCFG0108" })
        {
            RuleAssert.Silent(id, $"name = 'a'\nkernel = '/k'\n{settings}\n");
        }
    }

    [Fact]
    public void Keys_only_xl_reads_are_not_checked_under_xm() =>
        RuleAssert.Silent("XCFG0104", "name = 'a'\nmax_grant_frames = '64k'\n", Dialect.Xm);

    [Fact]
    public void Under_xm_plus_equals_is_python_addition() =>
        RuleAssert.Silent("XCFG0106", "name = 'a'\nmemory = 512\nmemory += 512\n", Dialect.Xm);

    // xend's int('512M') fails too (XendConfig, memory); the message speaks of xl, the file's destination.
    [Fact]
    public void Under_xm_a_number_key_with_a_unit_is_still_reported() =>
        RuleAssert.Reports("XCFG0104", "name = 'a'\nmemory = [|'512M'|]\n", Dialect.Xm,
            "xl reads `memory` as a number and `512M` is not one (\"is not a valid number\"), so it ignores the setting: write a plain number (in MiB)");

    [Fact]
    public void A_grant_table_limit_that_is_not_a_number_stops_xl_silently() =>
        RuleAssert.ReportsWithSeverity("XCFG0104", "name = 'a'\nmax_grant_frames = [|'64k'|]\n", Dialect.Xl, DiagnosticSeverity.Error,
            "xl reads `max_grant_frames` as a number and `64k` is not one, so xl stops without creating the domain (and, for this key, without a message): write a plain number");

    [Fact]
    public void Appending_to_a_grant_table_limit_stops_xl_silently() =>
        RuleAssert.ReportsWithSeverity("XCFG0106", "name = 'a'\nmax_maptrack_frames = 1024\nmax_maptrack_frames [|+=|] 1\n", Dialect.Xl, DiagnosticSeverity.Error,
            "`max_maptrack_frames` is a number, and xl refuses `+=` for numbers, so xl stops without creating the domain (and, for this key, without a message): write the total with `=`");

    [Fact]
    public void A_grant_version_beyond_a_long_stops_xl_too() =>
        RuleAssert.ReportsWithSeverity("XCFG0104", "name = 'a'\nmax_grant_version = [|99999999999999999999|]\n", Dialect.Xl, DiagnosticSeverity.Error,
            "xl reads `max_grant_version` as a number and `99999999999999999999` is not one, so xl stops without creating the domain (and, for this key, without a message): write a plain number");
}
