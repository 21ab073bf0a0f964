using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// Remembers, per ticket, which SLA warnings, escalation levels and reminders were already raised, so that <c>Advance</c> raises each
/// exactly once even across restarts. The default is <see cref="InMemoryEscalationRepository"/>. Implementations must be thread-safe.
/// </summary>
public interface IEscalationRepository
{
    /// <summary>Reads a ticket's escalation state.</summary>
    /// <param name="id">The ticket.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The state, or null when nothing was raised yet.</returns>
    ValueTask<EscalationState?> FindAsync(TicketId id, CancellationToken cancellationToken = default);

    /// <summary>Writes a ticket's escalation state if nobody wrote it since it was read (as <see cref="ITicketRepository.SaveAsync"/>).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="expectedVersion">The version read before; 0 when there was none.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing is written.</exception>
    ValueTask SaveAsync(EscalationState state, long expectedVersion, CancellationToken cancellationToken = default);
}
