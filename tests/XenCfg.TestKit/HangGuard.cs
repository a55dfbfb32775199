namespace XenCfg.TestKit;

/// <summary>
/// How long a test waits for work that must end (a read, a search, a parse, a process's exit, the language server's
/// answer) before it fails. The wait guards against a hang and never measures speed: speed belongs to the
/// benchmarks (tests/XenCfg.Benchmarks, tests/XenCfg.LspLatency). The limit is generous because on a shared 2-core
/// machine at load 30 and more a scan of a few hundred files took longer than 20 s; a working test never waits it out.
/// </summary>
public static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
}
