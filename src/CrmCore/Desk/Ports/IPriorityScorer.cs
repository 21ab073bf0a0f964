namespace CrmCore.Desk;

/// <summary>
/// A port of the desk: scores a ticket's static priority in the waiting queue (higher first). <c>AddCrmRules()</c> puts the rule
/// pack's Priority workflow here; the default, <see cref="UrgencyPriorityScorer"/>, scores by urgency. Implementations must be thread-safe.
/// </summary>
public interface IPriorityScorer
{
    /// <summary>Scores a ticket.</summary>
    /// <param name="ticket">The ticket and its customer.</param>
    /// <returns>The static priority, within ±<see cref="Routing.QueuedTicket.MaxStaticPriority"/>.</returns>
    long Score(TicketView ticket);
}
