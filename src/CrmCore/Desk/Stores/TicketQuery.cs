using CrmCore.Customers;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Desk;

/// <summary>Which tickets <see cref="ITicketRepository.ListAsync"/> returns. Every criterion set must hold (and); null means "any".</summary>
public sealed record TicketQuery
{
    /// <summary>Every ticket.</summary>
    public static TicketQuery All { get; } = new();

    /// <summary>Tickets that are not finished (not <see cref="TicketStatus.Closed"/> or <see cref="TicketStatus.NoActionNeeded"/>).</summary>
    public static TicketQuery Open { get; } = new() { OpenOnly = true };

    /// <summary>True to list only tickets that are not finished (see <see cref="TicketLifecycle.IsFinished"/>). Default false.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>Only this customer's tickets, or null for all customers.</summary>
    public CustomerId? Customer { get; init; }

    /// <summary>Only tickets created at or after this instant, or null.</summary>
    public Instant? CreatedFrom { get; init; }

    /// <summary>Only tickets created before this instant (exclusive), or null.</summary>
    public Instant? CreatedBefore { get; init; }

    /// <summary>Only tickets raised (<see cref="TicketState.RaisedAt"/>: when the customer reported it, which a ticket logged late
    /// backdates) at or after this instant, or null.</summary>
    public Instant? RaisedFrom { get; init; }

    /// <summary>Only tickets raised (<see cref="TicketState.RaisedAt"/>) before this instant (exclusive), or null.</summary>
    public Instant? RaisedBefore { get; init; }

    /// <summary>
    /// Only tickets the desk must look at by this instant: those whose <see cref="TicketDueTimes.NextAt"/> is at or before it, and those
    /// whose due times were never computed (<see cref="TicketState.Due"/> null). Null (the default) for any.
    /// </summary>
    public Instant? DueBy { get; init; }

    /// <summary>Tells whether a ticket matches; the in-memory store uses it, and a database provider can test its SQL against it.</summary>
    /// <param name="state">The ticket.</param>
    /// <returns>True when every criterion holds.</returns>
    public bool Matches(TicketState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (!OpenOnly || !TicketLifecycle.IsFinished(state.Status))
            && (Customer is null || state.CustomerId == Customer)
            && (CreatedFrom is null || state.CreatedAt >= CreatedFrom)
            && (CreatedBefore is null || state.CreatedAt < CreatedBefore)
            && (RaisedFrom is null || state.RaisedAt >= RaisedFrom)
            && (RaisedBefore is null || state.RaisedAt < RaisedBefore)
            && (DueBy is null || state.Due is null || (state.Due.NextAt is { } next && next <= DueBy));
    }
}
