using CrmCore.Agents;
using CrmCore.Metrics;
using CrmCore.Sla;
using CrmCore.Tickets;

namespace CrmCore.Desk;

/// <summary>
/// The one place where what the desk recorded becomes KPI input: a <see cref="ServiceRecord"/> per ticket from its
/// <see cref="TicketView"/> and its SLA state. No host builds service records by hand.
/// </summary>
public static class DeskKpiProjection
{
    /// <summary>Projects one ticket.</summary>
    /// <param name="view">The ticket and its customer.</param>
    /// <param name="sla">Its SLA state (from <see cref="ServiceDesk.GetSlaAsync"/> or <see cref="SlaEngine.Evaluate(SlaTicket, NodaTime.Instant)"/>).</param>
    /// <param name="team">The owner's team, or empty when unknown.</param>
    /// <param name="queueOwner">The desk's placeholder owner; reported as no agent.</param>
    /// <returns>The service record.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ServiceRecord ToServiceRecord(TicketView view, SlaTicketState sla, string team, AgentId queueOwner)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(sla);
        var ticket = view.Ticket;
        var first = sla.Find(SlaMetric.FirstResponse);
        var resolution = sla.Find(SlaMetric.Resolution);
        var revisit = sla.Find(SlaMetric.Revisit);
        var contacts = ContactCount(ticket);
        return new ServiceRecord
        {
            TicketId = ticket.Id.Value,
            CustomerId = ticket.CustomerId.Value,
            Team = team ?? string.Empty,
            Agent = ticket.Owner == queueOwner ? string.Empty : ticket.Owner.Value,
            Tier = view.Tier ?? string.Empty,
            Channel = ticket.Channel,
            Type = ticket.Type.Code,
            Urgency = ticket.Urgency.ToString(),
            RaisedAt = ticket.RaisedAt,
            FirstResponseAt = ticket.FirstResponseAt,
            FirstResponseBusinessTime = ticket.FirstResponseAt is not null && first is { } f ? f.Elapsed : null,
            ResolvedAt = ticket.ResolvedAt,
            ClosedAt = ticket.ClosedAt,
            Status = ticket.Status,
            ReopenCount = ticket.ReopenCount,
            ContactCount = contacts,
            FirstResponseWithinTarget = first?.Status switch
            {
                SlaClockStatus.Met => true,
                SlaClockStatus.Breached => false,
                _ => null,
            },
            ResolutionSlaBreached = resolution?.Status == SlaClockStatus.Breached,
            RevisitSlaBreached = revisit?.Status switch
            {
                SlaClockStatus.Breached => true,
                SlaClockStatus.Met => false,
                _ => null,
            },
            ResolvedOnFirstContact = ticket.ResolvedAt is not null && contacts == 1,
        };
    }

    /// <summary>
    /// How many times the customer contacted the desk about a ticket, read from its status history: the report itself, every answer
    /// that took the ticket out of <see cref="TicketStatus.WaitingForCustomer"/> back into work, and every reopening.
    /// </summary>
    /// <param name="ticket">The ticket's stored state.</param>
    /// <returns>At least 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public static int ContactCount(TicketState ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var answers = ticket.StatusHistory.Count(c => c.From == TicketStatus.WaitingForCustomer && c.To == TicketStatus.InProgress);
        return 1 + answers + ticket.ReopenCount;
    }
}
