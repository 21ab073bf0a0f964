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

    /// <summary>Whole minutes since the ticket was raised.</summary>
    [TimeDependentFact]
    public int AgeMinutes { get; private set; }

    /// <summary>Whole minutes until the SLA is due (negative when overdue); null when no SLA applies.</summary>
    [TimeDependentFact]
    public int? MinutesToSlaDue { get; private set; }

    /// <summary>Share of the SLA time used, in percent (over 100 when overdue); null when no SLA applies.</summary>
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
        AgeMinutes = Math.Max(0, (int)Math.Floor((now - input.RaisedAt).TotalMinutes));
        ReopenCount = input.ReopenCount;
        EscalationLevel = input.EscalationLevel;
        AssetModel = input.AssetModel ?? string.Empty;
        AssetWarranty = input.AssetWarranty.ToString();
        AssetUnderWarranty = input.AssetWarranty == Assets.WarrantyStatus.UnderWarranty;
        AssetModelHasKnownIssue = input.AssetModelHasKnownIssue;
        AssetModelFailureRate = input.AssetModelFailureRate;
        if (input.SlaDueAt is { } due)
        {
            MinutesToSlaDue = (int)Math.Floor((due - now).TotalMinutes);
            var total = (due - input.RaisedAt).TotalMinutes;
            SlaPercentUsed = total <= 0 ? 100m : Math.Round((decimal)((now - input.RaisedAt).TotalMinutes / total * 100), 2);
            IsOverdue = now > due;
        }
        else
        {
            MinutesToSlaDue = null;
            SlaPercentUsed = null;
            IsOverdue = false;
        }
    }
}
