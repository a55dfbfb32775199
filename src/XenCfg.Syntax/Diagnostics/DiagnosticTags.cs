namespace XenCfg.Syntax.Diagnostics;

/// <summary>Custom tags on our diagnostic descriptors (Roslyn's <c>customTags</c>).</summary>
public static class DiagnosticTags
{
    /// <summary>xl refuses to read a file with this finding: `xl create` fails with a parsing error.</summary>
    public const string RejectedByXl = "RejectedByXl";

    /// <summary>
    /// xm (Python) read the construct without complaint, so under the xm dialect the finding is a warning about
    /// moving to xl rather than an error.
    /// </summary>
    public const string AcceptedByXm = "AcceptedByXm";
}
