namespace CrmCore.Desk;

/// <summary>What a desk command or <see cref="ServiceDesk.AdvanceAsync"/> did: the past-tense events it raised, oldest first.</summary>
/// <param name="Events">The events; also handed to every registered <see cref="IDeskEventSubscriber"/>.</param>
public sealed record DeskResult(IReadOnlyList<IDomainEvent> Events);
