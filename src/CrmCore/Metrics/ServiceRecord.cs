using System.Globalization;
using CrmCore.Localization;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// One ticket, flattened for KPI computation. Deliberately primitive-typed (strings, instants, booleans, integers) so a host can
/// map its own tickets onto it and the CLI can read it from CSV or JSON. Immutable.
/// </summary>
/// <remarks>
/// Empty slice keys (team, agent, tier, region) are allowed and form their own slice. A ticket counts as resolved when
/// <see cref="ResolvedAt"/> or <see cref="ClosedAt"/> is set, or <see cref="Status"/> is <c>Resolved</c>, <c>AwaitingRevisit</c>
/// or <c>Closed</c>; a <c>NoActionNeeded</c> ticket is left out of the resolution and first-contact-resolution rates.
/// </remarks>
public sealed record ServiceRecord
{
    /// <summary>The ticket id, for example <c>WT202403001</c>. Required, not empty.</summary>
    public required string TicketId { get; init; }

    /// <summary>The customer id. Required, not empty.</summary>
    public required string CustomerId { get; init; }

    /// <summary>The team (service group) that owns the ticket. Default empty.</summary>
    public string Team { get; init; } = string.Empty;

    /// <summary>The agent who owns the ticket. Default empty.</summary>
    public string Agent { get; init; } = string.Empty;

    /// <summary>The customer's value tier when the ticket was raised, for example <c>A</c>. Default empty.</summary>
    public string Tier { get; init; } = string.Empty;

    /// <summary>The customer's region. Default empty.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>The channel, for example <see cref="Tickets.Channel.Phone"/>; the default instance (empty code) when unknown.</summary>
    public Tickets.Channel Channel { get; init; }

    /// <summary>The ticket type code, for example <c>Complaint</c>. Default empty.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The urgency name: <c>General</c>, <c>Urgent</c> or <c>Major</c>. Default empty.</summary>
    public string Urgency { get; init; } = string.Empty;

    /// <summary>When the ticket was raised. Its month (in <see cref="MetricsOptions.TimeZone"/>) is the ticket's period.</summary>
    public required Instant RaisedAt { get; init; }

    /// <summary>When the customer first got an answer; null when not yet answered.</summary>
    public Instant? FirstResponseAt { get; init; }

    /// <summary>
    /// The elapsed business time on the SLA clock (working hours of the business calendar, pauses excluded) from
    /// <see cref="RaisedAt"/> to <see cref="FirstResponseAt"/>, or, while the ticket is still unanswered, up to the moment the record
    /// was taken. Null (the default) makes the KPI calculator fall back to wall-clock time (<c>FirstResponseAt − RaisedAt</c>);
    /// never negative. When given it is used for the average first response and for judging the first-response target, and the
    /// report says "business hours" instead of "wall clock".
    /// </summary>
    public Duration? FirstResponseBusinessTime { get; init; }

    /// <summary>When the ticket was resolved; null when not resolved.</summary>
    public Instant? ResolvedAt { get; init; }

    /// <summary>When the ticket was closed; null when not closed.</summary>
    public Instant? ClosedAt { get; init; }

    /// <summary>The ticket's status, or null when unknown. Default null.</summary>
    public Tickets.TicketStatus? Status { get; init; }

    /// <summary>How many times the ticket was reopened. Default 0; never negative.</summary>
    public int ReopenCount { get; init; }

    /// <summary>How many times the customer contacted us about this issue. Default 1; at least 1.</summary>
    public int ContactCount { get; init; } = 1;

    /// <summary>
    /// Whether the first response met its target as judged by the SLA engine; null lets the KPI calculator judge it against
    /// <see cref="MetricsOptions.FirstResponseTarget"/> from <see cref="FirstResponseAt"/>. Default null.
    /// </summary>
    public bool? FirstResponseWithinTarget { get; init; }

    /// <summary>Whether the resolution SLA was breached. Default false.</summary>
    public bool ResolutionSlaBreached { get; init; }

