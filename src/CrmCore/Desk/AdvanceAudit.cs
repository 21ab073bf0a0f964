using System.Globalization;
using CrmCore.Audit;
using CrmCore.Relationships.Events;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The audit entries of what <see cref="ServiceDesk.AdvanceAsync"/> raises, as <see cref="TicketAudit"/> derives a command's: an SLA
/// warning or breach, an escalation level, a revisit reminder and an overflow on the ticket; a churn follow-up on the customer; a contact
/// plan reminder on the plan entry. The actor is <see cref="AuditActor.System"/> (the desk's timer acted, not a person). The stores write
/// them with the events in the advance's transaction (<see cref="Storage.IOutboxTicketRepository.AppendEventsAsync"/>). Thread-safe
/// (stateless).
/// </summary>
public static class AdvanceAudit
{
    /// <summary>The entries for an advance's events, in their order; events that are not audited are skipped.</summary>
    /// <param name="events">The events, each with the aggregate it is stored under in the outbox.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> is null.</exception>
    public static IReadOnlyList<AuditEntry> From(IReadOnlyList<(string AggregateId, IDomainEvent Event)> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<AuditEntry>();
        foreach (var (_, e) in events)
        {
            if (EntryOf(e) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    private static AuditEntry? EntryOf(IDomainEvent e) => e switch
    {
        SlaWarningRaised w => Ticket(w.TicketId, w.OccurredAt, "sla", $"{w.Metric} warning, due {Text(w.DueAt)}"),
        SlaBreached b => Ticket(b.TicketId, b.OccurredAt, "sla", $"{b.Metric} breached, due {Text(b.DueAt)}"),
        TicketEscalated x => Ticket(x.TicketId, x.OccurredAt, "escalation", $"{x.Ladder} level {x.Level.ToString(CultureInfo.InvariantCulture)} to {x.Target}") with { Reason = x.Reason },
        RevisitDue r => Ticket(r.TicketId, r.OccurredAt, "revisit", $"due, call by {r.CallBy}"),
        TicketOverflowed o => Ticket(o.TicketId, o.OccurredAt, "queue group", o.To.Value) with { OldValue = o.From.Value },
        ChurnFollowUpRaised c => new AuditEntry(c.OccurredAt, AuditActor.System, AuditAction.Update, AuditEntityTypes.Customer, c.Customer.Value)
        {
            Field = "churn follow-up",
            NewValue = $"{c.Assessment.Band}, follow up by {Text(c.FollowUpDue)}",
        },
        ContactPlanEntryBecameDue d => Plan(d.Entry.Value, d.OccurredAt, $"due by {Text(d.DueBy)}"),
        ContactPlanEntryWentOverdue o => Plan(o.Entry.Value, o.OccurredAt, "overdue"),
        _ => null,
    };

    private static AuditEntry Ticket(TicketId id, NodaTime.Instant at, string field, string value) =>
        new(at, AuditActor.System, AuditAction.Update, AuditEntityTypes.Ticket, id.Value) { Field = field, NewValue = value };

    private static AuditEntry Plan(string entry, NodaTime.Instant at, string value) =>
        new(at, AuditActor.System, AuditAction.Update, AuditEntityTypes.Plan, entry) { Field = "reminder", NewValue = value };

    private static string Text(NodaTime.Instant at) => at.ToString("g", CultureInfo.InvariantCulture);
}
