using System.Data.Common;
using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>
/// One <see cref="IStoreTransactions"/> transaction of a <see cref="DbSource"/>: the stores of that source called from the flow that
/// began it share its connection and transaction (opened at the first use) until it is committed or disposed. A transaction begun on the
/// flow while it is open joins it (<see cref="DbJoinedTransaction"/>) with a savepoint of its own, set before the joined work's first
/// statement: a joined command that fails rolls back to it and leaves the rest of the session as it was. A session a host began
/// (<see cref="StoreSteps"/>) also sets a savepoint around each store write (<see cref="BeginStoreStepAsync"/>); one begun all or nothing
/// does not. Savepoints are sent as commands kept on the connection (<see cref="DbHandle.Command"/>), so each text is compiled once per
/// connection. Not thread-safe.
/// </summary>
internal sealed class DbSession : IStoreTransaction
{
    private DbHandle? _handle;
    private bool _open = true;
    // What runs when the session ends (true: committed), in the order registered; a callback's failure is thrown by the commit after all ran.
    private List<Func<bool, CancellationToken, ValueTask>>? _whenEnded;
    // The joined transactions open on the session, outermost first, each with its mark: how many end callbacks were registered when it
    // joined. The callbacks from a joined transaction's mark on belong to its work: a rollback to its savepoint ends them at once, as
    // rolled back. How many of the joined transactions have their savepoint set in the database.
    private readonly List<(DbJoinedTransaction Joined, int Mark)> _joined = [];
    private int _savepointsSet;
    // The store operations' savepoints open on the session (BeginStoreStepAsync), innermost last, each with its mark in the end callbacks.
    private readonly List<int> _storeSteps = [];
    // Why the session can only roll back: a rollback to a savepoint (a joined transaction's or a store step's) that failed, or work
    // registered by undone work that failed while being undone.
    private Exception? _broken;
    // What end callbacks of undone work (a joined transaction or a store step not committed) threw: reported by the commit (attached to
    // its exception) or by the dispose (thrown after the rollback), never by the undo itself, which must not hide the failure undone.
    private List<Exception>? _undoFailures;
    // The shallowest level (JoinedDepth) whose work holds a store write that failed after writing, in a session begun all or nothing.
    private (int Level, Exception Error)? _failedWrite;

    public DbSession(DbSource source, DbSession? previous, bool storeSteps)
    {
        (Source, Previous, StoreSteps) = (source, previous, storeSteps);
    }

    /// <summary>
    /// True when each store write sets a savepoint of its own (<see cref="BeginStoreStepAsync"/>, through <see cref="DbLease.BeginAsync"/>):
    /// a session a host began (<see cref="IStoreTransactions.Begin"/>), whose owner may go on after a store call fails. False for a session
    /// begun all or nothing (<see cref="IStoreTransactions.BeginAllOrNothing"/>, <see cref="DbSource.BeginStep"/>), which its owner rolls
    /// back whole on any failure: no savepoint round trips.
    /// </summary>
    public bool StoreSteps { get; }

    public DbSource Source { get; }

    /// <summary>The session that was ambient before this one (restored when this one ends).</summary>
    public DbSession? Previous { get; }

    public bool IsOpen => _open;

    public DbTransaction? Transaction { get; private set; }

    /// <summary>The session's connection, opened and its transaction begun at the first call.</summary>
    public async ValueTask<DbHandle> HandleAsync(CancellationToken cancellationToken)
    {
        if (_handle is null)
        {
            var handle = await Source.RentAsync(cancellationToken).ConfigureAwait(false);
            Transaction = await Begin(handle, () => Source.BeginTransactionAsync(handle.Connection, cancellationToken)).ConfigureAwait(false);
            _handle = handle;
        }

        while (_savepointsSet < _joined.Count)
        {
            // Checked before, not while, the SAVEPOINT is sent: cancelled halfway, the savepoint could be set without being tracked.
            cancellationToken.ThrowIfCancellationRequested();
            await SendSavepointAsync(Savepoint(_savepointsSet)).ConfigureAwait(false);
            _savepointsSet++;
        }

        return _handle;
    }

