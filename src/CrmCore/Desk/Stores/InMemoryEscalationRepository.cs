using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>The default escalation-state store, in memory. Thread-safe; completes synchronously.</summary>
public sealed class InMemoryEscalationRepository : IEscalationRepository
{
    private readonly VersionedTable<TicketId, EscalationState> _table = new("escalation state of ticket", s => s.Version);

    /// <inheritdoc />
    public ValueTask<EscalationState?> FindAsync(TicketId id, CancellationToken cancellationToken = default) =>
        cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled<EscalationState?>(cancellationToken) : ValueTask.FromResult(_table.Find(id));

    /// <inheritdoc />
    public ValueTask SaveAsync(EscalationState state, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        _table.Save(state.TicketId, state, expectedVersion);
        return ValueTask.CompletedTask;
    }
}
