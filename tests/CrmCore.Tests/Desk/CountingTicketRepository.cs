using CrmCore.Desk;
using CrmCore.Tickets;

namespace CrmCore.Tests.Desk;

/// <summary>An in-memory ticket store that records every listing query and which tickets its listings returned.</summary>
internal sealed class CountingTicketRepository : ITicketRepository
{
    /// <summary>The store behind it (also the survey store of the same tickets).</summary>
    public InMemoryTicketRepository Inner { get; } = new();

    /// <summary>Every query listed, in order.</summary>
    public List<TicketQuery> Queries { get; } = [];

    /// <summary>Every ticket the listings returned, in order.</summary>
    public List<TicketId> Listed { get; } = [];

    public ValueTask<TicketState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) => Inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(TicketState state, long expectedVersion, CancellationToken cancellationToken = default) =>
        Inner.SaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask<bool> RescheduleAsync(TicketId id, long version, TicketDueTimes due, CancellationToken cancellationToken = default) =>
        Inner.RescheduleAsync(id, version, due, cancellationToken);

    public async IAsyncEnumerable<TicketState> ListAsync(TicketQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        await foreach (var state in Inner.ListAsync(query, cancellationToken))
        {
            Listed.Add(state.Id);
            yield return state;
        }
    }
}
