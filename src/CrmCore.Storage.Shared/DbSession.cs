using System.Data.Common;
using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>
/// One <see cref="IStoreTransactions"/> transaction of a <see cref="DbSource"/>: the stores of that source called from the flow that
/// began it share its connection and transaction (opened at the first use) until it is committed or disposed. Not thread-safe.
/// </summary>
internal sealed class DbSession : IStoreTransaction
{
    private DbHandle? _handle;
    private bool _open = true;
    private List<Action>? _afterCommit;
    private List<Action<bool>>? _whenEnded;

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

        return _handle;
    }

    /// <summary>Runs <paramref name="action"/> once the session has committed (never when it rolls back): for caches of rows it wrote.</summary>
    public void AfterCommit(Action action) => (_afterCommit ??= []).Add(action);

    /// <summary>Runs <paramref name="ended"/> once the session has ended: true after its commit, false after a rollback or a failed commit.</summary>
    public void WhenEnded(Action<bool> ended) => (_whenEnded ??= []).Add(ended);

    public async ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        if (!_open)
        {
            throw new InvalidOperationException("The store transaction was already committed or disposed.");
        }

        Source.Leave(this);
        _open = false;
        if (_handle is { } handle)
        {
            _handle = null;
            var clean = false;
            try
            {
                await Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
                await Transaction.DisposeAsync().ConfigureAwait(false);
                clean = true;
            }
            finally
            {
                Transaction = null;
                await Source.ReturnAsync(handle, clean).ConfigureAwait(false);
                if (!clean)
                {
                    Ended(committed: false);
                }
            }
        }

        foreach (var action in _afterCommit ?? [])
        {
            action();
        }

        Ended(committed: true);
    }

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

    private void Ended(bool committed)
    {
        var ended = _whenEnded;
        _whenEnded = null;
        foreach (var action in ended ?? [])
        {
            action(committed);
        }
    }

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
            Ended(committed: false);
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
            Ended(committed: false);
        }
    }
}
