using NodaTime;

namespace CrmCore.Storage;

/// <summary>A domain event waiting in the outbox (written in the same transaction as the change that raised it). Immutable.</summary>
/// <param name="Sequence">The store's sequence number, increasing in commit order within one aggregate; the key for <see cref="IOutbox.MarkPublishedAsync"/>.</param>
/// <param name="AggregateId">The id of the aggregate that raised the event (a ticket or customer id).</param>
/// <param name="EventType">The event's type name, for example <c>TicketStatusChanged</c>.</param>
/// <param name="Payload">The event as JSON.</param>
/// <param name="OccurredAt">When the event happened.</param>
public sealed record OutboxMessage(long Sequence, string AggregateId, string EventType, string Payload, Instant OccurredAt);
