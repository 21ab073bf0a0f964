using NodaTime;

namespace CrmCore;

/// <summary>
/// Something that happened to an aggregate, named in the past tense (for example <c>TicketClosed</c>).
/// Aggregates collect their events in a <c>DomainEvents</c> list until the host dispatches them and calls <c>ClearDomainEvents()</c>.
/// </summary>
public interface IDomainEvent
{
    /// <summary>When the change happened, read from the injected <see cref="IClock"/>.</summary>
    Instant OccurredAt { get; }
}
