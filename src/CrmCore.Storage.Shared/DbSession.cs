using System.Data.Common;
using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>
/// One <see cref="IStoreTransactions"/> transaction of a <see cref="DbSource"/>: the stores of that source called from the flow that
/// began it share its connection and transaction (opened at the first use) until it is committed or disposed. A transaction begun on the
/// flow while it is open joins it (<see cref="DbJoinedTransaction"/>) with a savepoint of its own, set before the joined work's first
/// statement: a joined command that fails rolls back to it and leaves the rest of the session as it was. Not thread-safe.
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
    // A joined transaction's rollback to its savepoint that failed: the session can then only roll back.
    private Exception? _broken;

    public DbSession(DbSource source, DbSession? previous)
    {
        (Source, Previous) = (source, previous);
    }

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
            await Transaction!.SaveAsync(Savepoint(_savepointsSet), cancellationToken).ConfigureAwait(false);
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
            Transaction!.Save(Savepoint(_savepointsSet));
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
        if (depth < _savepointsSet)
        {
            _savepointsSet = depth;
            if (_open && Transaction is { } transaction)
            {
                await EndSavepointAsync(transaction, Savepoint(depth), committed).ConfigureAwait(false);
            }
        }

        if (!committed && _open && _whenEnded is { } callbacks && callbacks.Count > mark)
        {
            var undone = callbacks.GetRange(mark, callbacks.Count - mark);
            callbacks.RemoveRange(mark, callbacks.Count - mark);
            await RunAsync(undone, committed: false).ConfigureAwait(false);
        }
    }

    // Releases a joined transaction's savepoint, after rolling back to it when the joined work is not committed. Neither takes a
    // cancellation token: stopped halfway, the session would no longer know what of the joined work it holds.
    private async ValueTask EndSavepointAsync(DbTransaction transaction, string name, bool committed)
    {
        try
        {
            if (!committed)
            {
                await transaction.RollbackAsync(name, CancellationToken.None).ConfigureAwait(false);
            }

            await transaction.ReleaseAsync(name, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException error)
        {
            // The session no longer knows what of the joined work it holds: it must not commit. A failed commit of the joined work says so.
            _broken = error;
            if (committed)
            {
                throw;
            }
        }
    }

    /// <summary>
    /// Sets a savepoint around one store operation's own statements in the session (<see cref="DbLease.BeginAsync"/>), so that a statement
    /// of it that fails is undone without the rest of the session: on PostgreSQL a failed statement aborts the whole transaction
    /// (25P02 "current transaction is aborted" for every later command) until a rollback to a savepoint set before it. Returns the
    /// savepoint's name, for <see cref="EndStoreStepAsync"/>.
    /// </summary>
    public async ValueTask<string> BeginStoreStepAsync(CancellationToken cancellationToken)
    {
        await HandleAsync(cancellationToken).ConfigureAwait(false);
        var name = StoreSavepoint(_storeSteps.Count);
        await Transaction!.SaveAsync(name, cancellationToken).ConfigureAwait(false);
        _storeSteps.Add(_whenEnded?.Count ?? 0);
        return name;
    }

    /// <summary>Synchronous <see cref="BeginStoreStepAsync"/>.</summary>
    public string BeginStoreStep()
    {
        Handle();
        var name = StoreSavepoint(_storeSteps.Count);
        Transaction!.Save(name);
        _storeSteps.Add(_whenEnded?.Count ?? 0);
        return name;
    }

    /// <summary>
    /// Ends a store operation's savepoint (<see cref="BeginStoreStepAsync"/>): committed, it is released; not committed, the session rolls
    /// back to it first (the operation's statements are undone, the session's earlier work stays), and the end callbacks the operation
    /// registered end at once as rolled back. A rollback that fails leaves the session able only to roll back, as for a joined transaction.
    /// </summary>
    public async ValueTask EndStoreStepAsync(string name, bool committed)
    {
        var mark = PopStoreStep(name);
        if (_open && Transaction is { } transaction)
        {
            await EndSavepointAsync(transaction, name, committed).ConfigureAwait(false);
        }

        await EndUndone(mark, committed).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="EndStoreStepAsync"/>.</summary>
    public void EndStoreStep(string name, bool committed)
    {
        var mark = PopStoreStep(name);
        if (_open && Transaction is { } transaction)
        {
            try
            {
                if (!committed)
                {
                    transaction.Rollback(name);
                }

                transaction.Release(name);
            }
            catch (DbException error)
            {
                _broken = error;
                if (committed)
                {
                    throw;
                }
            }
        }

        // The callbacks undone are the synchronous ones (WhenEnded, AfterCommit); WhenCommitted ones do nothing on a rollback.
        EndUndone(mark, committed).AsTask().GetAwaiter().GetResult();
    }

    private int PopStoreStep(string name)
    {
        var depth = _storeSteps.Count - 1;
        if (depth < 0 || StoreSavepoint(depth) != name)
        {
            throw new InvalidOperationException($"The store savepoint {name} is not the innermost one open on the session.");
        }

        var mark = _storeSteps[depth];
        _storeSteps.RemoveAt(depth);
        return mark;
    }

    // Not committed: the end callbacks registered from mark on end at once as rolled back (their work is gone whatever the session does).
    private ValueTask EndUndone(int mark, bool committed)
    {
        if (committed || !_open || _whenEnded is not { } callbacks || callbacks.Count <= mark)
        {
            return ValueTask.CompletedTask;
        }

        var undone = callbacks.GetRange(mark, callbacks.Count - mark);
        callbacks.RemoveRange(mark, callbacks.Count - mark);
        return RunAsync(undone, committed: false);
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

    /// <summary>
    /// Commits, then runs the end callbacks (true) without a cancellation token: the data is committed by then, and a token firing later
    /// must not make the caller believe otherwise (a caller that retries would write twice). When the commit fails, the callbacks run
    /// (false) and the commit's exception is thrown; what they threw then is attached to it (<see cref="CallbackFailuresKey"/>).
    /// </summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_open)
        {
            throw new InvalidOperationException("The store transaction was already committed or disposed.");
        }

        if (_broken is { } broken)
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("The store transaction was rolled back: a command that joined it failed and its work could not be undone on its own.", broken);
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
                await Transaction!.CommitAsync(CancellationToken.None).ConfigureAwait(false);
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
                await Transaction.DisposeAsync().ConfigureAwait(false);
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
    public const string CallbackFailuresKey = "CrmCore.StoreTransaction.CallbackFailures";

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

    /// <summary>Runs every end callback once, in the order registered; after all ran, throws what they threw.</summary>
    private ValueTask EndedAsync(bool committed)
    {
        var ended = _whenEnded;
        _whenEnded = null;
        return RunAsync(ended, committed);
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
    private static string StoreSavepoint(int depth) => "crm_store_" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name of the savepoint of the joined transaction at <paramref name="depth"/> (0 outermost).</summary>
    private static string Savepoint(int depth) => "crm_joined_" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
        catch (DbException)
        {
            // A broken connection: it is closed below instead of being kept.
        }
        finally
        {
            Transaction = null;
            await Source.ReturnAsync(handle, clean).ConfigureAwait(false);
            await EndedAsync(committed: false).ConfigureAwait(false);
        }
    }
}
