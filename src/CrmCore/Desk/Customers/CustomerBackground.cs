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
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ComplaintsPrev60Days
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(ComplaintsPrev60Days));
            field = value;
        }
    }

    /// <summary>Consultations in the 60 days before the last 60 that the desk has no ticket for; default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ConsultationsPrev60Days
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(ConsultationsPrev60Days));
            field = value;
        }
    }

    /// <summary>The last interaction known outside the desk, or null.</summary>
    public Instant? LastInteractionAt { get; init; }

    /// <summary>The customer's average satisfaction (1–5) from before the desk's surveys, used while the desk has none; or null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 5 (null, not 0, says there is none). Checked here, where the
    /// host sets it, rather than when the desk builds the customer's rule facts, which refuse it too.</exception>
    public decimal? CsatAverage
    {
        get;
        init => field = value is null or (>= Satisfaction.CsatScore.MinValue and <= Satisfaction.CsatScore.MaxValue)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CsatAverage), value, "A CSAT average is 1 to 5; null when there is none.");
    }
}
