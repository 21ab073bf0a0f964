using System.Collections.Immutable;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Sla;

/// <summary>
/// What the SLA engine needs to know about a ticket; the host maps its ticket onto it. Clocks are a pure function of this,
/// the policy and the calendars, so recomputing after a change is exact. Immutable and thread-safe.
/// </summary>
public sealed record SlaTicket
{
    /// <summary>The ticket id.</summary>
    public required TicketId Id { get; init; }

    /// <summary>When the customer raised the issue; first response and resolution clocks start here.</summary>
    public required Instant RaisedAt { get; init; }

    /// <summary>The urgency. Default general.</summary>
    public Urgency Urgency { get; init; }

    /// <summary>The ticket type. Default: consultation.</summary>
    public TicketType Type { get; init; } = TicketType.Consultation;

    /// <summary>The channel. Default: phone.</summary>
    public Channel Channel { get; init; } = Channel.Phone;

    /// <summary>The status history in time order; the creation entry has <c>From == To == Pending</c>. Default: empty, meaning
    /// pending since <see cref="RaisedAt"/>.</summary>
    public IReadOnlyList<StatusChange> History { get; init; } = [];

    /// <summary>When the customer first got a response; null while unanswered.</summary>
    public Instant? FirstResponseAt { get; init; }

    /// <summary>When the oldest customer message still unanswered arrived (starts the next-response clock); null when none waits.</summary>
    public Instant? AwaitingReplySince { get; init; }

    /// <summary>The customer's value tier code (for example <c>A</c>), if known.</summary>
    public string? Tier { get; init; }

    /// <summary>Tags on the ticket or customer. Default: none.</summary>
    public ImmutableHashSet<string> Tags { get; init; } = [];

    /// <summary>The status at an instant from the history (pending before the first entry).</summary>
    /// <param name="at">The instant.</param>
    /// <returns>The status in force at <paramref name="at"/>.</returns>
    public TicketStatus StatusAt(Instant at)
    {
        var status = TicketStatus.Pending;
        foreach (var change in History)
        {
            if (change.At > at)
            {
                break;
            }

            status = change.To;
        }

        return status;
    }

    /// <summary>The current (last) status.</summary>
    public TicketStatus Status => History.Count == 0 ? TicketStatus.Pending : History[^1].To;
}
