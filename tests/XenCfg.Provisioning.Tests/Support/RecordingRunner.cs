using XenCfg.Provisioning.Host;
using Xunit.Sdk;

namespace XenCfg.Provisioning.Tests.Support;

/// <summary>
/// A command runner that records every argv and answers from rules the test gives (the last rule added that matches wins). A command no
/// rule answers goes to <see cref="Inner"/> when there is one, and otherwise fails the test: nothing runs that the
/// test did not expect.
/// </summary>
internal sealed class RecordingRunner(ICommandRunner? inner = null) : ICommandRunner
{
    private readonly List<(Func<IReadOnlyList<string>, bool> Matches, Func<IReadOnlyList<string>, CommandResult> Answer)> _rules = [];

    public ICommandRunner? Inner { get; } = inner;

    public List<string[]> Calls { get; } = [];

    /// <summary>Answers commands whose argv starts with <paramref name="prefix"/>.</summary>
    public RecordingRunner On(string[] prefix, Func<IReadOnlyList<string>, CommandResult> answer)
    {
        _rules.Add((argv => argv.Count >= prefix.Length && argv.Take(prefix.Length).SequenceEqual(prefix), answer));
        return this;
    }

    public RecordingRunner On(string[] prefix, int exitCode, string output = "", string error = "") =>
        On(prefix, _ => new CommandResult(exitCode, output, error));

    public RecordingRunner On(Func<IReadOnlyList<string>, bool> matches, Func<IReadOnlyList<string>, CommandResult> answer)
    {
        _rules.Add((matches, answer));
        return this;
    }

    public CommandResult Run(IReadOnlyList<string> argv)
    {
        Calls.Add([.. argv]);
        // The rule added last wins, so a test can override a default answer.
        foreach (var (matches, answer) in Enumerable.Reverse(_rules))
        {
            if (matches(argv))
            {
                return answer(argv);
            }
        }

        return Inner?.Run(argv) ?? throw new XunitException($"unexpected command: {string.Join(' ', argv)}");
    }

    /// <summary>The recorded commands that change something (everything but the probes), as one line each.</summary>
    public IEnumerable<string> Changes => Calls
        .Where(argv => argv[0] is not ("vgs" or "lvs" or "blkid" or "losetup" or "exportfs" or "dumpe2fs" or "e2fsck" or "debugfs" or "xenstore-ls") || argv is ["exportfs", not "-s", ..])
        .Select(argv => string.Join(' ', argv));
}
