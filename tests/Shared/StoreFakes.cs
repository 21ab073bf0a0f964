using CrmCore.Desk;
using CrmCore.Tickets;

namespace CrmCore.Testing;

/// <summary>Store transactions whose roll-back clean-up throws <paramref name="cleanup"/> on every dispose of a transaction not
/// committed (a commit ends them cleanly), as a transaction whose end callbacks fail does, and as a host's may on a second dispose;
/// shared by the test projects (linked into each).</summary>
internal sealed class FailingCleanUpTransactions(Exception cleanup) : IStoreTransactions
{
    public IStoreTransaction Begin() => new Transaction(cleanup);

    private sealed class Transaction(Exception cleanup) : IStoreTransaction
    {
        private bool _ended;

        public ValueTask CommitAsync(CancellationToken cancellationToken = default)
        {
            _ended = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync() => _ended ? ValueTask.CompletedTask : ValueTask.FromException(cleanup);
    }
}

/// <summary>Tickets whose writes throw what <paramref name="failure"/> makes (a write it gives no exception goes to <paramref name="inner"/>,
/// as every read does).</summary>
internal sealed class FailingWriteTickets(ITicketRepository inner, Func<TicketState, long, Exception?> failure) : ITicketRepository
{
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        failure(state, expectedVersion) is { } error ? ValueTask.FromException(error) : inner.SaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
        inner.RescheduleAsync(id, version, due, cancellationToken);

    public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
}
