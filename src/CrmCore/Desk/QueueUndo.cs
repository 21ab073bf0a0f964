namespace CrmCore.Desk;

/// <summary>
/// How to undo the in-memory queue moves of the desk's running command (run newest first when the command fails, dropped when it commits),
/// and of commands whose transaction joined one a host had open on the flow (<see cref="IJoinedStoreTransaction"/>): those are kept until
/// the host's transaction ends, with the moves the command's sync applied (which may be the host transaction's own uncommitted writes), and
/// undone at the desk's next sync when it rolled back, so the queue never keeps what the store rolled back. Not thread-safe except for the
/// outcome callback: the desk uses it under its command gate.
/// </summary>
internal sealed class QueueUndo
{
    private readonly List<Action> _command = [];
    private readonly Lock _lock = new();
    // The moves of joined commands whose host transaction rolled back, not yet undone (guarded by _lock: the outcome arrives on the host's flow).
    private readonly List<Joined> _rolledBack = [];
    // The running command's record when its transaction joined a host's.
    private Joined? _joined;
    private long _order;

    /// <summary>How many moves the running command logged.</summary>
    public int Count => _command.Count;

    /// <summary>Logs how to undo a move of the running command.</summary>
    public void Add(Action undo) => _command.Add(undo);

    /// <summary>Forgets the running command's last move (it turned out not to be one).</summary>
    public void RemoveLast() => _command.RemoveAt(_command.Count - 1);

    /// <summary>The desk's outermost transaction began; <paramref name="seen"/> is its queue mark then.</summary>
    public void Began(IStoreTransaction transaction, long seen)
    {
        if (transaction is IJoinedStoreTransaction host)
        {
            var joined = new Joined(++_order, seen);
            _joined = joined;
            host.WhenEnded(committed =>
            {
                if (!committed)
                {
                    lock (_lock)
                    {
                        _rolledBack.Add(joined);
                    }
                }
            });
        }
    }

    /// <summary>The desk's outermost transaction ended.</summary>
    public void Ended() => _joined = null;

    /// <summary>Logs how to undo a move the sync applied: kept only when the transaction joined a host's (which may roll back what was read).</summary>
    public void Synced(Action undo) => _joined?.Moves.Add(undo);

    /// <summary>The running command committed: its moves stay (until the host's transaction ends, when it joined one).</summary>
    public void Committed()
    {
        _joined?.Moves.AddRange(_command);
        _command.Clear();
    }

    /// <summary>The running command failed: undoes its moves, newest first.</summary>
    public void RollBack()
    {
        for (var i = _command.Count - 1; i >= 0; i--)
        {
            _command[i]();
        }

        _command.Clear();
    }

    /// <summary>Undoes, newest first, the moves of joined commands whose host transaction rolled back.</summary>
    /// <returns>The lowest queue mark those commands began at (the desk reads the changes after it again), or null when none rolled back.</returns>
    public long? UndoRolledBack()
    {
        List<Joined> rolledBack;
        lock (_lock)
        {
            if (_rolledBack.Count == 0)
            {
                return null;
            }

            rolledBack = [.. _rolledBack.OrderByDescending(j => j.Order)];
            _rolledBack.Clear();
        }

        foreach (var joined in rolledBack)
        {
            for (var i = joined.Moves.Count - 1; i >= 0; i--)
            {
                joined.Moves[i]();
            }
        }

        return rolledBack.Min(j => j.Seen);
    }

    private sealed record Joined(long Order, long Seen)
    {
        public List<Action> Moves { get; } = [];
    }
}
