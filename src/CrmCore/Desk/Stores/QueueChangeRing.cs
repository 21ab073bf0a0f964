using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The in-memory queue store's change log: the ticket of each kept change, oldest first, in a ring that grows by doubling. Adding is
/// amortised O(1) and dropping the oldest <c>n</c> is O(n) (the slots are cleared so that the tickets' ids can be collected); nothing
/// kept is moved except when the ring grows. Not thread-safe (the store holds its lock).
/// </summary>
internal sealed class QueueChangeRing
{
    private TicketId[] _items = new TicketId[16];
    // The physical slot of the oldest kept change.
    private int _start;

    /// <summary>How many changes are kept.</summary>
    public int Count { get; private set; }

    /// <summary>The ticket of the kept change at <paramref name="index"/> (0 the oldest).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="Count"/>.</exception>
    public TicketId this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return _items[Slot(index)];
        }
    }

    /// <summary>Keeps a change of <paramref name="ticket"/> as the newest.</summary>
    public void Add(TicketId ticket)
    {
        if (Count == _items.Length)
        {
            var grown = new TicketId[_items.Length * 2];
            var head = Math.Min(Count, _items.Length - _start);
            Array.Copy(_items, _start, grown, 0, head);
            Array.Copy(_items, 0, grown, head, Count - head);
            (_items, _start) = (grown, 0);
        }

        _items[Slot(Count)] = ticket;
        Count++;
    }

    /// <summary>Forgets the oldest <paramref name="count"/> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="Count"/>.</exception>
    public void DropOldest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        var head = Math.Min(count, _items.Length - _start);
        Array.Clear(_items, _start, head);
        Array.Clear(_items, 0, count - head);
        _start = (_start + count) % _items.Length;
        Count -= count;
    }

    private int Slot(int index)
    {
        var slot = _start + index;
        return slot < _items.Length ? slot : slot - _items.Length;
    }
}
