using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Reads the survey answers recorded on tickets. The survey on the ticket (<see cref="Tickets.Ticket.Survey"/>) is the only record of
/// satisfaction, so this is a read side: surveys are written with their ticket through <see cref="ITicketRepository.SaveAsync"/>
/// (a database provider typically puts <see cref="Tickets.TicketState.Surveys"/> in tables of its own and reads them here). It lists the
/// latest answer of each ticket (<see cref="Tickets.TicketState.Survey"/>), the one that counts for KPIs; earlier answers of a reopened
/// ticket come back with the ticket (<see cref="ITicketRepository.FindAsync"/>).
/// <see cref="InMemoryTicketRepository"/> implements both. Implementations must be thread-safe.
/// </summary>
public interface ISurveyRepository
{
    /// <summary>Lists the latest survey answer of each ticket, when given in a period, ordered by answer instant then ticket id.</summary>
    /// <param name="from">The start (inclusive).</param>
    /// <param name="before">The end (exclusive).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The answers.</returns>
    IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, CancellationToken cancellationToken = default);
}
