namespace XenCfg.Cli.Output;

/// <summary>Prints a finished lint run in one output format.</summary>
public interface ILintReporter
{
    void Write(LintReport report);
}
