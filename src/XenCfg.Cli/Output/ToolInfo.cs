using System.Reflection;

namespace XenCfg.Cli.Output;

/// <summary>What the machine-readable formats say about the tool.</summary>
internal static class ToolInfo
{
    public const string Name = "xcfg";

    public const string InformationUri = "https://github.com/xencfgtools/xencfgtools";

    /// <summary>The package version (0.1.0), without the commit the SDK appends to the informational version.</summary>
    public static string Version { get; } =
        (typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
