using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// What <see cref="CustomerActivity"/> reads of one ticket, and nothing more: its customer, type, raise time, whether it is finished and
/// its survey answers (count and CSAT sum). The churn ledger keeps one per ticket instead of the ticket.
/// </summary>
/// <param name="Customer">The ticket's customer.</param>
/// <param name="Type">The ticket's type.</param>
/// <param name="RaisedAt">When it was raised.</param>
/// <param name="Finished">True when closed or marked no-action-needed.</param>
/// <param name="Answers">How many survey answers it holds.</param>
/// <param name="CsatSum">The sum of their CSAT scores.</param>
internal readonly record struct TicketActivity(CustomerId Customer, TicketType Type, Instant RaisedAt, bool Finished, int Answers, int CsatSum)
{
    /// <summary>The activity of a ticket as stored now.</summary>
    /// <param name="ticket">The ticket.</param>
    /// <returns>Its activity.</returns>
    public static TicketActivity Of(TicketState ticket)
    {
        var sum = 0;
        foreach (var survey in ticket.Surveys)
        {
            sum += survey.Csat.Value;
        }

        return new TicketActivity(ticket.CustomerId, ticket.Type, ticket.RaisedAt, TicketLifecycle.IsFinished(ticket.Status), ticket.Surveys.Count, sum);
    }
}
