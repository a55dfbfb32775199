using System.Globalization;
using XenCfg.Analysis;

namespace XenCfg.Configuration;

/// <summary>
/// The words and numbers users write for settings, read the same way in <c>.xcfg.toml</c>, on the command line and
/// in the editor's settings, so one value means one thing everywhere.
/// </summary>
public static class SettingValues
{
    /// <summary>The severities a user can give a rule.</summary>
    public const string RuleSeverityList = "error, warning, info, hint, off";

    /// <summary>The largest <c>max-file-size</c>: the whole file is held in memory, and no config comes near it.</summary>
    public const long MaxFileSizeLimit = 1024L * 1024 * 1024;

    public static bool TryParseRuleSeverity(string text, out RuleSeverity severity)
    {
        (var known, severity) = text switch
        {
            "error" => (true, RuleSeverity.Error),
            "warning" => (true, RuleSeverity.Warning),
            "info" => (true, RuleSeverity.Info),
            "hint" => (true, RuleSeverity.Hint),
            "off" => (true, RuleSeverity.Off),
            _ => (false, RuleSeverity.Off),
        };
        return known;
    }

    /// <summary>
    /// Reads a file size: a number of bytes, or a number with <c>K</c>, <c>M</c> or <c>G</c> (powers of 1024), from
    /// 1 byte to <see cref="MaxFileSizeLimit"/>.
    /// </summary>
    public static bool TryParseFileSize(string text, out long bytes, out string? error)
    {
        bytes = 0;
        var body = text.Trim();
        var multiplier = 1L;
        if (body.Length > 0 && char.ToUpperInvariant(body[^1]) is var unit and ('K' or 'M' or 'G'))
        {
            multiplier = unit switch { 'K' => 1024L, 'M' => 1024L * 1024, _ => 1024L * 1024 * 1024 };
            body = body[..^1];
        }

        if (body.Length is 0 or > 10 || !body.All(char.IsAsciiDigit) || !long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error = $"`{text}` is not a size: write a number of bytes, or a number with K, M or G (1M is 1048576 bytes)";
            return false;
        }

        return CheckFileSize(number * multiplier, text, out bytes, out error);
    }

    /// <summary>Checks a size given as a number of bytes.</summary>
    public static bool CheckFileSize(long value, string written, out long bytes, out string? error)
    {
        bytes = value;
        if (value is < 1 or > MaxFileSizeLimit)
        {
            error = $"`{written}`: the size limit is from 1 byte to 1G";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>A size as a user would write it: <c>1M</c>, <c>512K</c>, or bytes when it is no whole number of K.</summary>
    public static string FormatFileSize(long bytes) => bytes switch
    {
        _ when bytes % (1024L * 1024 * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024L * 1024 * 1024)}G"),
        _ when bytes % (1024L * 1024) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024L * 1024)}M"),
        _ when bytes % 1024 == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024}K"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
