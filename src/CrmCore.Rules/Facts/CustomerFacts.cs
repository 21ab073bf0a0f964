using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>
/// The read-only customer facts that rule expressions see as <c>customer</c>. Build with <see cref="From"/>; time-derived facts
/// are computed from the given "now" (never the wall clock), so the same input and clock give the same facts.
/// Expressions may read properties only (no methods). A built instance is immutable from the outside and safe to read from
/// several threads; the library may re-point an instance it owns during a batch.
/// </summary>
public sealed class CustomerFacts
{
    private readonly TagSet _tags = new();

    /// <summary>Creates empty facts; the library fills them (see <c>From</c>) and may re-point them during a batch.</summary>
    internal CustomerFacts()
    {
    }

    /// <summary>Annual cooperation amount in CNY.</summary>
    public decimal AnnualRevenue { get; private set; }

    /// <summary>Industry.</summary>
    public string Industry { get; private set; } = string.Empty;

    /// <summary>Region.</summary>
    public string Region { get; private set; } = string.Empty;

    /// <summary>
    /// The customer's tier. In Tiering rules it is the tier recorded on the customer; in the workflows that run after Tiering
    /// (Tagging, ChurnRisk) it is the tier computed in the same run, or the recorded tier when no tiering rule held. Read
    /// <see cref="RecordedTier"/> for the recorded tier everywhere.
    /// </summary>
    public string Tier { get; private set; } = string.Empty;

    /// <summary>The tier recorded on the customer (the input's tier), whatever Tiering computes in this run.</summary>
    public string RecordedTier { get; private set; } = string.Empty;

    /// <summary>Company size label.</summary>
    public string Size { get; private set; } = string.Empty;

    /// <summary>Number of employees.</summary>
    public int Employees { get; private set; }

    /// <summary>Source channel of the first contact.</summary>
    public string SourceChannel { get; private set; } = string.Empty;

    /// <summary>Tags currently on the customer.</summary>
    public TagSet Tags => _tags;

    /// <summary>Complaints raised in the last 60 days.</summary>
    public int ComplaintsLast60Days { get; private set; }

    /// <summary>Complaints raised in the 60 days before those.</summary>
    public int ComplaintsPrev60Days { get; private set; }

    /// <summary>Consultations raised in the last 60 days.</summary>
    public int ConsultationsLast60Days { get; private set; }

    /// <summary>Consultations raised in the 60 days before those.</summary>
    public int ConsultationsPrev60Days { get; private set; }

    /// <summary>Complaints not yet resolved.</summary>
    public int UnresolvedComplaints { get; private set; }

    /// <summary>Open tickets.</summary>
    public int OpenTicketCount { get; private set; }

    /// <summary>
    /// Whole days since the last interaction (0 when it was less than a day ago or in the future); null when there is no recorded
    /// interaction. Exact: the nanoseconds from the interaction to now divided by 24 hours, rounded down (so a day less a nanosecond
    /// is 0 days, however long ago). Comparisons with null are false (<c>customer.DaysSinceLastInteraction &gt; 90</c> does not hold); test for it
    /// with <c>customer.DaysSinceLastInteraction == null</c>.
    /// </summary>
    [TimeDependentFact]
    public int? DaysSinceLastInteraction { get; private set; }

    /// <summary>Whole months since cooperation began (0 in the first month); null when it has not begun.</summary>
    [TimeDependentFact]
    public int? MonthsSinceFirstCooperation { get; private set; }

    /// <summary>Average CSAT (1–5); null when there are no surveys.</summary>
    public decimal? CsatAverage { get; private set; }

    /// <summary>Days from today to the contract end (negative when it has ended); null when there is no contract.</summary>
    [TimeDependentFact]
    public int? DaysToContractEnd { get; private set; }

    /// <summary>Days since the tier was last lowered; null when never.</summary>
    [TimeDependentFact]
    public int? DaysSinceTierDowngrade { get; private set; }

    /// <summary>The customer asked not to be contacted proactively.</summary>
    public bool DoNotContact { get; private set; }

    /// <summary>Computes the facts for one customer.</summary>
    /// <param name="input">The plain data.</param>
    /// <param name="now">The current instant, from the injected clock.</param>
    /// <param name="zone">The time zone that defines "today" for date facts.</param>
    /// <returns>A new fact object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> or <paramref name="zone"/> is null.</exception>
    public static CustomerFacts From(CustomerFactsInput input, Instant now, DateTimeZone zone)
    {
        var facts = new CustomerFacts();
        facts.Assign(input, now, zone);
        return facts;
    }

    /// <summary>A copy whose <see cref="Tier"/> is <paramref name="tier"/> (what RulesEngine sees in later workflows); shares the tags.</summary>
    internal CustomerFacts WithTier(string tier)
    {
        var copy = (CustomerFacts)MemberwiseClone();
        copy.Tier = tier;
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => $"customer(AnnualRevenue={AnnualRevenue}, Tier={Tier}, Tags=[{Tags}])";

    /// <summary>Re-points this instance at another customer without allocating (bulk evaluation).</summary>
    internal void Assign(CustomerFactsInput input, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        AnnualRevenue = input.AnnualRevenue;
        Industry = input.Industry ?? string.Empty;
        Region = input.Region ?? string.Empty;
        Tier = input.Tier ?? string.Empty;
        RecordedTier = Tier;
        Size = input.Size ?? string.Empty;
        Employees = input.Employees;
        SourceChannel = input.SourceChannel ?? string.Empty;
        _tags.Reset(input.Tags);
        ComplaintsLast60Days = input.ComplaintsLast60Days;
        ComplaintsPrev60Days = input.ComplaintsPrev60Days;
        ConsultationsLast60Days = input.ConsultationsLast60Days;
        ConsultationsPrev60Days = input.ConsultationsPrev60Days;
        UnresolvedComplaints = input.UnresolvedComplaints;
        OpenTicketCount = input.OpenTicketCount;
        DaysSinceLastInteraction = input.LastInteractionAt is { } last ? FactMath.WholeDaysSince(now, last) : null;
        MonthsSinceFirstCooperation = input.FirstCooperationOn is { } first ? FactMath.WholeMonths(first, today) : null;
        CsatAverage = input.CsatAverage;
        DaysToContractEnd = input.ContractEndsOn is { } end ? Period.DaysBetween(today, end) : null;
        DaysSinceTierDowngrade = input.TierDowngradedOn is { } down ? Math.Max(0, Period.DaysBetween(down, today)) : null;
        DoNotContact = input.DoNotContact;
    }
}
