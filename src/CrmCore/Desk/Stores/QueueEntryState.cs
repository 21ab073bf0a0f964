using CrmCore.Agents;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>One waiting ticket as plain data, for <see cref="IQueueRepository"/>.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Group">The group (team) it waits in.</param>
/// <param name="Priority">Its static priority (higher first), within ±<see cref="Routing.QueuedTicket.MaxStaticPriority"/>.</param>
/// <param name="Due">The due instant that breaks ties (earlier first), or null.</param>
/// <param name="RequiredSkills">Skill codes an agent needs, with the minimum level (1–5) of each.</param>
/// <param name="EnqueuedAt">When it was queued.</param>
public sealed record QueueEntryState(TicketId TicketId, TeamId Group, long Priority, Instant? Due, IReadOnlyList<SkillLevel> RequiredSkills, Instant EnqueuedAt)
{
    /// <summary>The stored shape of a waiting ticket of the in-memory queue (the one mapping between the two shapes).</summary>
    /// <param name="ticket">The waiting ticket.</param>
    /// <returns>The entry.</returns>
    public static QueueEntryState From(Routing.QueuedTicket ticket) =>
        new(ticket.Id, ticket.Group, ticket.StaticPriority, ticket.Due, ticket.RequiredSkills.Items, ticket.EnqueuedAt);

    /// <summary>The waiting ticket this entry stores, for the in-memory queue (<see cref="Routing.TicketQueue"/>).</summary>
    /// <returns>The waiting ticket.</returns>
    public Routing.QueuedTicket ToQueued() => new(TicketId, Group, Priority, Due, SkillSet.Create(RequiredSkills), EnqueuedAt);
}
