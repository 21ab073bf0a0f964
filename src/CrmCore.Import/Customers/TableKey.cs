using System.Runtime.CompilerServices;
using System.Text;

namespace CrmCore.Import.Customers;

/// <summary>
/// A text key of a <see cref="CompactKeyTable"/> made ready ahead of the lookup: its hash (the same as the table computes for the text)
/// and its UTF-8 bytes, computed once on the reading thread, so that the matching thread only probes and compares. The default instance
/// is not ready: a table then works from the text.
/// </summary>
internal readonly struct TableKey
{
    private readonly byte[]? _utf8;

    /// <summary>Prepares a key.</summary>
    /// <param name="text">The key's text.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TableKey(string text)
    {
        Hash = CompactKeyTable.HashOf(text);
        _utf8 = Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The key's hash.</summary>
    public uint Hash { get; }

    /// <summary>True when the key was prepared (not the default instance).</summary>
    public bool IsReady => _utf8 is not null;

    /// <summary>The key's UTF-8 bytes.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;
}
