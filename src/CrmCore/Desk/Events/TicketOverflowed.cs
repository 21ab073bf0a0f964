using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Raised when a ticket has waited <see cref="DeskOptions.OverflowAfter"/> in its group and the desk moves it to
/// <see cref="DeskOptions.OverflowGroup"/>, so more agents may take it.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="From">The group it waited in.</param>
/// <param name="To">The overflow group it waits in now.</param>
public sealed record TicketOverflowed(TicketId TicketId, Instant OccurredAt, TeamId From, TeamId To) : IDomainEvent;