    /// <summary>
    /// Whether the revisit SLA (from resolution to the revisit call and close) was breached: true or false once the ticket has a revisit
    /// clock that ended or ran out; null when it has none yet or the source does not say (files without the column). Default null.
    /// </summary>
    public bool? RevisitSlaBreached { get; init; }

    /// <summary>Whether the ticket was resolved during the first contact. Default false.</summary>
    public bool ResolvedOnFirstContact { get; init; }

    /// <summary>True when the ticket counts as resolved (see the remarks on <see cref="ServiceRecord"/>).</summary>
    public bool IsResolved => ResolvedAt.HasValue || ClosedAt.HasValue || Status is Tickets.TicketStatus.Resolved or Tickets.TicketStatus.AwaitingRevisit or Tickets.TicketStatus.Closed;

    /// <summary>True when the ticket needed no action, so it is left out of resolution rates.</summary>
    public bool IsNoActionNeeded => Status == Tickets.TicketStatus.NoActionNeeded;

    /// <summary>Lists everything wrong with the record, in the language of <see cref="CultureInfo.CurrentUICulture"/>, times in UTC (see
    /// <see cref="Validate(CultureInfo?, DateTimeZone?)"/>).</summary>
    /// <returns>The problems, each naming the ticket; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate() => Validate(null, null);

    /// <summary>Lists everything wrong with the record: ids not empty, no time before <see cref="RaisedAt"/>, counts in range.</summary>
    /// <param name="culture">The language: Simplified Chinese for zh-Hans (zh, zh-CN), English otherwise; null means
    /// <see cref="CultureInfo.CurrentUICulture"/>.</param>
    /// <param name="zone">The time zone the times are shown in, named after each, for example <c>2026-02-03 09:00:00 (Asia/Shanghai)</c>;
    /// null means UTC, named as such.</param>
    /// <returns>The problems, each naming the ticket and the field; empty when the record is valid.</returns>
    public IReadOnlyList<string> Validate(CultureInfo? culture, DateTimeZone? zone)
    {
        var problems = new List<string>();
        var name = string.IsNullOrWhiteSpace(TicketId) ? "(no id)" : TicketId;
        if (string.IsNullOrWhiteSpace(TicketId))
        {
            problems.Add(Strings.Format("Record_NoTicketId", culture));
        }

        if (string.IsNullOrWhiteSpace(CustomerId))
        {
            problems.Add(Strings.Format("Record_NoCustomerId", culture, name));
        }

        foreach (var (field, at) in new[] { (nameof(FirstResponseAt), FirstResponseAt), (nameof(ResolvedAt), ResolvedAt), (nameof(ClosedAt), ClosedAt) })
        {
            if (at < RaisedAt)
            {
                problems.Add(Strings.Format("Record_BeforeRaised", culture, name, field, Time(at.Value, zone), Time(RaisedAt, zone)));
            }

            if (field == nameof(FirstResponseAt) && FirstResponseBusinessTime < Duration.Zero)
            {
                problems.Add(Strings.Format("Record_NegativeBusinessTime", culture, name, FirstResponseBusinessTime.Value.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)));
            }
        }

        if (ReopenCount < 0)
        {
            problems.Add(Strings.Format("Record_NegativeReopens", culture, name, ReopenCount));
        }

        if (ContactCount < 1)
        {
            problems.Add(Strings.Format("Record_ContactCount", culture, name, ContactCount));
        }

        return problems;
    }

    /// <summary>An instant in <paramref name="zone"/> (UTC when null), to the second, named with the zone.</summary>
    internal static string Time(Instant at, DateTimeZone? zone)
    {
        var shown = zone ?? DateTimeZone.Utc;
        return at.InZone(shown).ToString("uuuu'-'MM'-'dd HH':'mm':'ss", CultureInfo.InvariantCulture) + " (" + shown.Id + ")";
    }
}
