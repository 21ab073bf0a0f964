using CrmCore.Routing;
using NodaTime;

namespace CrmCore.Storage;

/// <summary>
/// A claim on a queued ticket: the claimant holds the ticket until <see cref="ExpiresAt"/>. It must then
/// <see cref="ITicketQueueStore.CompleteAsync"/> (the ticket leaves the queue for good) or
/// <see cref="ITicketQueueStore.ReleaseAsync"/> (the ticket waits again). A lease that expires, because its holder died,
/// returns the ticket to the queue for the next claim. Immutable.
/// </summary>
/// <param name="Ticket">The claimed ticket as it waited.</param>
/// <param name="Claimant">Who holds it (the agent's id).</param>
/// <param name="Token">A random token that tells this claim from any later claim of the same ticket.</param>
/// <param name="ExpiresAt">When the ticket returns to the queue unless completed or released first.</param>
public sealed record QueueLease(QueuedTicket Ticket, string Claimant, Guid Token, Instant ExpiresAt);
