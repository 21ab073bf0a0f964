using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>A transaction begun while a <see cref="DbSession"/> was open on the flow: it joins it and reports the session's outcome. A join
/// for a command gets a savepoint of its own (set before its first statement): its commit releases it, and a dispose without a commit rolls
/// the session back to it, so a joined command that fails partway leaves nothing of itself in the session, and ends what was registered
/// through it (<see cref="WhenEnded"/>, <see cref="WhenCommitted"/>, a store's after-commit cache) as rolled back. A store's own nested step
/// (which fails with the command around it) joins without one: its commit and dispose do nothing. Not thread-safe.</summary>
internal sealed class DbJoinedTransaction : IJoinedStoreTransaction
{
    private readonly DbSession _session;
    private bool _ended;

    public DbJoinedTransaction(DbSession session, bool savepoint)
    {
        _session = session;
        _ended = !savepoint;
        if (savepoint)
        {
            session.Join(this);
        }
    }

    // The token is not passed on: releasing the savepoint is not cancelled halfway (that would break the session the command joined).
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => EndAsync(committed: true);

    public ValueTask DisposeAsync() => EndAsync(committed: false);

    public void WhenEnded(Action<bool> ended)
    {
        ArgumentNullException.ThrowIfNull(ended);
        _session.WhenEnded(ended);
    }

    public void WhenCommitted(Func<CancellationToken, ValueTask> committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        _session.WhenCommitted(committed);
    }

    private ValueTask EndAsync(bool committed)
    {
        if (_ended)
        {
            return ValueTask.CompletedTask;
        }

        _ended = true;
        return _session.EndJoinedAsync(this, committed);
    }
}
