using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Routing;

namespace CrmCore.Storage;

/// <summary>The desk's <see cref="QueueEntryState"/> and the queue's <see cref="QueuedTicket"/> are one waiting ticket: this maps one to the other.</summary>
internal static class QueueEntries
{
    public static QueuedTicket ToQueued(QueueEntryState entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new QueuedTicket(entry.TicketId, entry.Group, entry.Priority, entry.Due, SkillSet.Create(entry.RequiredSkills), entry.EnqueuedAt);
    }

    public static QueueEntryState ToEntry(QueuedTicket ticket) =>
        new(ticket.Id, ticket.Group, ticket.StaticPriority, ticket.Due, ticket.RequiredSkills.Items, ticket.EnqueuedAt);
}
