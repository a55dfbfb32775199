using XenCfg.Analysis;
using XenCfg.Provisioning.Host;
using XenCfg.Provisioning.Planning;
using XenCfg.Syntax;
using XenCfg.TestKit;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>A scratch directory with configs in it, and the provisioner run on them against a host (the real one by default).</summary>
internal sealed class Harness : IDisposable
{
    private readonly TempDirectory _scratch = new("xcfg-provision");

    public Harness(HostTools? host = null)
    {
        Host = host ?? new HostTools(ProcessCommandRunner.Instance, LinuxFileSystem.Instance);
    }

    public HostTools Host { get; set; }

    public string Root => _scratch.Path;

    public string Journal => Path.Combine(Root, "provision.journal");

    public ProvisionOptions Options { get; set; } = ProvisionOptions.Default;

    public Dialect Dialect { get; set; } = Dialect.Xl;

    /// <summary>
    /// --detailed-exitcode for the runs of these tests (2 for changes), so each asserts changes apart from nothing to
    /// do; the command line's default (0 for both) is tested in CommandLineTests.
    /// </summary>
    public bool DetailedExitCode { get; set; } = true;

    /// <summary>The path of a file or directory in the scratch directory.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Directory(string relative)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Writes a config; <c>{root}</c> in the text stands for the scratch directory.</summary>
    public string Config(string name, string text) => _scratch.Write(name, text.Replace("{root}", Root, StringComparison.Ordinal));

    public SyntaxTree Tree(string path)
    {
        var options = new AnalysisOptions(Dialect).ParseOptions;
        return SyntaxTree.ParseBytes(File.ReadAllBytes(path), options, path);
    }

    public ProvisionOptions EffectiveOptions => Options with { Analysis = new AnalysisOptions(Dialect) };

    public ProvisioningPlan Plan(params string[] configs) =>
        new Planner(Host, EffectiveOptions).Plan([.. configs.Select(Tree)]);

    public (int Code, string Output, string Error) Run(bool apply, params string[] configs) => Run(apply, ProvisionFormat.Text, configs);

    public (int Code, string Output, string Error) Run(bool apply, ProvisionFormat format, params string[] configs)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var request = new ProvisionRequest([.. configs.Select(Tree)], format, apply, EffectiveOptions, Journal, path => Path.GetRelativePath(Root, path))
        {
            DetailedExitCode = DetailedExitCode,
        };
        var code = ProvisionRun.Execute(request, Host, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The plan lines (symbol, label, target), without the details.</summary>
    public static IEnumerable<string> Lines(ProvisioningPlan plan) =>
        plan.Resources.Select(resource => $"{XenCfg.Provisioning.Rendering.PlanText.Symbol(resource.Action)} {resource.Label} {resource.Target}");

    public void Dispose() => _scratch.Dispose();
}
