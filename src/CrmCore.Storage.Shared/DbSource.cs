using System.Collections.Concurrent;
using System.Data.Common;
using CrmCore.Desk;

namespace CrmCore.Storage;

/// <summary>
/// Where a provider's stores get connections: each operation leases one (<see cref="LeaseAsync"/>) and gives it back, and a desk command's
/// <see cref="IStoreTransactions.Begin"/> makes every lease of the same flow share one connection and one transaction. A provider may keep a
/// few connections open between operations (<see cref="KeepOpen"/>) with their prepared commands, so that a statement is prepared once per
/// connection instead of once per operation. Thread-safe.
/// </summary>
internal abstract class DbSource : IStoreTransactions, IOpenTransactionProbe
{
    // The open session of each asynchronous flow (a stack through DbSession.Previous). AsyncLocal: a session set in a command's method is seen
    // by every store that method awaits, and by nothing else.
    private static readonly AsyncLocal<DbSession?> Ambient = new();
    private readonly ConcurrentBag<DbHandle> _idle = [];
    private int _idleCount;
    private volatile bool _closed;

    /// <summary>How many open connections are kept between operations; 0 closes each one (back to the driver's pool).</summary>
    protected virtual int KeepOpen => 0;

    /// <summary>The session of this source open on the current flow, if any.</summary>
    public DbSession? Current => Ambient.Value is { IsOpen: true } session && ReferenceEquals(session.Source, this) ? session : null;

    /// <inheritdoc />
    public bool IsOpenOnFlow => Current is not null;

    private long _savepointsSent;

    /// <inheritdoc />
    /// <remarks>A transaction that joins an open one gets a savepoint: when it is disposed without a commit, only its own work is undone.
    /// A new one sets a savepoint around each store write (<see cref="DbSession.StoreSteps"/>), so that a store call that fails leaves
    /// it usable.</remarks>
    public IStoreTransaction Begin() => Begin(savepoint: true, storeSteps: true);

    /// <inheritdoc />
    /// <remarks>A new one sets no savepoint around store writes (<see cref="DbSession.StoreSteps"/> is false); one that joins an open
    /// transaction gets its savepoint, as with <see cref="Begin()"/>.</remarks>
    public IStoreTransaction BeginAllOrNothing() => Begin(savepoint: true, storeSteps: false);

    /// <summary>For a store's own step that must be atomic: a transaction of its own (all or nothing: the step disposes it on any failure),
    /// or, inside an open one, a join without a savepoint (the step fails with the command around it, which rolls back to its own savepoint
    /// or ends the session).</summary>
    public IStoreTransaction BeginStep() => Begin(savepoint: false, storeSteps: false);

    /// <summary>How many <c>SAVEPOINT</c> statements this source's sessions have sent (store steps and joined transactions), for tests
    /// and diagnostics.</summary>
    internal long SavepointsSent => Interlocked.Read(ref _savepointsSent);

    /// <summary>For tests: run just before a store step's <c>SAVEPOINT</c> is sent (<see cref="DbSession.BeginStoreStepAsync"/>). Null
    /// (nothing runs) unless a test sets it.</summary>
    internal Action? BeforeStoreSavepoint { get; set; }

    /// <summary>Counts a <c>SAVEPOINT</c> sent by a session (<see cref="SavepointsSent"/>).</summary>
    internal void CountSavepoint() => Interlocked.Increment(ref _savepointsSent);

    private IStoreTransaction Begin(bool savepoint, bool storeSteps)
    {
        if (Current is { } open)
        {
            return new DbJoinedTransaction(open, savepoint);
        }

        var session = new DbSession(this, Ambient.Value, storeSteps);
        Ambient.Value = session;
        return session;
    }

    /// <summary>A connection for one operation: the open session's, or one of its own.</summary>
    public async ValueTask<DbLease> LeaseAsync(CancellationToken cancellationToken) =>
        Current is { } session
            ? new DbLease(this, await session.HandleAsync(cancellationToken).ConfigureAwait(false), session)
            : new DbLease(this, await RentAsync(cancellationToken).ConfigureAwait(false), null);

