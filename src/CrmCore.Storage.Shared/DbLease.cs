using System.Data.Common;

namespace CrmCore.Storage;

/// <summary>
/// One store operation's use of a connection: its own (rented from <see cref="DbSource"/> and given back on dispose, with its own write
/// transaction when the operation begins one) or the open <see cref="DbSession"/>'s (whose transaction the operation joins: begin and
/// commit then do nothing, and the session commits). Not thread-safe.
/// </summary>
internal sealed class DbLease : IAsyncDisposable, IDisposable
{
    private readonly DbSource _source;
    private readonly DbHandle _handle;
    private readonly DbSession? _session;
    private DbTransaction? _own;

    public DbLease(DbSource source, DbHandle handle, DbSession? session)
    {
        (_source, _handle, _session) = (source, handle, session);
    }

    public DbConnection Connection => _handle.Connection;

    /// <summary>The transaction the operation's commands run in: the session's, the operation's own, or none.</summary>
    public DbTransaction? Transaction => _session?.Transaction ?? _own;

    /// <summary>The prepared command for <paramref name="text"/>, bound to <see cref="Transaction"/>. Do not dispose it.</summary>
    public DbCommand Command(string text) => _handle.Command(text, Transaction);

    /// <summary>Begins the operation's write transaction, unless it runs in a session (which has one already).</summary>
    public async ValueTask<DbTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is { } open)
        {
            return open;
        }

        _own = await _source.BeginTransactionAsync(_handle.Connection, cancellationToken).ConfigureAwait(false);
        return _own;
    }

    /// <summary>Synchronous <see cref="BeginAsync"/>.</summary>
    public DbTransaction Begin()
    {
        if (Transaction is { } open)
        {
            return open;
        }

        _own = _source.BeginTransaction(_handle.Connection);
        return _own;
    }

    /// <summary>Commits the operation's own transaction; in a session it does nothing (the session commits).</summary>
    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
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
        if (_own is { } own)
        {
            own.Commit();
            own.Dispose();
            _own = null;
        }
    }

    /// <summary>Rolls back an own transaction that was not committed and gives the connection back; a session's stays open.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
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
            catch (DbException)
            {
                clean = false;
            }
        }

        await _source.ReturnAsync(_handle, clean).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose()
    {
        if (_session is not null)
        {
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
            catch (DbException)
            {
                clean = false;
            }
        }

        _source.Return(_handle, clean);
    }
}
