using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>The default <see cref="IPriorityScorer"/>: 100 points per urgency step (Major 200, Urgent 100, General 0). Thread-safe.</summary>
public sealed class UrgencyPriorityScorer : IPriorityScorer
{
    /// <inheritdoc />
    public long Score(TicketView ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.Ticket.Urgency switch
        {
            Urgency.Major => 200,
            Urgency.Urgent => 100,
            _ => 0,
        };
    }
}
