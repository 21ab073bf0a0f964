using CrmCore.Tickets;

namespace CrmCore.Audit;

/// <summary>
/// The audit entries a ticket change records, derived from its domain events: creation, every status change (old and new status, the
/// move as the reason) and every change of owner. The SQLite and PostgreSQL ticket stores write them in the ticket's own transaction
/// when a save carries events (<see cref="Storage.IOutboxTicketRepository"/>); a host on other stores appends them itself. Ticket text
/// (descriptions, notes) is never copied into the trail. Thread-safe (stateless).
/// </summary>
public static class TicketAudit
{
    /// <summary>The entries for a ticket's events, oldest first; events that are not audited are skipped.</summary>
    /// <param name="events">The events a change raised.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    public static IReadOnlyList<AuditEntry> From(IReadOnlyList<IDomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<AuditEntry>();
        foreach (var e in events)
        {
            switch (e)
            {
                case TicketCreated c:
                    entries.Add(new AuditEntry(c.OccurredAt, c.By, AuditAction.Create, AuditEntityTypes.Ticket, c.TicketId.Value)
                    {
                        NewValue = $"customer {c.CustomerId}, owner {c.Owner}, {c.Urgency}, {c.Type.Code}, {c.Channel.Code}",
                    });
                    break;
                case TicketStatusChanged s:
                    entries.Add(new AuditEntry(s.OccurredAt, s.By, AuditAction.StatusChange, AuditEntityTypes.Ticket, s.TicketId.Value)
                    {
                        Field = "status",
                        OldValue = s.From.ToString(),
                        NewValue = s.To.ToString(),
                        Reason = s.Move.ToString(),
                    });
                    break;
                case TicketOwnerChanged o:
                    entries.Add(new AuditEntry(o.OccurredAt, o.By, AuditAction.Update, AuditEntityTypes.Ticket, o.TicketId.Value)
                    {
                        Field = "owner",
                        OldValue = o.PreviousOwner.Value,
                        NewValue = o.NewOwner.Value,
                    });
                    break;
            }
        }

        return entries;
    }
}
