using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// The desk's port for work that falls due on its timer besides tickets: <see cref="ServiceDesk.AdvanceAsync"/> calls it once per
/// advance and publishes what it returns with the desk's own events. <c>AddCrmRelationships()</c> registers the contact plan book
/// (<see cref="Relationships.ContactPlanBook"/>), whose due and overdue plan reminders then come out of the desk's timer; without it
/// the desk uses <see cref="NoPlanScheduler"/>.
/// </summary>
public interface IPlanScheduler
{
    /// <summary>Raises what fell due up to <paramref name="now"/>, each thing once: a second call for the same instant raises nothing.
    /// The desk calls it inside its advance's store transaction, begun all or nothing (<see cref="IStoreTransactions.BeginAllOrNothing"/>):
    /// let a store's failure propagate (the whole advance rolls back and is tried again at the next one). Catching one and going on is
    /// right only for a failure that wrote nothing and left the transaction usable, such as a versioned save's
    /// <see cref="ConcurrencyConflictException"/> on the desk's stores; on the databases, any other caught failure of a store write makes the
    /// advance's commit throw and roll back.</summary>
    /// <param name="now">The desk's current instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events raised, in time order.</returns>
    Task<IReadOnlyList<IDomainEvent>> AdvanceAsync(Instant now, CancellationToken cancellationToken = default);
}
