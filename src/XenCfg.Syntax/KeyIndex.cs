using System.Collections.Immutable;
using XenCfg.Syntax.InternalSyntax;

namespace XenCfg.Syntax;

/// <summary>
/// Which statements set each key, read from the green tree without making a red node: what lets
/// <see cref="ConfigSettings"/> build the settings of one key only when that key is asked about. A tree made by an edit
/// that replaced statements with as many setting the same keys has the same index as the tree before (<see cref="For"/>).
/// </summary>
internal sealed class KeyIndex
{
    private readonly Dictionary<string, int[]> _statements;

    private KeyIndex(Dictionary<string, int[]> statements, ImmutableArray<string> keys)
    {
        _statements = statements;
        Keys = keys;
    }

    /// <summary>Every key set (with an operator) somewhere, in order of first appearance.</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>The indices, among the root's slots, of the statements that set the key, in file order.</summary>
    public int[] StatementsOf(string key) => _statements.GetValueOrDefault(key) ?? [];

    /// <summary>The key a statement sets: an assignment with an identifier key and an operator (what xl reads as a setting).</summary>
    public static string? SettingKey(GreenNode statement) =>
        statement.Kind == SyntaxKind.Assignment && statement.GetSlot(0) is GreenToken { Kind: SyntaxKind.IdentifierToken } key && !statement.GetSlot(1)!.IsMissing
            ? key.Text
            : null;

    /// <summary>Whether an assignment's value is one xl holds (a string, number or list), rather than Python or missing.</summary>
    public static bool HoldsValue(GreenNode assignment) => assignment.GetSlot(2)!.Kind is SyntaxKind.LiteralValue or SyntaxKind.ListValue;

    /// <summary>The index of <paramref name="tree"/>: the old tree's when the change kept every key where it was.</summary>
    public static KeyIndex For(SyntaxTree tree, KeyIndex? previous)
    {
        if (previous is not null && tree.Change is { } change && change.OldStatementCount == change.NewStatementCount)
        {
            var oldRoot = change.OldTree.Root.Green;
            var newRoot = tree.Root.Green;
            var same = true;
            for (var i = change.FirstStatement; same && i < change.FirstStatement + change.NewStatementCount; i++)
            {
                same = SettingKey(oldRoot.GetSlot(i)!) == SettingKey(newRoot.GetSlot(i)!);
            }

            if (same)
            {
                return previous;
            }
        }

        return Build(tree.Root.Green);
    }

    public static KeyIndex Build(GreenNode root)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = ImmutableArray.CreateBuilder<string>();
        var statements = root.SlotCount - 1;
        for (var i = 0; i < statements; i++)
        {
            if (SettingKey(root.GetSlot(i)!) is { } key)
            {
                if (!counts.TryGetValue(key, out var count))
                {
                    order.Add(key);
                }

                counts[key] = count + 1;
            }
        }

        var index = new Dictionary<string, int[]>(counts.Count, StringComparer.Ordinal);
        foreach (var (key, count) in counts)
        {
            index[key] = new int[count];
        }

        var filled = new Dictionary<string, int>(counts.Count, StringComparer.Ordinal);
        for (var i = 0; i < statements; i++)
        {
            if (SettingKey(root.GetSlot(i)!) is { } key)
            {
                filled.TryGetValue(key, out var at);
                index[key][at] = i;
                filled[key] = at + 1;
            }
        }

        return new KeyIndex(index, order.ToImmutable());
    }
}
