using CrmCore.Desk;
using CrmCore.Rules.Facts;
using NodaTime;

namespace CrmCore.Rules.Desk;

/// <summary>The one mapping from the desk's ticket shapes to the rules' ticket facts: the <see cref="TicketView"/> itself, and the SLA
/// projection of it (<see cref="TicketView.ToSlaTicket"/>) that an SLA condition reads.</summary>
public static class TicketFactsProjection
{
    /// <summary>Builds the facts the ticket workflows read.</summary>
    /// <param name="view">The ticket, its customer and its asset's facts (<see cref="TicketView.Asset"/>).</param>
    /// <param name="now">The instant the facts are taken at (ages, "is overdue").</param>
    /// <param name="slaDueAt">The earliest open SLA due time, or null when unknown.</param>
    /// <param name="escalationLevel">The escalation level reached so far (0 = none).</param>
    /// <returns>The facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="view"/> is null.</exception>
    public static TicketFacts ToFacts(TicketView view, Instant now, Instant? slaDueAt = null, int escalationLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(view);
        var ticket = view.Ticket;
        return TicketFacts.From(
            new TicketFactsInput
            {
                Urgency = ticket.Urgency,
                Type = ticket.Type,
                Channel = ticket.Channel,
                Status = ticket.Status,
                Department = ticket.Department ?? string.Empty,
                CustomerTier = view.Tier ?? string.Empty,
                CustomerTags = [.. view.Tags.Order(StringComparer.Ordinal)],
                CustomerIndustry = view.Customer?.Industry.Code ?? string.Empty,
                RaisedAt = ticket.RaisedAt,
                SlaDueAt = slaDueAt,
                ReopenCount = ticket.ReopenCount,
                EscalationLevel = escalationLevel,
                AssetModel = view.Asset?.Model ?? string.Empty,
                AssetWarranty = view.Asset?.Warranty ?? CrmCore.Assets.WarrantyStatus.Unknown,
                AssetModelHasKnownIssue = view.Asset?.ModelHasKnownIssue ?? false,
                AssetModelFailureRate = view.Asset?.ModelFailureRate,
            },
            now);
    }

    /// <summary>Builds the facts an SLA policy condition (<c>RuleSlaCondition</c>) reads from the SLA projection of a ticket, taken at the
    /// instant it was raised (a policy is chosen once, so time-dependent facts show their raising values).</summary>
    /// <param name="ticket">The SLA projection (<see cref="TicketView.ToSlaTicket"/>).</param>
    /// <returns>The facts: urgency, type, channel, customer tier and tags.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ticket"/> is null.</exception>
    public static TicketFacts ToFacts(CrmCore.Sla.SlaTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return TicketFacts.From(
            new TicketFactsInput
            {
                Urgency = ticket.Urgency,
                Type = ticket.Type,
                Channel = ticket.Channel,
                CustomerTier = ticket.Tier ?? string.Empty,
                CustomerTags = [.. ticket.Tags],
                RaisedAt = ticket.RaisedAt,
            },
            ticket.RaisedAt);
    }
}