    /// <summary>Synchronous <see cref="HandleAsync"/>.</summary>
    public DbHandle Handle()
    {
        if (_handle is null)
        {
            var handle = Source.Rent();
            Transaction = Begin(handle, () => ValueTask.FromResult(Source.BeginTransaction(handle.Connection))).AsTask().GetAwaiter().GetResult();
            _handle = handle;
        }

        while (_savepointsSet < _joined.Count)
        {
            SendSavepoint(Savepoint(_savepointsSet));
            _savepointsSet++;
        }

        return _handle;
    }

    /// <summary>A transaction joins the session: its savepoint is set before the next statement on the session's connection.</summary>
    public void Join(DbJoinedTransaction joined)
    {
        ObjectDisposedException.ThrowIf(!_open, this);
        _joined.Add((joined, _whenEnded?.Count ?? 0));
    }

    /// <summary>
    /// A joined transaction ends: committed, its savepoint is released (its work stays in the session); not committed, the session rolls
    /// back to the savepoint (the joined work is undone, the session's earlier work stays) and releases it. Joined transactions still
    /// open inside it end with it. Not committed, the end callbacks registered since it joined end at once as rolled back (their work is
    /// gone whatever the session does): commit-only ones are dropped, outcome observers hear false; what they throw is thrown after all
    /// ran. Nothing reaches the database when the session has ended or the joined work never reached it.
    /// </summary>
    public async ValueTask EndJoinedAsync(DbJoinedTransaction joined, bool committed)
    {
        var depth = _joined.FindLastIndex(j => ReferenceEquals(j.Joined, joined));
        if (depth < 0)
        {
            return;
        }

        var mark = _joined[depth].Mark;
        _joined.RemoveRange(depth, _joined.Count - depth);
        if (_failedWrite is { } failed && failed.Level > depth)
        {
            // The joined work held the failed write: undone with it when the rollback to its savepoint is sent below; else (committed, or
            // its savepoint never set, so nothing is rolled back) it is now the enclosing level's.
            _failedWrite = !committed && depth < _savepointsSet && _open && Transaction is not null ? null : (depth, failed.Error);
        }

        if (depth < _savepointsSet)
        {
            _savepointsSet = depth;
            if (_open && Transaction is not null)
            {
                await EndSavepointAsync(Savepoint(depth), committed).ConfigureAwait(false);
            }
        }

        await EndUndoneAsync(mark, committed).ConfigureAwait(false);
    }

    // Releases a savepoint (a joined transaction's or a store step's), after rolling back to it when its work is not committed. Neither
    // takes a cancellation token: stopped halfway, the session would no longer know what of the work it holds. When either fails, the
    // session no longer knows that either: it must not commit (its commit says so). Committed, the failure is thrown (the work's commit
    // failed); not committed, it is not: that end runs while the work's own failure is being thrown, and must not hide it.
    private async ValueTask EndSavepointAsync(string name, bool committed)
    {
        try
        {
            if (!committed)
            {
                await SendAsync(SavepointSql.RollbackTo(name)).ConfigureAwait(false);
            }

            await SendAsync(SavepointSql.Release(name)).ConfigureAwait(false);
        }
        catch (Exception error) when (!committed || error is DbException or InvalidOperationException)
        {
            _broken ??= error;
            if (committed)
            {
                throw;
            }
        }
    }

    /// <summary>Synchronous <see cref="EndSavepointAsync"/>.</summary>
    private void EndSavepoint(string name, bool committed)
    {
        try
        {
            if (!committed)
            {
                Send(SavepointSql.RollbackTo(name));
            }

            Send(SavepointSql.Release(name));
        }
        catch (Exception error) when (!committed || error is DbException or InvalidOperationException)
        {
            _broken ??= error;
            if (committed)
            {
                throw;
            }
        }
    }

    /// <summary>Sets a savepoint on the session's connection (counted by <see cref="DbSource.SavepointsSent"/>), with no cancellation
    /// token: the caller checks its token before, so the savepoint is either set and tracked, or not sent.</summary>
    private ValueTask SendSavepointAsync(string name)
    {
        Source.CountSavepoint();
        return SendAsync(SavepointSql.Set(name));
    }

    /// <summary>Synchronous <see cref="SendSavepointAsync"/>.</summary>
    private void SendSavepoint(string name)
    {
        Source.CountSavepoint();
        Send(SavepointSql.Set(name));
    }

