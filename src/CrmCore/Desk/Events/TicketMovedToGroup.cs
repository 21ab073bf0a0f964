using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised when someone moves a waiting ticket to another group (<see cref="ServiceDesk.MoveToGroupAsync"/>), for example to a
/// temporary cross-department team for a complex ticket (document 004, level 2).</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="From">The group it waited in.</param>
/// <param name="To">The group it waits in now.</param>
/// <param name="By">Who moved it.</param>
public sealed record TicketMovedToGroup(TicketId TicketId, Instant OccurredAt, TeamId From, TeamId To, string By) : IDomainEvent;
