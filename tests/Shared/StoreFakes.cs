using CrmCore.Desk;
using CrmCore.Tickets;

namespace CrmCore.Testing;

/// <summary>Store transactions whose roll-back clean-up throws <paramref name="cleanup"/> once (a commit ends them cleanly), as a
/// transaction whose end callbacks fail does; shared by the test projects (linked into each).</summary>
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

        public ValueTask DisposeAsync()
        {
            if (_ended)
            {
                return ValueTask.CompletedTask;
            }

            _ended = true;
            return ValueTask.FromException(cleanup);
        }
    }
}

/// <summary>Tickets whose every write throws what <paramref name="failure"/> makes; reads go to <paramref name="inner"/>.</summary>
internal sealed class FailingWriteTickets(ITicketRepository inner, Func<TicketState, long, Exception> failure) : ITicketRepository
{
    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        ValueTask.FromException(failure(state, expectedVersion));

    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
        inner.RescheduleAsync(id, version, due, cancellationToken);

    public IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, CancellationToken cancellationToken = default) => inner.ListAsync(query, cancellationToken);
}
