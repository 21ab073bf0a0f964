using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>The plain data a <see cref="TicketFacts"/> object is computed from. Immutable.</summary>
public sealed record TicketFactsInput
{
    /// <summary>Urgency. Default <see cref="Tickets.Urgency.General"/>.</summary>
    public Urgency Urgency { get; init; } = Urgency.General;

    /// <summary>Type. Default <see cref="TicketType.Consultation"/>.</summary>
    public TicketType Type { get; init; } = TicketType.Consultation;

    /// <summary>Channel the ticket came in through. Default <see cref="Channel.Phone"/>.</summary>
    public Channel Channel { get; init; } = Channel.Phone;

    /// <summary>Status. Default <see cref="TicketStatus.Pending"/>.</summary>
    public TicketStatus Status { get; init; } = TicketStatus.Pending;

    /// <summary>Responsible department. Default empty.</summary>
    public string Department { get; init; } = string.Empty;

    /// <summary>The customer's tier. Default empty.</summary>
    public string CustomerTier { get; init; } = string.Empty;

    /// <summary>The customer's tags. Default none.</summary>
    public IReadOnlyList<string> CustomerTags { get; init; } = [];

    /// <summary>The customer's industry. Default empty.</summary>
    public string CustomerIndustry { get; init; } = string.Empty;

    /// <summary>When the ticket was raised. Required.</summary>
    public Instant RaisedAt { get; init; }

    /// <summary>When the SLA is due; null when no SLA applies.</summary>
    public Instant? SlaDueAt { get; init; }

    /// <summary>How many times the ticket was reopened. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int ReopenCount { get; init => field = InputRange.NotNegative(value); }

    /// <summary>The escalation level reached so far (0 = none). Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int EscalationLevel { get; init => field = InputRange.NotNegative(value); }

    /// <summary>The model of the asset the ticket is about; empty (the default) when the ticket has no asset.</summary>
    public string AssetModel { get; init; } = string.Empty;

    /// <summary>The warranty status of the ticket's asset when the ticket was raised; default <see cref="Assets.WarrantyStatus.Unknown"/>
    /// (also for a ticket without an asset). <c>AssetFactsExtensions.WithAsset</c> fills it.</summary>
    public Assets.WarrantyStatus AssetWarranty { get; init; } = Assets.WarrantyStatus.Unknown;

    /// <summary>True when the asset's model has a known issue (for example from <see cref="Assets.AssetFailureReport.ModelsAtOrAbove"/>); default false.</summary>
    public bool AssetModelHasKnownIssue { get; init; }

    /// <summary>The failure rate of the asset's model per 100 installed (<see cref="Assets.TicketAssetFacts.ModelFailureRate"/>); null (the
    /// default) when the ticket has no asset or the rate is unknown.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public decimal? AssetModelFailureRate { get; init => field = InputRange.NotNegative(value); }
}
