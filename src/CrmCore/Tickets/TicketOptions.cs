using NodaTime;

namespace CrmCore.Tickets;

/// <summary>Ticket policies. Not thread-safe while being configured; treat as read-only once a <see cref="TicketFactory"/> uses it.</summary>
public sealed class TicketOptions
{
    /// <summary>
    /// How long after resolution (for Resolved and AwaitingRevisit tickets) or after closing (for Closed tickets) a ticket may still be reopened.
    /// Default 7 days; must not be negative (zero forbids reopening).
    /// </summary>
    public Duration ReopenWindow { get; set; } = Duration.FromDays(7);
}
