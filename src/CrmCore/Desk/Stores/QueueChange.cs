using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>One ticket whose queue entry changed (<see cref="IQueueRepository.ChangesAsync"/>): queued, moved, re-ranked or taken.</summary>
/// <param name="Number">The number of its latest change; numbers grow in commit order.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Entry">Its entry as stored now, or null when it no longer waits in the queue.</param>
public sealed record QueueChange(long Number, TicketId TicketId, QueueEntryState? Entry);
