using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Tickets;

/// <summary>What a host knows when it opens a ticket; passed to <see cref="TicketFactory.Open(TicketRequest, Agents.AgentId, string)"/>.</summary>
public sealed record TicketRequest
{
    /// <summary>The customer who raised the issue. Required.</summary>
    public required CustomerId CustomerId { get; init; }

    /// <summary>What the customer reported. Required, not blank.</summary>
    public required string Description { get; init; }

    /// <summary>The urgency; default <see cref="Tickets.Urgency.General"/>.</summary>
    public Urgency Urgency { get; init; } = Urgency.General;

    /// <summary>The type; default <see cref="TicketType.Consultation"/>.</summary>
    public TicketType Type { get; init; } = TicketType.Consultation;

    /// <summary>The channel it came in by; default <see cref="Channel.Phone"/>.</summary>
    public Channel Channel { get; init; } = Channel.Phone;

    /// <summary>The responsible department; default none.</summary>
    public string? Department { get; init; }

    /// <summary>When the customer raised it; default the moment the ticket is opened. Must not be after that moment.</summary>
    public Instant? RaisedAt { get; init; }

    /// <summary>The promised resolution time; default none (SLA policies may compute one).</summary>
    public Instant? ExpectedResolutionAt { get; init; }

    /// <summary>The related asset (installed product, serial number); default none.</summary>
    public string? RelatedAssetId { get; init; }
}
