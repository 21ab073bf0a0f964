namespace CrmCore.Desk;

/// <summary>
/// The last queue change number a desk has applied to its in-memory queue (<see cref="IQueueRepository.ChangesAsync"/>), and what its open
/// command wrote since it synced. When the store holds every other writer off from the sync to the commit
/// (<see cref="IQueueRepository.ChangesLockedUntilCommit"/>), the command's own writes take the next numbers in a row, so at the commit the
/// desk moves its mark past them instead of reading them back at its next command, also when its transaction joined one a host had open (if
/// the host then rolls back, <see cref="Reset"/> lowers the mark to where the command began). Anything else (no sync in the transaction, a
/// nested transaction, stores that group nothing or do not give that guarantee, a rollback) leaves the mark where it is, and the next sync
/// reads those changes back, which changes nothing. Not thread-safe: the desk uses it under its command gate.
/// </summary>
internal sealed class QueueWatermark
{
    // The mark when the open transaction synced; -1 when it has not (or the store does not hold the writers off).
    private long _syncedAt = -1;
    private int _written;
    private int _depth;
    // Whether the outermost transaction is a real one (false when the stores group nothing: NoStoreTransactions).
    private bool _own;

    /// <summary>The last change number applied.</summary>
    public long Seen { get; private set; }

    /// <summary>Raises the mark to at least <paramref name="number"/> (a change applied, or the store's last number at a restore).</summary>
    public void Applied(long number) => Seen = Math.Max(Seen, number);

    /// <summary>Lowers the mark to <paramref name="number"/> when it is above: a host transaction the desk's commands joined rolled back
    /// changes the desk had read, and their numbers will be taken again.</summary>
    public void Reset(long number) => Seen = Math.Min(Seen, number);

    /// <summary>A transaction began: <paramref name="own"/> when it is a real one (its own or one that joined a host's), not the stores'
    /// <see cref="NoStoreTransactions"/>; a nested one changes nothing.</summary>
    /// <returns>Whether it is the outermost one.</returns>
    public bool Began(bool own)
    {
        if (_depth++ == 0)
        {
            (_syncedAt, _written, _own) = (-1, 0, own);
            return true;
        }

        return false;
    }

    /// <summary>The open transaction has applied every change up to <see cref="Seen"/>; <paramref name="writersHeldOff"/> when the store
    /// keeps other writers off until the commit.</summary>
    public void Synced(bool writersHeldOff) => (_syncedAt, _written) = (_depth == 1 && _own && writersHeldOff ? Seen : -1, 0);

    /// <summary>The desk wrote one queue change (an add, update or removal that changed the stored queue).</summary>
    public void Wrote() => _written++;

    /// <summary>The outermost transaction committed: the desk's own changes since its sync are past the mark.</summary>
    public void Committed()
    {
        if (_depth != 1 || !_own)
        {
            return; // a nested transaction's commit commits nothing, nor does NoStoreTransactions
        }

        if (_syncedAt >= 0 && _syncedAt == Seen)
        {
            Seen += _written;
        }

        (_syncedAt, _written) = (-1, 0);
    }

    /// <summary>A transaction ended (committed or not).</summary>
    /// <returns>Whether it was the outermost one.</returns>
    public bool Ended()
    {
        _depth = Math.Max(0, _depth - 1);
        if (_depth == 0)
        {
            (_syncedAt, _written) = (-1, 0);
            return true;
        }

        return false;
    }
}
