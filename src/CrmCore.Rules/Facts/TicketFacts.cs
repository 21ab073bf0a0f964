using NodaTime;

namespace CrmCore.Rules.Facts;

/// <summary>
/// The read-only ticket facts that rule expressions see as <c>ticket</c>. Codes are strings so rules compare them directly:
/// <c>ticket.Urgency == "Urgent"</c>, <c>ticket.Type == "Complaint"</c>. Facts marked <see cref="TimeDependentFactAttribute"/>
/// change with the clock alone. Immutable from the outside; safe to read from several threads.
/// </summary>
public sealed class TicketFacts
{
    private readonly TagSet _customerTags = new();

    /// <summary>Creates empty facts; the library fills them (see <c>From</c>) and may re-point them during a batch.</summary>
    internal TicketFacts()
    {
    }

    /// <summary>Urgency code: <c>General</c>, <c>Urgent</c> or <c>Major</c>.</summary>
    public string Urgency { get; private set; } = string.Empty;

    /// <summary>Type code, such as <c>Consultation</c>, <c>Complaint</c>, <c>Suggestion</c>, <c>Fault</c>, <c>PreSales</c>.</summary>
    public string Type { get; private set; } = string.Empty;

    /// <summary>Channel code, such as <c>Phone</c>.</summary>
    public string Channel { get; private set; } = string.Empty;

    /// <summary>Status name, such as <c>Pending</c> or <c>InProgress</c>.</summary>
    public string Status { get; private set; } = string.Empty;

    /// <summary>Responsible department.</summary>
    public string Department { get; private set; } = string.Empty;

    /// <summary>The customer's tier.</summary>
    public string CustomerTier { get; private set; } = string.Empty;

    /// <summary>The customer's tags.</summary>
    public TagSet CustomerTags => _customerTags;

    /// <summary>The customer's industry.</summary>
    public string CustomerIndustry { get; private set; } = string.Empty;

    /// <summary>Whole minutes since the ticket was raised: the exact time since then (to the nanosecond) divided by a minute and
    /// rounded down, so 59.99 s is 0 and 200 days less a nanosecond is 287,999; 0 when the ticket was raised after now, at most
    /// <see cref="int.MaxValue"/>.</summary>
    [TimeDependentFact]
    public int AgeMinutes { get; private set; }

    /// <summary>Whole minutes until the SLA is due: the exact time from now to the due time (to the nanosecond) divided by a minute
    /// and rounded toward negative infinity, so it is negative exactly when overdue (a nanosecond overdue is −1) and 0 in the last
    /// minute before due; clamped to the range of <see cref="int"/>. Null when no SLA applies.</summary>
    [TimeDependentFact]
    public int? MinutesToSlaDue { get; private set; }

    /// <summary>Share of the SLA time used, in percent, rounded to two decimals (over 100 when overdue): the time since the ticket was
    /// raised over the time from raised to due, both in exact nanoseconds, divided exactly and rounded half to even; 100 when the due
    /// time is not after the raise. Null when no SLA applies.</summary>
    [TimeDependentFact]
    public decimal? SlaPercentUsed { get; private set; }

    /// <summary>Whether the SLA due time has passed (false when no SLA applies).</summary>
    [TimeDependentFact]
    public bool IsOverdue { get; private set; }

    /// <summary>How many times the ticket was reopened.</summary>
    public int ReopenCount { get; private set; }

    /// <summary>The escalation level reached so far (0 = none).</summary>
    public int EscalationLevel { get; private set; }

    /// <summary>The model of the ticket's asset; empty when the ticket has no asset. For rules such as <c>ticket.AssetModel == "S7-1200"</c>.</summary>
    public string AssetModel { get; private set; } = string.Empty;

    /// <summary>The warranty status of the ticket's asset when the ticket was raised: <c>UnderWarranty</c>, <c>Expired</c>, <c>NotInstalled</c> or <c>Unknown</c>.</summary>
    public string AssetWarranty { get; private set; } = string.Empty;

    /// <summary>True when the ticket's asset was under warranty when the ticket was raised.</summary>
    public bool AssetUnderWarranty { get; private set; }

    /// <summary>True when the ticket's asset is of a model with a known issue.</summary>
    public bool AssetModelHasKnownIssue { get; private set; }

