using CrmCore.Agents;
using CrmCore.Cli.Input;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Rules.Facts;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Cli.Rules;

/// <summary>
/// Reads a ticket row of a file as the desk's one ticket shape (<see cref="TicketView"/>), so the CLI's rules see the same ticket facts
/// as the desk: the facts come from <see cref="TicketFactsProjection"/>, never from a mapper of their own. Absent values take the
/// desk's defaults (General, Consultation, Phone, Pending; no department).
/// </summary>
internal static class TicketRowView
{
    private static readonly AgentId NoAgent = new("queue");

    /// <summary>The ticket of a row and its customer, with the customer's evaluated tier and tags.</summary>
    /// <param name="row">The ticket row.</param>
    /// <param name="customer">Its customer's row, or null when the customers file does not have it.</param>
    /// <param name="tier">The customer's tier as the rules give it, or null for the row's.</param>
    /// <param name="tags">The customer's tags as the rules leave them.</param>
    /// <returns>The view.</returns>
    public static TicketView ToView(TicketRow row, CustomerRow? customer, string? tier, IReadOnlyList<string> tags)
    {
        var customerId = new CustomerId(row.CustomerId);
        var ticket = new TicketState
        {
            Id = new TicketId(row.Id),
            Version = 1,
            CustomerId = customerId,
            Description = string.Empty,
            Urgency = row.Urgency ?? Urgency.General,
            Type = row.Type is { Length: > 0 } type ? new TicketType(type) : TicketType.Consultation,
            Channel = row.Channel is { Length: > 0 } channel ? new Channel(channel) : Channel.Phone,
            Department = row.Department,
            RaisedAt = row.RaisedAt,
            CreatedAt = row.RaisedAt,
            Owner = row.Agent is { Length: > 0 } agent ? new AgentId(agent) : NoAgent,
            Status = row.Status ?? TicketStatus.Pending,
            ReopenCount = row.ReopenCount ?? 0,
            FirstResponseAt = row.FirstResponseAt,
            ResolvedAt = row.ResolvedAt,
            ClosedAt = row.ClosedAt,
            LastChangeAt = row.RaisedAt,
            StatusHistory = [],
        };
        var owner = customer is null && tier is null && tags.Count == 0
            ? null
            : new CustomerState
            {
                Id = customerId,
                Version = 1,
                Name = customer?.Name ?? row.CustomerId,
                Industry = customer?.Industry is { Length: > 0 } industry ? new Industry(industry) : default,
                FirstContactOn = customer?.FirstCooperation ?? row.RaisedAt.InUtc().Date,
                CreatedAt = row.RaisedAt,
                Tier = tier ?? customer?.Tier,
                Tags = tags,
            };
        return new TicketView(ticket, owner);
    }

    /// <summary>The ticket facts of a row, at <paramref name="now"/>, through the desk's projection.</summary>
    /// <param name="row">The ticket row.</param>
    /// <param name="customer">Its customer's row, or null.</param>
    /// <param name="tier">The customer's evaluated tier, or null.</param>
    /// <param name="tags">The customer's tags.</param>
    /// <param name="now">The instant the facts are taken at.</param>
    /// <returns>The facts.</returns>
    public static TicketFacts ToFacts(TicketRow row, CustomerRow? customer, string? tier, IReadOnlyList<string> tags, Instant now) =>
        TicketFactsProjection.ToFacts(ToView(row, customer, tier, tags), now, row.SlaDueAt, row.EscalationLevel ?? 0);
}
