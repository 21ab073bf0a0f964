using System.Data.Common;

namespace CrmCore.Storage;

/// <summary>
/// One store operation's use of a connection: its own (rented from <see cref="DbSource"/> and given back on dispose, with its own write
/// transaction when the operation begins one) or the open <see cref="DbSession"/>'s (whose transaction the operation joins: begin and
/// commit then do nothing, and the session commits). Not thread-safe.
/// <para>In a session a host began (<see cref="DbSession.StoreSteps"/>), <see cref="BeginAsync"/> sets a savepoint of the operation's own
/// (<see cref="DbSession.BeginStoreStepAsync"/>): <see cref="CommitAsync"/> releases it, and a dispose without a commit rolls the session
/// back to it. A store call that fails inside a host's transaction (a constraint violation, a lock timeout) thus leaves nothing of itself
/// and, on PostgreSQL, does not leave the transaction aborted (25P02) for the host's next command. In a session begun all or nothing (the
/// desk's per-command transactions, an import's batch) the operation sets none: its owner rolls the whole session back on any failure.</para>
/// <para>A dispose without a commit never throws: it runs while the operation's own failure is being thrown.</para>
/// </summary>
internal sealed class DbLease : IAsyncDisposable, IDisposable
{
    private readonly DbSource _source;
    private readonly DbHandle _handle;
    private readonly DbSession? _session;
    private DbTransaction? _own;
    // The savepoint of the operation's write in the session, until it is committed or disposed.
    private string? _step;
    // In a session begun all or nothing: the operation began a write there and has not committed it; whether it wrote a row; whether it
    // is failing having written nothing (a version conflict found by its first write).
    private bool _writing;
    private int _level;
    private bool _wrote;
    private bool _failsWithoutWrite;

    public DbLease(DbSource source, DbHandle handle, DbSession? session)
    {
        (_source, _handle, _session) = (source, handle, session);
    }

    public DbConnection Connection => _handle.Connection;

    /// <summary>The transaction the operation's commands run in: the session's, the operation's own, or none.</summary>
    public DbTransaction? Transaction => _session?.Transaction ?? _own;

    /// <summary>The prepared command for <paramref name="text"/>, bound to <see cref="Transaction"/>. Do not dispose it.</summary>
    public DbCommand Command(string text) => _handle.Command(text, Transaction);

    /// <summary>Begins the operation's write transaction; in a session (which has one already) that takes store steps, sets the
    /// operation's savepoint in it.</summary>
    public async ValueTask<DbTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            if (session.StoreSteps)
            {
                _step ??= await session.BeginStoreStepAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!_writing)
            {
                (_writing, _wrote, _failsWithoutWrite) = (true, false, false);
                _level = session.JoinedDepth;
            }

            return session.Transaction!;
        }

        if (_own is { } open)
        {
            return open;
        }

        _own = await _source.BeginTransactionAsync(_handle.Connection, cancellationToken).ConfigureAwait(false);
        return _own;
    }

    /// <summary>Synchronous <see cref="BeginAsync"/>.</summary>
    public DbTransaction Begin()
    {
        if (_session is { } session)
        {
            if (session.StoreSteps)
            {
                _step ??= session.BeginStoreStep();
            }
            else if (!_writing)
            {
                (_writing, _wrote, _failsWithoutWrite) = (true, false, false);
                _level = session.JoinedDepth;
            }

            return session.Transaction!;
        }

        if (_own is { } open)
        {
            return open;
        }

        _own = _source.BeginTransaction(_handle.Connection);
        return _own;
    }

    /// <summary>Records that the operation wrote a row in its transaction (so a failure after it cannot be one without a write). A store
    /// whose write can fail cleanly (<see cref="FailsWithoutWrite"/>) after other writes of the same operation calls it after each.</summary>
    public void Wrote() => _wrote = true;

    /// <summary>
    /// Records that the operation is failing having written nothing (a version conflict its first write found, a row it needs missing),
    /// unless it recorded a write before (<see cref="Wrote"/>):
    /// in a session begun all or nothing, the session then stays fit to commit, for a caller that catches this failure and goes on.
    /// Any other failure of a write there (a failed statement, which on PostgreSQL aborts the transaction, or one after rows were
    /// written) leaves the session unfit to commit: its commit throws and rolls everything back, so that no caller can commit part of a
    /// store call, or have PostgreSQL roll back silently at its COMMIT.
    /// </summary>
    public void FailsWithoutWrite() => _failsWithoutWrite = !_wrote;

    /// <summary>Commits the operation's own transaction; in a session it releases the operation's savepoint (the session commits).</summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        _writing = false;
        if (_step is { } step)
        {
            _step = null;
            await _session!.EndStoreStepAsync(step, committed: true).ConfigureAwait(false);
        }

        if (_own is { } own)
        {
            await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            await own.DisposeAsync().ConfigureAwait(false);
            _own = null;
        }
    }

    /// <summary>Synchronous <see cref="CommitAsync"/>.</summary>
    public void Commit()
    {
        _writing = false;
        if (_step is { } step)
        {
            _step = null;
            _session!.EndStoreStep(step, committed: true);
        }

        if (_own is { } own)
        {
            own.Commit();
            own.Dispose();
            _own = null;
        }
    }

    /// <summary>Rolls back an own transaction that was not committed and gives the connection back; a session's stays open, rolled back
    /// to the operation's savepoint when the operation began a write and did not commit it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            EndWrite(session);
            if (_step is { } step)
            {
                _step = null;
                await session.EndStoreStepAsync(step, committed: false).ConfigureAwait(false);
            }

            return;
        }

        var clean = true;
        if (_own is { } own)
        {
            _own = null;
            try
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Whatever the rollback threw (a DbException, or the driver's InvalidOperationException for a closed connection): the
                // connection is closed below instead of being kept, and the operation's own failure is the one thrown.
                clean = false;
            }
        }

        await _source.ReturnAsync(_handle, clean).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (_session is { } session)
        {
            EndWrite(session);
            if (_step is { } step)
            {
                _step = null;
                session.EndStoreStep(step, committed: false);
            }

            return;
        }

        var clean = true;
        if (_own is { } own)
        {
            _own = null;
            try
            {
                own.Dispose();
            }
            catch (Exception)
            {
                clean = false; // as in DisposeAsync
            }
        }

        _source.Return(_handle, clean);
    }

    /// <summary>A write begun in a session begun all or nothing and not committed has failed: unless it wrote nothing
    /// (<see cref="FailsWithoutWrite"/>), the session may no longer commit.</summary>
    private void EndWrite(DbSession session)
    {
        if (_writing && !_failsWithoutWrite)
        {
            session.FailedWrite(_level, new InvalidOperationException(
                "A store call failed inside an all-or-nothing transaction after a statement failed or rows were written; the transaction cannot be committed."));
        }

        _writing = false;
    }
}