    // A savepoint statement through the connection's kept command for its text (prepared once per connection where the driver prepares).
    private async ValueTask SendAsync(string text)
    {
        var handle = _handle ?? throw new InvalidOperationException("The store transaction has no connection.");
        await handle.Command(text, Transaction).ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void Send(string text)
    {
        var handle = _handle ?? throw new InvalidOperationException("The store transaction has no connection.");
        handle.Command(text, Transaction).ExecuteNonQuery();
    }

    /// <summary>
    /// Sets a savepoint around one store operation's own statements in a session that takes store steps (<see cref="StoreSteps"/>,
    /// through <see cref="DbLease.BeginAsync"/>), so that a statement of it that fails is undone without the rest of the session: on
    /// PostgreSQL a failed statement aborts the whole transaction (25P02 "current transaction is aborted" for every later command) until a
    /// rollback to a savepoint set before it. Returns the savepoint's name, for <see cref="EndStoreStepAsync"/>. The token is checked
    /// before the <c>SAVEPOINT</c> is sent, not while: the savepoint is either set and tracked, or not sent.
    /// </summary>
    public async ValueTask<string> BeginStoreStepAsync(CancellationToken cancellationToken)
    {
        await HandleAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var name = StoreSavepoint(_storeSteps.Count);
        Source.BeforeStoreSavepoint?.Invoke();
        await SendSavepointAsync(name).ConfigureAwait(false);
        _storeSteps.Add(_whenEnded?.Count ?? 0);
        return name;
    }

    /// <summary>Synchronous <see cref="BeginStoreStepAsync"/>.</summary>
    public string BeginStoreStep()
    {
        Handle();
        var name = StoreSavepoint(_storeSteps.Count);
        Source.BeforeStoreSavepoint?.Invoke();
        SendSavepoint(name);
        _storeSteps.Add(_whenEnded?.Count ?? 0);
        return name;
    }

    /// <summary>
    /// Ends a store operation's savepoint (<see cref="BeginStoreStepAsync"/>): committed, it is released; not committed, the session rolls
    /// back to it first (the operation's statements are undone, the session's earlier work stays), and the end callbacks the operation
    /// registered end at once as rolled back. Not committed, it never throws (it runs while the operation's own failure is thrown): a
    /// rollback or release that fails (a broken connection: <see cref="DbException"/>, or the driver's
    /// <see cref="InvalidOperationException"/>) leaves the session able only to roll back, and what an undone callback throws is reported
    /// by the session's commit or dispose.
    /// </summary>
    public async ValueTask EndStoreStepAsync(string name, bool committed)
    {
        if (!TryPopStoreStep(name, committed, out var mark))
        {
            return;
        }

        if (_open && Transaction is not null)
        {
            await EndSavepointAsync(name, committed).ConfigureAwait(false);
        }

        await EndUndoneAsync(mark, committed).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="EndStoreStepAsync"/>.</summary>
    public void EndStoreStep(string name, bool committed)
    {
        if (!TryPopStoreStep(name, committed, out var mark))
        {
            return;
        }

        if (_open && Transaction is not null)
        {
            EndSavepoint(name, committed);
        }

        // The callbacks undone are the synchronous ones (WhenEnded, AfterCommit); WhenCommitted ones do nothing on a rollback.
        EndUndoneAsync(mark, committed).AsTask().GetAwaiter().GetResult();
    }

    // The innermost store step, which must be the one named. When it is not (a store left a step open: a defect), a commit throws and an
    // undo marks the session broken instead (it must not hide the failure being thrown).
    private bool TryPopStoreStep(string name, bool committed, out int mark)
    {
        var depth = _storeSteps.Count - 1;
        if (depth < 0 || StoreSavepoint(depth) != name)
        {
            var error = new InvalidOperationException($"The store savepoint {name} is not the innermost one open on the session.");
            if (committed)
            {
                throw error;
            }

            _broken ??= error;
            mark = 0;
            return false;
        }

        mark = _storeSteps[depth];
        _storeSteps.RemoveAt(depth);
        return true;
    }

    // Not committed: the end callbacks registered from mark on end at once as rolled back (their work is gone whatever the session does).
    // What they throw is kept for the session's commit or dispose (the session can no longer commit), never thrown here.
    private async ValueTask EndUndoneAsync(int mark, bool committed)
    {
        if (committed || !_open || _whenEnded is not { } callbacks || callbacks.Count <= mark)
        {
            return;
        }

        var undone = callbacks.GetRange(mark, callbacks.Count - mark);
        callbacks.RemoveRange(mark, callbacks.Count - mark);
        try
        {
            await RunAsync(undone, committed: false).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            var failures = failure is AggregateException all ? all.InnerExceptions : [failure];
            (_undoFailures ??= []).AddRange(failures);
            _broken ??= new InvalidOperationException(
                "Work registered in the store transaction by a part of it that was undone failed while being undone, so what was kept beside the database may not match it.",
                failures.Count == 1 ? failures[0] : new AggregateException(failures));
        }
    }

    /// <summary>Runs <paramref name="action"/> once the session has committed (never when it rolls back): for caches of rows it wrote.</summary>
    public void AfterCommit(Action action) => WhenEnded(committed =>
    {
        if (committed)
        {
            action();
        }
    });

    /// <summary>Runs <paramref name="ended"/> once the session has ended: true after its commit, false after a rollback or a failed commit.</summary>
    public void WhenEnded(Action<bool> ended) => (_whenEnded ??= []).Add((committed, _) =>
    {
        ended(committed);
        return ValueTask.CompletedTask;
    });

    /// <summary>Runs <paramref name="committed"/> once the session has committed (never when it rolls back), awaited by the commit, given
    /// no cancellation token (<see cref="CancellationToken.None"/>): the data is committed by then.</summary>
    public void WhenCommitted(Func<CancellationToken, ValueTask> committed) => (_whenEnded ??= []).Add((done, token) => done ? committed(token) : ValueTask.CompletedTask);

    /// <summary>How many joined transactions are open on the session: the level a store write begun now belongs to (0: the session's own).</summary>
    public int JoinedDepth => _joined.Count;

    /// <summary>
    /// A store write begun at <paramref name="level"/> (<see cref="JoinedDepth"/>) failed in a session begun all or nothing, after it
    /// wrote or on a failed statement: the work of that level can only roll back. The joined transaction of that level undoes it by
    /// rolling back to its savepoint (the session is fit to commit again); committed, it passes it to the level around it; at the
    /// session's own level the session's commit throws, with <paramref name="error"/> inside, and rolls everything back.
    /// </summary>
    /// <param name="level">The write's level.</param>
    /// <param name="error">Why.</param>
    public void FailedWrite(int level, Exception error)
    {
        if (_failedWrite is not { } earlier || level < earlier.Level)
        {
            _failedWrite = (level, error);
        }
    }

    /// <summary>
    /// Commits (through <see cref="DbSource.CommitSessionAsync"/>: on PostgreSQL a transaction that a failed statement aborted, a read's
    /// included, is rolled back and the commit throws), then runs the end callbacks (true) without a cancellation token: the data is
    /// committed by then, and a token firing later must not make the caller believe otherwise (a caller that retries would write
    /// twice). When the commit fails, the callbacks run
    /// (false) and the commit's exception is thrown; what they threw then is attached to it (<see cref="CallbackFailuresKey"/>).
    /// </summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_open)
        {
            throw new InvalidOperationException("The store transaction was already committed or disposed.");
        }

        if ((_broken ?? _failedWrite?.Error) is { } broken)
        {
            var error = new InvalidOperationException("The store transaction was rolled back: a part of it (a command that joined it, or a store call) failed and its work could not be undone on its own.", broken);
            if (_undoFailures is { } undone)
            {
                error.Data[CallbackFailuresKey] = undone.ToArray();
                _undoFailures = null; // reported here, not again by the dispose
            }

            try
            {
                await DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception callbacks)
            {
                error.Data[CallbackFailuresKey] = ((Exception[]?)error.Data[CallbackFailuresKey] ?? []).Concat(callbacks is AggregateException all ? all.InnerExceptions : [callbacks]).ToArray();
            }

            throw error;
        }

        // The token is honoured up to here only: once COMMIT is sent, the database may commit whatever the token does, and a commit that
        // succeeded must never be reported as failed (its callbacks dropped, the caller retrying).
        cancellationToken.ThrowIfCancellationRequested();
        Source.Leave(this);
        _open = false;
        if (_handle is { } handle)
        {
            _handle = null;
            try
            {
                await Source.CommitSessionAsync(handle, Transaction!).ConfigureAwait(false);
            }
            catch (Exception failure)
            {
                Transaction = null;
                await Source.ReturnAsync(handle, clean: false).ConfigureAwait(false);
                await EndedAfterAsync(failure).ConfigureAwait(false);
                throw;
            }

            // Committed: a failure to dispose the transaction object only makes the connection unfit for reuse.
            var clean = true;
            try
            {
                await Transaction!.DisposeAsync().ConfigureAwait(false);
            }
            catch (DbException)
            {
                clean = false;
            }

            Transaction = null;
            await Source.ReturnAsync(handle, clean).ConfigureAwait(false);
        }

        await EndedAsync(committed: true).ConfigureAwait(false);
    }

    /// <summary>The key in <see cref="Exception.Data"/> of a failed commit under which the exceptions its end callbacks threw are kept
    /// (an <see cref="Exception"/> array), so that they do not replace the commit's own.</summary>
    public const string CallbackFailuresKey = CrmCore.Desk.StoreTransactionFailures.DataKey;

    // Leaves the flow at once (synchronously, so the caller's flow no longer sees it), then rolls back what was not committed.
    public ValueTask DisposeAsync()
    {
        if (!_open)
        {
            return ValueTask.CompletedTask;
        }

        Source.Leave(this);
        _open = false;
        return RollBackAsync();
    }

    /// <summary>Runs every end callback once, in the order registered; after all ran, throws what they threw, after what callbacks of
    /// work undone earlier threw (<see cref="EndUndoneAsync"/>), when the session did not report that already.</summary>
    private async ValueTask EndedAsync(bool committed)
    {
        var ended = _whenEnded;
        _whenEnded = null;
        var undone = _undoFailures;
        _undoFailures = null;
        try
        {
            await RunAsync(ended, committed).ConfigureAwait(false);
        }
        catch (Exception failure) when (undone is not null)
        {
            undone.AddRange(failure is AggregateException all ? all.InnerExceptions : [failure]);
        }

        if (undone is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        if (undone is not null)
        {
            throw new AggregateException("Work run after parts of the store transaction were undone failed; the transaction itself " + (committed ? "committed." : "rolled back."), undone);
        }
    }

    /// <summary>After a failed commit: runs every end callback (false); what they throw goes with <paramref name="failure"/>, never instead.</summary>
    private async ValueTask EndedAfterAsync(Exception failure)
    {
        try
        {
            await EndedAsync(committed: false).ConfigureAwait(false);
        }
        catch (Exception callbacks)
        {
            failure.Data[CallbackFailuresKey] = callbacks is AggregateException all ? all.InnerExceptions.ToArray() : new[] { callbacks };
        }
    }

    /// <summary>Runs <paramref name="callbacks"/> in order, none given a cancellation token; after all ran, throws what they threw.</summary>
    private static async ValueTask RunAsync(List<Func<bool, CancellationToken, ValueTask>>? callbacks, bool committed)
    {
        List<Exception>? errors = null;
        foreach (var callback in callbacks ?? [])
        {
            try
            {
                await callback(committed, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                (errors ??= []).Add(error);
            }
        }

        if (errors is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        if (errors is not null)
        {
            throw new AggregateException("Work run after the store transaction ended failed; the transaction itself " + (committed ? "committed." : "rolled back."), errors);
        }
    }

    /// <summary>The name of the savepoint of the store operation at <paramref name="depth"/> (0 outermost).</summary>
    private static string StoreSavepoint(int depth) => SavepointSql.Name("crm_store_", depth);

    /// <summary>The name of the savepoint of the joined transaction at <paramref name="depth"/> (0 outermost).</summary>
    private static string Savepoint(int depth) => SavepointSql.Name("crm_joined_", depth);

    private static async ValueTask<DbTransaction> Begin(DbHandle handle, Func<ValueTask<DbTransaction>> begin)
    {
        try
        {
            return await begin().ConfigureAwait(false);
        }
        catch
        {
            await handle.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask RollBackAsync()
    {
        if (_handle is not { } handle)
        {
            await EndedAsync(committed: false).ConfigureAwait(false);
            return;
        }

        _handle = null;
        var clean = false;
        try
        {
            await Transaction!.DisposeAsync().ConfigureAwait(false);
            clean = true;
        }
        catch (Exception error) when (error is DbException or InvalidOperationException)
        {
            // A broken connection (Npgsql throws InvalidOperationException for a transaction whose connection closed): it is closed
            // below instead of being kept.
        }
        finally
        {
            Transaction = null;
            await Source.ReturnAsync(handle, clean).ConfigureAwait(false);
            await EndedAsync(committed: false).ConfigureAwait(false);
        }
    }
}
