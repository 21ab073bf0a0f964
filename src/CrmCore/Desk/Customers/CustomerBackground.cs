using NodaTime;

namespace CrmCore.Desk;

/// <summary>
/// What a host knows about a customer that the desk does not record: the region, the contract end and the activity from before the
/// desk's records began (for example counts imported from an earlier system). Supplied by <see cref="ICustomerBackgroundSource"/>;
/// every field is optional. Immutable.
/// </summary>
public sealed record CustomerBackground
{
    /// <summary>The customer's region, or null.</summary>
    public string? Region { get; init; }

    /// <summary>When the customer's contract ends, or null.</summary>
    public LocalDate? ContractEndsOn { get; init; }

    /// <summary>Complaints in the 60 days before the last 60 that the desk has no ticket for; default 0.</summary>
    public int ComplaintsPrev60Days { get; init; }

    /// <summary>Consultations in the 60 days before the last 60 that the desk has no ticket for; default 0.</summary>
    public int ConsultationsPrev60Days { get; init; }

    /// <summary>The last interaction known outside the desk, or null.</summary>
    public Instant? LastInteractionAt { get; init; }

    /// <summary>The customer's average satisfaction (1–5) from before the desk's surveys, used while the desk has none; or null.</summary>
    public decimal? CsatAverage { get; init; }
}
