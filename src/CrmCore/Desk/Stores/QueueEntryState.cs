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
public sealed record QueueEntryState(TicketId TicketId, TeamId Group, long Priority, Instant? Due, IReadOnlyList<SkillLevel> RequiredSkills, Instant EnqueuedAt);
