using System.Runtime.CompilerServices;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace CrmCore.Import.Customers;

/// <summary>
/// A set of text keys, each with an <see cref="int"/> value fixed when it is added, kept compact for millions of keys: the keys are
/// stored once as UTF-8 in 1 MiB chunks (no string object per key), and the table is one <see cref="ulong"/> per slot (a 32-bit hash
/// and the key's place in the chunks) with linear probing. A hash match is always verified against the stored bytes, so two keys
/// with the same hash never meet. A prepared key (<see cref="TableKey"/>) that a lookup did not find is added where that lookup's probe
/// ended, without probing again, unless the table changed in between (the import looks every key of a new customer up, then adds it).
/// Not thread-safe.
/// </summary>
internal sealed class CompactKeyTable
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int MaxKeyBytes = ushort.MaxValue;
    private const int StackBytes = 512;
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkSize;
    private ulong[] _slots = new ulong[256];

    // The last prepared key a lookup did not find, and the empty slot its probe ended at; null once anything is added or moved.
    private string? _missText;
    private int _missSlot;

    /// <summary>How many keys the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>Removes every key, keeping the first chunk and the slot array for reuse (an index that lives for one batch at a time).</summary>
    public void Clear()
    {
        if (_chunks.Count > 1)
        {
            _chunks.RemoveRange(1, _chunks.Count - 1);
        }

        _used = _chunks.Count == 0 ? ChunkSize : 0;
        Array.Clear(_slots);
        _missText = null;
        Count = 0;
    }

    /// <summary>
    /// Makes room for at least this many keys at once (one slot array of the size growth would reach), so that a table expected to hold
    /// them is not rehashed on the way there. Never shrinks.
    /// </summary>
    /// <param name="keys">The number of keys expected.</param>
    public void Reserve(int keys)
    {
        var size = SlotsFor(keys);
        if (size > _slots.Length)
        {
            Rehash(size);
        }
    }

    /// <summary>Finds a key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Its value when found.</param>
    /// <returns>True when the key is in the table.</returns>
    public bool TryGetValue(ReadOnlySpan<char> key, out int value)
    {
        var found = Find(key, HashOf(key), out var slot);
        value = found ? Value(Offset(_slots[slot])) : 0;
        return found;
    }

    /// <summary>Finds a key prepared ahead.</summary>
    /// <param name="key">The key; <see cref="TableKey.IsReady"/>.</param>
    /// <param name="value">Its value when found.</param>
    /// <returns>True when the key is in the table.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(in TableKey key, out int value)
    {
        var found = Find(key.Text, key.Hash, out var slot);
        if (found)
        {
            value = Value(Offset(_slots[slot]));
            return true;
        }

        (_missText, _missSlot) = (key.Text, slot);
        value = 0;
        return false;
    }

    /// <summary>Adds a key prepared ahead with its value unless it is there already (the first value stays).</summary>
    /// <param name="key">The key; <see cref="TableKey.IsReady"/>.</param>
    /// <param name="value">The value.</param>
    /// <param name="offset">Where the key is stored (for <see cref="KeyAt"/>), new or existing.</param>
    /// <returns>True when the key was added, false when it was there.</returns>
    /// <exception cref="InvalidOperationException">The key is longer than 65,535 UTF-8 bytes, or the table holds 2 GiB of keys.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(in TableKey key, int value, out int offset)
    {
        if (_missText is { } missed && ReferenceEquals(missed, key.Text))
        {
            // Looked up just before and not found, and nothing added since: its probe ended at this empty slot.
            return Add(key.Text, key.Hash, _missSlot, value, out offset);
        }

        return TryAdd(key.Text, key.Hash, value, out offset);
    }

    /// <summary>
    /// Reads the slot where a key's probe starts and returns it, so that a pass over a batch's keys before matching it brings those
    /// slots into the cache with many reads in flight at once (the probes that follow then hit the cache). Changes nothing.
    /// </summary>
    /// <param name="hash">The key's hash.</param>
    /// <returns>The slot's content.</returns>
    public ulong Touch(uint hash) => _slots[(int)hash & (_slots.Length - 1)];

    /// <summary>The hash the table uses for a text (the same for a <see cref="TableKey"/> made from it).</summary>
    /// <param name="key">The text.</param>
    /// <returns>The hash.</returns>
    public static uint HashOf(ReadOnlySpan<char> key) => (uint)string.GetHashCode(key);

    /// <summary>Adds a key with its value unless it is there already (the first value stays).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="offset">Where the key is stored (for <see cref="KeyAt"/>), new or existing.</param>
    /// <returns>True when the key was added, false when it was there.</returns>
    /// <exception cref="InvalidOperationException">The key is longer than 65,535 UTF-8 bytes, or the table holds 2 GiB of keys.</exception>
    public bool TryAdd(ReadOnlySpan<char> key, int value, out int offset) => TryAdd(key, HashOf(key), value, out offset);

    /// <summary>The value stored with the key at an offset that <c>TryAdd</c> gave.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The value.</returns>
    public int ValueAt(int offset) => Value(offset);

    /// <summary>Gives the key stored at an offset that <c>TryAdd</c> gave another value (a key whose customer no longer has it goes to
    /// the next customer that does).</summary>
    /// <param name="offset">The offset.</param>
    /// <param name="value">The new value.</param>
    public void SetValueAt(int offset, int value)
    {
        var chunk = _chunks[offset >> ChunkBits].AsSpan(offset & (ChunkSize - 1));
        BinaryPrimitives.WriteInt32LittleEndian(chunk[(2 + BinaryPrimitives.ReadUInt16LittleEndian(chunk))..], value);
    }

    /// <summary>The key stored at an offset that <c>TryAdd</c> gave.</summary>
    /// <param name="offset">The offset.</param>
    /// <returns>The key.</returns>
    public string KeyAt(int offset) => Encoding.UTF8.GetString(Bytes(offset));

    private static int Offset(ulong slot) => (int)(uint)slot - 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryAdd(ReadOnlySpan<char> key, uint hash, int value, out int offset)
    {
        if (Find(key, hash, out var slot))
        {
            offset = Offset(_slots[slot]);
            return false;
        }

        return Add(key, hash, slot, value, out offset);
    }

    /// <summary>Adds a key that is not in the table at the empty slot its probe ended at.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Add(ReadOnlySpan<char> key, uint hash, int slot, int value, out int offset)
    {
        _missText = null;
        offset = Store(key, value);
        _slots[slot] = ((ulong)hash << 32) | (uint)(offset + 1);
        if (++Count > _slots.Length / 4 * 3)
        {
            Grow();
        }

        return true;
    }

    /// <summary>The slot that holds a key (true), or the empty slot where it would go (false).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Find(ReadOnlySpan<char> key, uint hash, out int slot)
    {
        var mask = _slots.Length - 1;
        for (slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return false;
            }

            if ((uint)(entry >> 32) == hash && SameText(Bytes(Offset(entry)), key))
            {
                return true;
            }
        }
    }

    /// <summary>Whether stored UTF-8 bytes are the UTF-8 form of a key (as <see cref="Encoding.UTF8"/> writes it, a lone surrogate as
    /// U+FFFD): compared in place when the key is ASCII, else through the key's bytes (only when the hashes are the same).</summary>
    private static bool SameText(ReadOnlySpan<byte> stored, ReadOnlySpan<char> key)
    {
        if (stored.Length == key.Length)
        {
            // As many bytes as characters: equal only when both are the same ASCII.
            return Ascii.Equals(stored, key);
        }

        if (stored.Length < key.Length || stored.Length > key.Length * 3)
        {
            return false;
        }

        byte[]? rented = null;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> buffer = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            return buffer[..Encoding.UTF8.GetBytes(key, buffer)].SequenceEqual(stored);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes a record (2-byte length, the key's UTF-8 bytes, the 4-byte value) into the chunks and returns where it starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Store(ReadOnlySpan<char> key, int value)
    {
        var length = Encoding.UTF8.GetByteCount(key);
        if (length > MaxKeyBytes)
        {
            throw new InvalidOperationException($"A duplicate-index key of {length} UTF-8 bytes; at most {MaxKeyBytes}.");
        }

        var size = 2 + length + 4;
        if (_used + size > ChunkSize)
        {
            if (_chunks.Count == (int.MaxValue >> ChunkBits))
            {
                throw new InvalidOperationException("The duplicate index is full (2 GiB of keys): import the file in parts.");
            }

            _chunks.Add(new byte[ChunkSize]);
            _used = 0;
        }

        var chunk = _chunks[^1].AsSpan(_used, size);
        BinaryPrimitives.WriteUInt16LittleEndian(chunk, (ushort)length);
        Encoding.UTF8.GetBytes(key, chunk.Slice(2, length));
        BinaryPrimitives.WriteInt32LittleEndian(chunk[(2 + length)..], value);
        var offset = ((_chunks.Count - 1) << ChunkBits) | _used;
        _used += size;
        return offset;
    }

    private ReadOnlySpan<byte> Bytes(int offset)
    {
        var chunk = _chunks[offset >> ChunkBits].AsSpan(offset & (ChunkSize - 1));
        return chunk.Slice(2, BinaryPrimitives.ReadUInt16LittleEndian(chunk));
    }

    private int Value(int offset)
    {
        var chunk = _chunks[offset >> ChunkBits].AsSpan(offset & (ChunkSize - 1));
        return BinaryPrimitives.ReadInt32LittleEndian(chunk[(2 + BinaryPrimitives.ReadUInt16LittleEndian(chunk))..]);
    }

    /// <summary>The slot count growth reaches for this many keys: the smallest power of two from 256 whose 3/4 holds them (at most 2^30).</summary>
    internal static int SlotsFor(int keys)
    {
        var size = 256;
        while (size < (1 << 30) && size / 4 * 3 < keys)
        {
            size *= 2;
        }

        return size;
    }

    private void Grow() => Rehash(_slots.Length * 2);

    private void Rehash(int size)
    {
        _missText = null;
        var slots = new ulong[size];
        var mask = slots.Length - 1;
        foreach (var entry in _slots)
        {
            if (entry == 0)
            {
                continue;
            }

            var slot = (int)(uint)(entry >> 32) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
    }
}