    /// <summary>Synchronous <see cref="LeaseAsync"/>.</summary>
    public DbLease Lease() => Current is { } session ? new DbLease(this, session.Handle(), session) : new DbLease(this, Rent(), null);

    /// <summary>
    /// Rows for a caller: streamed outside a session; read to the end first inside one, because the caller may run another command on the
    /// session's one connection between two rows, and a PostgreSQL connection runs one command at a time.
    /// </summary>
    public IAsyncEnumerable<T> Rows<T>(IAsyncEnumerable<T> rows) => Current is null ? rows : ReadToEnd(rows);

    /// <summary>A connection of its own for one operation even inside a session (for work that must commit whatever the session does).</summary>
    public DbLease LeaseOutsideSession() => new(this, Rent(), null);

    public abstract DbTransaction BeginTransaction(DbConnection connection);

    /// <summary>
    /// Commits a session's transaction on its connection (<see cref="DbSession.CommitAsync"/>), given no cancellation token: once the
    /// commit is sent, its outcome must be reported, not abandoned. Through the driver by default; a provider whose server can answer a
    /// COMMIT with a rollback that the driver does not report (PostgreSQL, after a failed statement) overrides it to throw instead.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server rolled the transaction back instead of committing it (its message says
    /// "rolled back"); the transaction is ended.</exception>
    public virtual ValueTask CommitSessionAsync(DbHandle handle, DbTransaction transaction) => new(transaction.CommitAsync(CancellationToken.None));

    public abstract ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken);

    internal DbHandle Rent()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        return TryTakeIdle() ?? new DbHandle(OpenConnection());
    }

    internal async ValueTask<DbHandle> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        return TryTakeIdle() ?? new DbHandle(await OpenConnectionAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Takes a connection back: kept open when it is clean and there is room, closed otherwise.</summary>
    internal void Return(DbHandle handle, bool clean)
    {
        if (!Keep(handle, clean))
        {
            handle.Dispose();
        }
    }

    internal ValueTask ReturnAsync(DbHandle handle, bool clean) => Keep(handle, clean) ? ValueTask.CompletedTask : handle.DisposeAsync();

    /// <summary>Ends the session on the current flow (restoring the one before it).</summary>
    internal void Leave(DbSession session)
    {
        if (ReferenceEquals(Ambient.Value, session))
        {
            Ambient.Value = session.Previous;
        }
    }

    /// <summary>For a provider's dispose: closes the connections kept open; connections in use close when they are given back, and later
    /// operations fail with <see cref="ObjectDisposedException"/>.</summary>
    protected async ValueTask CloseAsync()
    {
        _closed = true;
        while (TryTakeIdle() is { } handle)
        {
            await handle.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous <see cref="CloseAsync"/>.</summary>
    protected void Close()
    {
        _closed = true;
        while (TryTakeIdle() is { } handle)
        {
            handle.Dispose();
        }
    }

    protected abstract DbConnection OpenConnection();

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    private DbHandle? TryTakeIdle()
    {
        if (_idle.TryTake(out var handle))
        {
            Interlocked.Decrement(ref _idleCount);
            return handle;
        }

        return null;
    }

    private bool Keep(DbHandle handle, bool clean)
    {
        if (!clean || _closed || KeepOpen == 0 || handle.Connection.State != System.Data.ConnectionState.Open)
        {
            return false;
        }

        if (Interlocked.Increment(ref _idleCount) > KeepOpen)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Add(handle);
        if (_closed && TryTakeIdle() is { } late)
        {
            late.Dispose(); // closed while this one was being given back
        }

        return true;
    }

    private static async IAsyncEnumerable<T> ReadToEnd<T>(IAsyncEnumerable<T> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            all.Add(row);
        }

        foreach (var row in all)
        {
            yield return row;
        }
    }
}
