using System.Runtime.CompilerServices;
namespace CrmCore.Import.Customers;

/// <summary>
/// A map from non-zero 64-bit keys (phone keys) to <see cref="int"/> values fixed when added, in two flat arrays with linear
/// probing: 12 bytes a slot, about half what a <see cref="Dictionary{TKey, TValue}"/> of the same pairs costs at a million keys. A key
/// that a lookup did not find is added where that lookup's probe ended, without probing again, unless the table changed in between.
/// Not thread-safe.
/// </summary>
internal sealed class CompactNumberTable
{
    private ulong[] _keys = new ulong[256];
    private int[] _values = new int[256];

    // The last key a lookup did not find (0 for none: 0 is never a key) and the empty slot its probe ended at; reset by every change.
    private ulong _missKey;
    private int _missSlot;

    /// <summary>How many keys the table holds.</summary>
    public int Count { get; private set; }

    /// <summary>Removes every key, keeping the arrays for reuse.</summary>
    public void Clear()
    {
        Array.Clear(_keys);
        Count = 0;
        _missKey = 0;
    }

    /// <summary>Makes room for at least this many keys at once, so that the table is not rehashed on the way there. Never shrinks.</summary>
    /// <param name="keys">The number of keys expected.</param>
    public void Reserve(int keys)
    {
        var size = CompactKeyTable.SlotsFor(keys);
        if (size > _keys.Length)
        {
            Rehash(size);
        }
    }

    /// <summary>Finds a key.</summary>
    /// <param name="key">The key; 0 is never present.</param>
    /// <param name="value">Its value when found.</param>
    /// <returns>True when the key is in the table.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGetValue(ulong key, out int value)
    {
        var slot = Find(key);
        if (key != 0 && _keys[slot] == key)
        {
            value = _values[slot];
            return true;
        }

        (_missKey, _missSlot) = (key, slot);
        value = 0;
        return false;
    }

    /// <summary>Adds a key with its value unless it is there already (the first value stays).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the key was added.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The key is 0.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(ulong key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfZero(key);
        // Looked up just before and not found, and nothing added since: its probe ended at that empty slot.
        var slot = key == _missKey ? _missSlot : Find(key);
        if (_keys[slot] == key)
        {
            return false;
        }

        _missKey = 0;
        _keys[slot] = key;
        _values[slot] = value;
        if (++Count > _keys.Length / 4 * 3)
        {
            Grow();
        }

        return true;
    }

    /// <summary>Gives a key already in the table another value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The new value.</param>
    /// <exception cref="KeyNotFoundException">The key is not in the table.</exception>
    public void SetValue(ulong key, int value)
    {
        var slot = Find(key);
        if (key == 0 || _keys[slot] != key)
        {
            throw new KeyNotFoundException("The key is not in the table.");
        }

        _values[slot] = value;
    }

    /// <summary>Reads the slot where a key's probe starts and returns it (a cache warm-up before a batch's probes); changes nothing.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The slot's key.</returns>
    public ulong Touch(ulong key) => _keys[Slot(key, _keys.Length - 1)];

    private static int Slot(ulong key, int mask) => (int)((key * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    /// <summary>The slot that holds the key, or the empty slot where it would go.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Find(ulong key)
    {
        var mask = _keys.Length - 1;
        var slot = Slot(key, mask);
        while (_keys[slot] != 0 && _keys[slot] != key)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private void Grow() => Rehash(_keys.Length * 2);

    private void Rehash(int size)
    {
        _missKey = 0;
        var keys = new ulong[size];
        var values = new int[keys.Length];
        var mask = keys.Length - 1;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] == 0)
            {
                continue;
            }

            var slot = Slot(_keys[i], mask);
            while (keys[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            keys[slot] = _keys[i];
            values[slot] = _values[i];
        }

        _keys = keys;
        _values = values;
    }
}
