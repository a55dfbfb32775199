using XenCfg.Analysis.Keys;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// The key catalogue as hover and completion see it. An interface so that the handlers are written (and tested)
/// against <see cref="KeyInfo"/> now, while the catalogue itself is still being filled in Analysis.
/// </summary>
internal interface IKeyCatalog
{
    KeyInfo? Find(string name);

    IEnumerable<KeyInfo> All { get; }
}

/// <summary>No keys known: hover falls back to diagnostic documentation, completion offers nothing.</summary>
internal sealed class EmptyKeyCatalog : IKeyCatalog
{
    public static EmptyKeyCatalog Instance { get; } = new();

    public KeyInfo? Find(string name) => null;

    public IEnumerable<KeyInfo> All => [];
}

/// <summary>The catalogue the server uses unless told otherwise.</summary>
internal static class DefaultKeyCatalog
{
    public static IKeyCatalog Instance => EmptyKeyCatalog.Instance;
}
