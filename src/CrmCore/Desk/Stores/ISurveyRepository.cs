using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// Reads the survey answers recorded on tickets. The survey on the ticket (<see cref="Tickets.Ticket.Survey"/>) is the only record of
/// satisfaction, so this is a read side: surveys are written with their ticket through <see cref="ITicketRepository.SaveAsync"/>
/// (a database provider typically puts <see cref="Tickets.TicketState.Survey"/> in a table of its own and reads it here).
/// <see cref="InMemoryTicketRepository"/> implements both. Implementations must be thread-safe.
/// </summary>
public interface ISurveyRepository
{
    /// <summary>Lists survey answers given in a period, ordered by answer instant then ticket id.</summary>
    /// <param name="from">The start (inclusive).</param>
    /// <param name="before">The end (exclusive).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The answers.</returns>
    IAsyncEnumerable<SurveyResponse> ListAsync(Instant from, Instant before, CancellationToken cancellationToken = default);
}
