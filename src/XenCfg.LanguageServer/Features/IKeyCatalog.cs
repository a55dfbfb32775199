using XenCfg.Analysis.Keys;

namespace XenCfg.LanguageServer.Features;

/// <summary>
/// The key catalogue as hover and completion see it: an interface so tests can give the handlers a small one.
/// </summary>
internal interface IKeyCatalog
{
    KeyInfo? Find(string name);

    IEnumerable<KeyInfo> All { get; }
}

/// <summary>The catalogue the server uses unless told otherwise: Analysis's <see cref="KeyCatalog"/>.</summary>
internal sealed class DefaultKeyCatalog : IKeyCatalog
{
    public static IKeyCatalog Instance { get; } = new DefaultKeyCatalog();

    public IEnumerable<KeyInfo> All => KeyCatalog.All;

    public KeyInfo? Find(string name) => KeyCatalog.Find(name);
}
