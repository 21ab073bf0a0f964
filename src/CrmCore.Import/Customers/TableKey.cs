using System.Runtime.CompilerServices;

namespace CrmCore.Import.Customers;

/// <summary>
/// A text key of a <see cref="CompactKeyTable"/> made ready ahead of the lookup: its text and its hash (the same as the table computes
/// for the text), the hash computed once on the reading thread, so that the matching thread only probes. No copy of the text is made:
/// the table writes its UTF-8 bytes straight into its chunks when it stores the key, and compares with them only when a probe meets the
/// same hash. The default instance is not ready: a table then works from the text.
/// </summary>
internal readonly struct TableKey
{
    /// <summary>Prepares a key.</summary>
    /// <param name="text">The key's text.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableKey(string text)
    {
        Hash = CompactKeyTable.HashOf(text);
        Text = text;
    }

    /// <summary>The key's hash.</summary>
    public uint Hash { get; }

    /// <summary>True when the key was prepared (not the default instance).</summary>
    public bool IsReady => Text is not null;

    /// <summary>The key's text; null when not ready.</summary>
    public string? Text { get; }
}
