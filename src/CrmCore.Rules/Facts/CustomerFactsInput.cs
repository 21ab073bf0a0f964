using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>
/// The plain data a <see cref="CustomerFacts"/> object is computed from. Time-derived facts (days since the last interaction,
/// months since the first cooperation, days to the contract end) are computed from these instants and dates and an explicit "now".
/// Immutable; all members are optional except where stated.
/// </summary>
public sealed record CustomerFactsInput
{
    /// <summary>Annual cooperation amount in CNY. Default 0.</summary>
    public decimal AnnualRevenue { get; init; }

    /// <summary>Industry, such as <c>制造业</c> or <c>Retail</c>. Default empty.</summary>
    public string Industry { get; init; } = string.Empty;

    /// <summary>Region. Default empty.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>The tier currently recorded on the customer (for example <c>A</c>). Default empty.</summary>
    public string Tier { get; init; } = string.Empty;

    /// <summary>Company size label (for example <c>Large</c>). Default empty.</summary>
    public string Size { get; init; } = string.Empty;

    /// <summary>Number of employees. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int Employees { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Source channel of the first contact (for example <c>转介绍</c>). Default empty.</summary>
    public string SourceChannel { get; init; } = string.Empty;

    /// <summary>Tags currently on the customer. Default none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Complaints raised in the last 60 days. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int ComplaintsLast60Days { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Complaints raised in the 60 days before those. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int ComplaintsPrev60Days { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Consultations raised in the last 60 days. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int ConsultationsLast60Days { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Consultations raised in the 60 days before those. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int ConsultationsPrev60Days { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Complaints not yet resolved. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int UnresolvedComplaints { get; init => field = InputRange.NotNegative(value); }

    /// <summary>Open tickets. Default 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative (the rule loader relies on it; see CRM070).</exception>
    public int OpenTicketCount { get; init => field = InputRange.NotNegative(value); }

    /// <summary>
    /// The last interaction of any kind (ticket, call, visit); null when there has been none or it is unknown. A missing value
    /// makes <see cref="CustomerFacts.DaysSinceLastInteraction"/> null (never "days since 1970"). Default null.
    /// </summary>
    public Instant? LastInteractionAt { get; init; }

    /// <summary>The date cooperation began; null when the customer has not bought yet.</summary>
    public LocalDate? FirstCooperationOn { get; init; }

    /// <summary>Average CSAT (1–5) over the host's window; null when there are no surveys.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 5 (the rule loader relies on it; see CRM070).</exception>
    public decimal? CsatAverage { get; init => field = InputRange.Csat(value); }

    /// <summary>The contract end date; null when there is no contract.</summary>
    public LocalDate? ContractEndsOn { get; init; }

    /// <summary>The date the tier was last lowered; null when never.</summary>
    public LocalDate? TierDowngradedOn { get; init; }

    /// <summary>The customer asked not to be contacted proactively. Default false.</summary>
    public bool DoNotContact { get; init; }
}
