using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Cli.Input;

/// <summary>One ticket (service request) as read from a file. Absent values are <see langword="null"/>.</summary>
internal sealed record TicketRow
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    public Urgency? Urgency { get; init; }

    public string? Type { get; init; }

    public string? Channel { get; init; }

    public string? Department { get; init; }

    public string? Product { get; init; }

    public required Instant RaisedAt { get; init; }

    public Instant? FirstResponseAt { get; init; }

    public decimal? FirstResponseBusinessMinutes { get; init; }

    public Instant? ResolvedAt { get; init; }

    public Instant? ClosedAt { get; init; }

    public TicketStatus? Status { get; init; }

    public string? Team { get; init; }

    public string? Agent { get; init; }

    public int? ReopenCount { get; init; }

    public Instant? SlaDueAt { get; init; }

    public int? EscalationLevel { get; init; }

    public int? ContactCount { get; init; }

    public bool? ResolvedOnFirstContact { get; init; }

    public bool? ResolutionSlaBreached { get; init; }
}
