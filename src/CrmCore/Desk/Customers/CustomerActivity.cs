using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// A customer's activity as the desk recorded it, computed in one place (<see cref="From"/>) from the customer's tickets and the
/// host's <see cref="CustomerBackground"/>: what the classification and churn ports read besides the customer's own record. Immutable.
/// </summary>
public sealed record CustomerActivity
{
    /// <summary>The length of one activity window (60 days, as documents 001 and 003 count "recent" activity).</summary>
    public static Duration Window { get; } = Duration.FromDays(60);

    /// <summary>No activity at all.</summary>
    public static CustomerActivity None { get; } = new();

    /// <summary>Complaint tickets raised in the last 60 days.</summary>
    public int ComplaintsLast60Days { get; init; }

    /// <summary>Complaint tickets raised in the 60 days before those, plus the background's count.</summary>
    public int ComplaintsPrev60Days { get; init; }

    /// <summary>Consultation tickets raised in the last 60 days.</summary>
    public int ConsultationsLast60Days { get; init; }

    /// <summary>Consultation tickets raised in the 60 days before those, plus the background's count.</summary>
    public int ConsultationsPrev60Days { get; init; }

    /// <summary>Complaint tickets not finished (neither closed nor marked no-action-needed).</summary>
    public int UnresolvedComplaints { get; init; }

    /// <summary>Tickets not finished.</summary>
    public int OpenTickets { get; init; }

    /// <summary>The latest of: the last ticket raised, the customer's recorded last interaction and the background's; or null.</summary>
    public Instant? LastInteractionAt { get; init; }

    /// <summary>The mean CSAT of every survey answer on the customer's tickets (earlier answers of reopened tickets included); the
    /// background's average when there is none; otherwise null.</summary>
    public decimal? CsatAverage { get; init; }

    /// <summary>Computes the activity of one customer.</summary>
    /// <param name="customer">The customer's record.</param>
    /// <param name="tickets">The customer's tickets (others are ignored).</param>
    /// <param name="background">What the host knows beyond the desk, or null.</param>
    /// <param name="now">The instant the windows end at.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> or <paramref name="tickets"/> is null.</exception>
    public static CustomerActivity From(Customers.CustomerState customer, IEnumerable<TicketState> tickets, CustomerBackground? background, Instant now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(tickets);
        return FromSummaries(customer, tickets.Where(t => t.CustomerId == customer.Id).Select(TicketActivity.Of), background, now);
    }

    /// <summary>Computes the activity of one customer from what its tickets contribute (the churn ledger's summaries).</summary>
    internal static CustomerActivity FromSummaries(Customers.CustomerState customer, IEnumerable<TicketActivity> tickets, CustomerBackground? background, Instant now)
    {
        int complaints = 0, complaintsBefore = 0, consultations = 0, consultationsBefore = 0, unresolved = 0, open = 0, answers = 0, csatSum = 0;
        Instant? last = Latest(customer.LastInteractionAt, background?.LastInteractionAt);
        foreach (var ticket in tickets)
        {
            var age = now - ticket.RaisedAt;
            var recent = age <= Window;
            var before = !recent && age <= Window + Window;
            var finished = ticket.Finished;
            if (ticket.Type == TicketType.Complaint)
            {
                complaints += recent ? 1 : 0;
                complaintsBefore += before ? 1 : 0;
                unresolved += finished ? 0 : 1;
            }
            else if (ticket.Type == TicketType.Consultation)
            {
                consultations += recent ? 1 : 0;
                consultationsBefore += before ? 1 : 0;
            }

            open += finished ? 0 : 1;
            last = Latest(last, ticket.RaisedAt);
            answers += ticket.Answers;
            csatSum += ticket.CsatSum;
        }

        return new CustomerActivity
        {
            ComplaintsLast60Days = complaints,
            ComplaintsPrev60Days = complaintsBefore + (background?.ComplaintsPrev60Days ?? 0),
            ConsultationsLast60Days = consultations,
            ConsultationsPrev60Days = consultationsBefore + (background?.ConsultationsPrev60Days ?? 0),
            UnresolvedComplaints = unresolved,
            OpenTickets = open,
            LastInteractionAt = last,
            CsatAverage = answers > 0 ? (decimal)csatSum / answers : background?.CsatAverage,
        };
    }

    private static Instant? Latest(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Max(a.Value, b.Value);
}