    /// <summary>The failure rate of the ticket's asset model when the ticket was raised: tickets about the model's assets in the desk's window
    /// (<c>DeskOptions.FailureRateWindow</c>, default 90 days) per 100 installed assets of the model. Null when the ticket has no asset or no
    /// asset of the model is installed, so a rule reads <c>ticket.AssetModelFailureRate != null &amp;&amp; ticket.AssetModelFailureRate &gt;= 20</c>
    /// or simply <c>ticket.AssetModelFailureRate &gt;= 20</c> (false when null).</summary>
    public decimal? AssetModelFailureRate { get; private set; }

    /// <summary>Computes the facts for one ticket.</summary>
    /// <param name="input">The plain data.</param>
    /// <param name="now">The current instant, from the injected clock.</param>
    /// <returns>A new fact object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public static TicketFacts From(TicketFactsInput input, Instant now)
    {
        var facts = new TicketFacts();
        facts.Assign(input, now);
        return facts;
    }

    /// <inheritdoc />
    public override string ToString() => $"ticket(Urgency={Urgency}, Type={Type}, CustomerTier={CustomerTier})";

    /// <summary>Re-points this instance at another ticket without allocating.</summary>
    internal void Assign(TicketFactsInput input, Instant now)
    {
        ArgumentNullException.ThrowIfNull(input);
        Urgency = input.Urgency.ToString();
        Type = input.Type.Code;
        Channel = input.Channel.Code;
        Status = input.Status.ToString();
        Department = input.Department ?? string.Empty;
        CustomerTier = input.CustomerTier ?? string.Empty;
        _customerTags.Reset(input.CustomerTags);
        CustomerIndustry = input.CustomerIndustry ?? string.Empty;
        var age = (now - input.RaisedAt).ToInt128Nanoseconds();
        AgeMinutes = Math.Max(0, WholeMinutes(age));
        ReopenCount = input.ReopenCount;
        EscalationLevel = input.EscalationLevel;
        AssetModel = input.AssetModel ?? string.Empty;
        AssetWarranty = input.AssetWarranty.ToString();
        AssetUnderWarranty = input.AssetWarranty == Assets.WarrantyStatus.UnderWarranty;
        AssetModelHasKnownIssue = input.AssetModelHasKnownIssue;
        AssetModelFailureRate = input.AssetModelFailureRate;
        if (input.SlaDueAt is { } due)
        {
            MinutesToSlaDue = WholeMinutes((due - now).ToInt128Nanoseconds());
            var total = (due - input.RaisedAt).ToInt128Nanoseconds();
            SlaPercentUsed = total <= 0 ? 100m : PercentOf(age, total);
            IsOverdue = now > due;
        }
        else
        {
            MinutesToSlaDue = null;
            SlaPercentUsed = null;
            IsOverdue = false;
        }
    }

    /// <summary>
    /// Exact nanoseconds in whole minutes, rounded toward negative infinity and clamped to the range of <see cref="int"/> (a span of
    /// up to 20,000 years between two instants holds about 10^10 minutes). A double of the minutes (<see cref="Duration.TotalMinutes"/>)
    /// is not exact here: from 2^18 minutes (about 182 days) a nanosecond is less than half its step, so a span a nanosecond short of
    /// a whole minute rounded up to it.
    /// </summary>
    /// <summary>
    /// <paramref name="part"/> of <paramref name="whole"/> (positive) in percent, exact, rounded to two decimals half to even (as
    /// <see cref="Math.Round(decimal, int)"/> rounds): the same on every runtime, where a double quotient turned into a decimal is not
    /// (.NET 11 keeps the double's exact digits) and is not exact for long targets anyway.
    /// </summary>
    internal static decimal PercentOf(Int128 part, Int128 whole)
    {
        var scaled = part * 10_000; // hundredths of a percent; |part| < 2^80 ns for any two instants, so no overflow
        var (hundredths, remainder) = Int128.DivRem(scaled, whole);
        var twice = Int128.Abs(remainder) * 2;
        if (twice > whole || (twice == whole && !Int128.IsEvenInteger(hundredths)))
        {
            hundredths += Int128.Sign(scaled);
        }

        return (decimal)hundredths / 100m;
    }

    private static int WholeMinutes(Int128 nanoseconds)
    {
        var minutes = Int128.DivRem(nanoseconds, NodaConstants.NanosecondsPerMinute);
        var floor = minutes.Remainder < 0 ? minutes.Quotient - 1 : minutes.Quotient;
        return (int)Int128.Clamp(floor, int.MinValue, int.MaxValue);
    }
}
