using NodaTime;

namespace CrmCore.Assets;

/// <summary>
/// Counts, for one asset model, the installed assets and the tickets raised about them in a window: the input of the model's failure rate
/// (<see cref="TicketAssetFacts.FailureRate"/>). <c>AddCrmCore()</c> registers <see cref="ScanningModelTicketCounts"/> over the registered
/// stores; the SQLite and PostgreSQL storage packages register one query each. Models compare exactly (ordinal), as stored.
/// Implementations must be thread-safe.
/// </summary>
public interface IModelTicketCounts
{
    /// <summary>Counts one model.</summary>
    /// <param name="model">The model, compared ordinally.</param>
    /// <param name="installedBy">Assets count as installed when their install date is on or before this date.</param>
    /// <param name="ticketsFrom">The window's start: tickets raised at or after it count.</param>
    /// <param name="ticketsBefore">The window's end (exclusive): tickets raised before it count.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The counts; tickets count when they are linked to an asset of the model (<see cref="Tickets.TicketState.RelatedAssetId"/>), whatever the asset's install date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ticketsBefore"/> is before <paramref name="ticketsFrom"/>.</exception>
    ValueTask<ModelTicketCount> CountAsync(string model, LocalDate installedBy, Instant ticketsFrom, Instant ticketsBefore, CancellationToken cancellationToken = default);
}
