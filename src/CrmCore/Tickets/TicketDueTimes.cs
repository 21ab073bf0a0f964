using NodaTime;

namespace CrmCore.Tickets;

/// <summary>
/// What the service desk derived from a ticket when it last saved or advanced it, kept on the ticket's stored row so that a store can
/// answer "which tickets need attention by now" and "which are due when" with an index instead of re-running the SLA engine. Not part
/// of the aggregate: <see cref="Ticket.Restore"/> ignores it, and the status history stays the authority for SLA clocks. Instants are
/// as of the last computation (a paused clock's due time moves on while it stays paused). Immutable and thread-safe.
/// </summary>
public sealed record TicketDueTimes
{
    /// <summary>
    /// The earliest instant at which the desk's <c>AdvanceAsync</c> may have something to do for the ticket (an SLA warning or breach,
    /// an escalation level, a revisit reminder, an overflow or a re-rank in the queue); never later than that, possibly earlier. Null
    /// when nothing is pending until the ticket changes.
    /// </summary>
    public Instant? NextAt { get; init; }

    /// <summary>When the first-response clock is due, or null when it is not running (not started, stopped, or no such target).</summary>
    public Instant? FirstResponseDueAt { get; init; }

    /// <summary>When the resolution clock is due, or null when it is not running.</summary>
    public Instant? ResolutionDueAt { get; init; }

    /// <summary>When the revisit clock is due, or null when it is not running.</summary>
    public Instant? RevisitDueAt { get; init; }

    /// <summary>True when an open SLA clock of the ticket is breached.</summary>
    public bool Breached { get; init; }
}
