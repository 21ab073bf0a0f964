using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// The KPIs of one slice (or of the whole), kept as counts so that the counts of the slices of a dimension add up to the
/// totals; every rate is derived from its counts and is null when its denominator is zero. Immutable.
/// </summary>
public sealed record ServiceKpis
{
    /// <summary>No data: every count zero.</summary>
    public static ServiceKpis Empty { get; } = new();

    /// <summary>Tickets raised in the period.</summary>
    public int TicketCount { get; init; }

    /// <summary>Tickets with a first response.</summary>
    public int RespondedCount { get; init; }

    /// <summary>
    /// The sum of the first-response times of the responded tickets: business time for those with
    /// <see cref="ServiceRecord.FirstResponseBusinessTime"/>, wall-clock time for the others.
    /// </summary>
    public Duration TotalFirstResponse { get; init; }

    /// <summary>The sum of the wall-clock first-response times (<c>FirstResponseAt − RaisedAt</c>) of every responded ticket.</summary>
    public Duration WallClockFirstResponseTotal { get; init; }

    /// <summary>The sum of the business first-response times of the responded tickets that gave one.</summary>
    public Duration BusinessFirstResponseTotal { get; init; }

    /// <summary>Of the responded tickets, those whose first-response time is business time (the rest are wall-clock time).</summary>
    public int RespondedInBusinessTimeCount { get; init; }

    /// <summary>
    /// Which clock <see cref="AverageFirstResponse"/> is measured on: <see cref="FirstResponseClock.BusinessHours"/> when every
    /// responded ticket gave its business time, <see cref="FirstResponseClock.WallClock"/> when none did (or none was responded to),
    /// <see cref="FirstResponseClock.Mixed"/> otherwise.
    /// </summary>
    public FirstResponseClock FirstResponseClock =>
        RespondedInBusinessTimeCount == 0 ? FirstResponseClock.WallClock
        : RespondedInBusinessTimeCount == RespondedCount ? FirstResponseClock.BusinessHours
        : FirstResponseClock.Mixed;

    /// <summary>Tickets whose first response could be judged against its target.</summary>
    public int FirstResponseJudgedCount { get; init; }

    /// <summary>Judged tickets whose first response met its target.</summary>
    public int FirstResponseWithinTargetCount { get; init; }

    /// <summary>Tickets that count for the resolution rate (all but "no action needed").</summary>
    public int ResolvableCount { get; init; }

    /// <summary>Resolvable tickets that were resolved.</summary>
    public int ResolvedCount { get; init; }

    /// <summary>Resolved tickets that were resolved during the first contact.</summary>
    public int ResolvedOnFirstContactCount { get; init; }

    /// <summary>Tickets with more than one contact or at least one reopening.</summary>
    public int RepeatContactCount { get; init; }

    /// <summary>Tickets that breached their first-response target, their resolution SLA or their revisit SLA.</summary>
    public int SlaBreachedCount { get; init; }

    /// <summary>Tickets whose resolution SLA was breached (<see cref="ServiceRecord.ResolutionSlaBreached"/>).</summary>
    public int ResolutionSlaBreachedCount { get; init; }

    /// <summary>Tickets whose revisit SLA was judged (<see cref="ServiceRecord.RevisitSlaBreached"/> not null).</summary>
    public int RevisitJudgedCount { get; init; }

    /// <summary>Tickets whose revisit SLA was breached.</summary>
    public int RevisitSlaBreachedCount { get; init; }

    /// <summary>Revisit SLA breaches ÷ tickets whose revisit SLA was judged; null when none was.</summary>
    public double? RevisitBreachRate => Ratio(RevisitSlaBreachedCount, RevisitJudgedCount);

    /// <summary>Judged tickets whose first response missed its target (including unanswered tickets already past it).</summary>
    public int FirstResponseMissedCount => FirstResponseJudgedCount - FirstResponseWithinTargetCount;

    /// <summary>First-response SLA breach rate, 0–1: first-response misses ÷ tickets; null when there is no ticket.</summary>
    public double? FirstResponseBreachRate => Ratio(FirstResponseMissedCount, TicketCount);

    /// <summary>Resolution SLA breach rate, 0–1: resolution breaches ÷ tickets; null when there is no ticket.</summary>
    public double? ResolutionBreachRate => Ratio(ResolutionSlaBreachedCount, TicketCount);

    /// <summary>Survey responses answered in the period.</summary>
    public int SurveyCount { get; init; }

    /// <summary>The sum of their CSAT scores.</summary>
    public long CsatSum { get; init; }

    /// <summary>Responses that answered the NPS question.</summary>
    public int NpsCount { get; init; }

    /// <summary>NPS answers of 9 or 10.</summary>
    public int PromoterCount { get; init; }

    /// <summary>NPS answers of 0 to 6.</summary>
    public int DetractorCount { get; init; }

    /// <summary>Customers at the start of the period's months (customer-months when the period spans several months).</summary>
    public int CustomersAtStart { get; init; }

    /// <summary>Of those, customers lost in the same month.</summary>
    public int CustomersLost { get; init; }

    /// <summary>Average first-response time; null when no ticket was responded to.</summary>
    public Duration? AverageFirstResponse => RespondedCount == 0 ? null : TotalFirstResponse / RespondedCount;

    /// <summary>Average wall-clock first-response time over every responded ticket; null when none was responded to.</summary>
    public Duration? AverageFirstResponseWallClock => RespondedCount == 0 ? null : WallClockFirstResponseTotal / RespondedCount;

    /// <summary>Average business first-response time over the responded tickets that gave one; null when none did.</summary>
    public Duration? AverageFirstResponseBusinessHours =>
        RespondedInBusinessTimeCount == 0 ? null : BusinessFirstResponseTotal / RespondedInBusinessTimeCount;

    /// <summary>
    /// The clock of the headline first-response figure (<see cref="Value(KpiKind)"/> of <see cref="KpiKind.AverageFirstResponse"/>): business
    /// hours when at least one responded ticket gave its business time, wall clock otherwise. Never mixed.
    /// </summary>
    public FirstResponseClock HeadlineFirstResponseClock =>
        RespondedInBusinessTimeCount > 0 ? FirstResponseClock.BusinessHours : FirstResponseClock.WallClock;

    /// <summary>
    /// The headline average first response, measured on one clock (<see cref="HeadlineFirstResponseClock"/>): the business-hours
    /// average over the tickets that gave business time when any did, else the wall-clock average. Null without data.
    /// </summary>
    public Duration? HeadlineAverageFirstResponse =>
        HeadlineFirstResponseClock == FirstResponseClock.BusinessHours ? AverageFirstResponseBusinessHours : AverageFirstResponseWallClock;

    /// <summary>Share of judged first responses within target, 0–1; null when none was judged.</summary>
    public double? FirstResponseWithinTargetRate => Ratio(FirstResponseWithinTargetCount, FirstResponseJudgedCount);

    /// <summary>First-contact resolution, 0–1: resolved on first contact ÷ resolved; null when nothing was resolved.</summary>
    public double? FirstContactResolutionRate => Ratio(ResolvedOnFirstContactCount, ResolvedCount);

    /// <summary>Resolution rate, 0–1: resolved ÷ resolvable; null when there is no resolvable ticket.</summary>
    public double? ResolutionRate => Ratio(ResolvedCount, ResolvableCount);

    /// <summary>Repeat-contact rate, 0–1; null when there is no ticket.</summary>
    public double? RepeatContactRate => Ratio(RepeatContactCount, TicketCount);

    /// <summary>SLA breach rate, 0–1; null when there is no ticket.</summary>
    public double? SlaBreachRate => Ratio(SlaBreachedCount, TicketCount);

    /// <summary>Average CSAT, 1–5; null when there is no survey.</summary>
    public double? CsatAverage => SurveyCount == 0 ? null : (double)CsatSum / SurveyCount;

    /// <summary>Net promoter score, −100 to 100; null when no NPS answer.</summary>
    public double? Nps => NpsCount == 0 ? null : 100.0 * (PromoterCount - DetractorCount) / NpsCount;

    /// <summary>Monthly churn rate, 0–1: lost ÷ customers at start; null when there was no customer at the start.</summary>
    public double? ChurnRate => Ratio(CustomersLost, CustomersAtStart);

    /// <summary>
    /// The value of a KPI in its natural unit (hours for <see cref="KpiKind.AverageFirstResponse"/>, fractions for rates). The first
    /// response is <see cref="HeadlineAverageFirstResponse"/>: one clock, never mixed.
    /// </summary>
    /// <param name="kind">The KPI.</param>
    /// <returns>The value, or null when it is undefined for lack of data.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public double? Value(KpiKind kind) => kind switch
    {
        KpiKind.AverageFirstResponse => HeadlineAverageFirstResponse?.TotalHours,
        KpiKind.FirstResponseWithinTarget => FirstResponseWithinTargetRate,
        KpiKind.FirstContactResolution => FirstContactResolutionRate,
        KpiKind.ResolutionRate => ResolutionRate,
        KpiKind.RepeatContactRate => RepeatContactRate,
        KpiKind.SlaBreachRate => SlaBreachRate,
        KpiKind.CsatAverage => CsatAverage,
        KpiKind.Nps => Nps,
        KpiKind.ChurnRate => ChurnRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown KPI."),
    };

    /// <summary>The denominator behind a KPI: how many tickets, responses or customers it is computed from.</summary>
    /// <param name="kind">The KPI.</param>
    /// <returns>The sample size, zero when the KPI is undefined.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value.</exception>
    public int SampleSize(KpiKind kind) => kind switch
    {
        KpiKind.AverageFirstResponse => HeadlineFirstResponseClock == FirstResponseClock.BusinessHours ? RespondedInBusinessTimeCount : RespondedCount,
        KpiKind.FirstResponseWithinTarget => FirstResponseJudgedCount,
        KpiKind.FirstContactResolution => ResolvedCount,
        KpiKind.ResolutionRate => ResolvableCount,
        KpiKind.RepeatContactRate or KpiKind.SlaBreachRate => TicketCount,
        KpiKind.CsatAverage => SurveyCount,
        KpiKind.Nps => NpsCount,
        KpiKind.ChurnRate => CustomersAtStart,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown KPI."),
    };

    /// <summary>
    /// The value of a KPI with the average first response measured on a given clock, so that a slice can be shown on the clock of
    /// its month's headline (<see cref="HeadlineFirstResponseClock"/> of the totals) instead of its own: business hours average
    /// <see cref="AverageFirstResponseBusinessHours"/> over the tickets that gave business time, wall clock
    /// <see cref="AverageFirstResponseWallClock"/> over every responded ticket. Other KPIs are <see cref="Value(KpiKind)"/>.
    /// </summary>
    /// <param name="kind">The KPI.</param>
    /// <param name="clock">The clock of the first response: <see cref="FirstResponseClock.BusinessHours"/> or
    /// <see cref="FirstResponseClock.WallClock"/>.</param>
    /// <returns>The value, or null when no ticket of the slice has a first response on that clock.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined value, or <paramref name="clock"/> is
    /// <see cref="FirstResponseClock.Mixed"/> (an average is never mixed) or not a defined value.</exception>
    public double? Value(KpiKind kind, FirstResponseClock clock) => kind == KpiKind.AverageFirstResponse
        ? OnClock(clock, AverageFirstResponseBusinessHours, AverageFirstResponseWallClock)?.TotalHours
        : Value(kind);

    /// <summary>The denominator of <see cref="Value(KpiKind, FirstResponseClock)"/>: for the first response, the responded tickets
    /// that gave business time (business hours) or every responded ticket (wall clock); for other KPIs <see cref="SampleSize(KpiKind)"/>.</summary>
    /// <param name="kind">The KPI.</param>
    /// <param name="clock">The clock of the first response: <see cref="FirstResponseClock.BusinessHours"/> or
    /// <see cref="FirstResponseClock.WallClock"/>.</param>
    /// <returns>The sample size, zero when the value is undefined.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Value(KpiKind, FirstResponseClock)"/>.</exception>
    public int SampleSize(KpiKind kind, FirstResponseClock clock) => kind == KpiKind.AverageFirstResponse
        ? OnClock(clock, RespondedInBusinessTimeCount, RespondedCount)
        : SampleSize(kind);

    private static T OnClock<T>(FirstResponseClock clock, T business, T wall) => clock switch
    {
        FirstResponseClock.BusinessHours => business,
        FirstResponseClock.WallClock => wall,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "An average first response is on business hours or on the wall clock, never mixed."),
    };

    /// <summary>Adds the counts of two slices.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>The combined counts.</returns>
    public static ServiceKpis operator +(ServiceKpis left, ServiceKpis right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new ServiceKpis
        {
            TicketCount = left.TicketCount + right.TicketCount,
            RespondedCount = left.RespondedCount + right.RespondedCount,
            TotalFirstResponse = left.TotalFirstResponse + right.TotalFirstResponse,
            WallClockFirstResponseTotal = left.WallClockFirstResponseTotal + right.WallClockFirstResponseTotal,
            BusinessFirstResponseTotal = left.BusinessFirstResponseTotal + right.BusinessFirstResponseTotal,
            RespondedInBusinessTimeCount = left.RespondedInBusinessTimeCount + right.RespondedInBusinessTimeCount,
            FirstResponseJudgedCount = left.FirstResponseJudgedCount + right.FirstResponseJudgedCount,
            FirstResponseWithinTargetCount = left.FirstResponseWithinTargetCount + right.FirstResponseWithinTargetCount,
            ResolvableCount = left.ResolvableCount + right.ResolvableCount,
            ResolvedCount = left.ResolvedCount + right.ResolvedCount,
            ResolvedOnFirstContactCount = left.ResolvedOnFirstContactCount + right.ResolvedOnFirstContactCount,
            RepeatContactCount = left.RepeatContactCount + right.RepeatContactCount,
            SlaBreachedCount = left.SlaBreachedCount + right.SlaBreachedCount,
            ResolutionSlaBreachedCount = left.ResolutionSlaBreachedCount + right.ResolutionSlaBreachedCount,
            RevisitJudgedCount = left.RevisitJudgedCount + right.RevisitJudgedCount,
            RevisitSlaBreachedCount = left.RevisitSlaBreachedCount + right.RevisitSlaBreachedCount,
            SurveyCount = left.SurveyCount + right.SurveyCount,
            CsatSum = left.CsatSum + right.CsatSum,
            NpsCount = left.NpsCount + right.NpsCount,
            PromoterCount = left.PromoterCount + right.PromoterCount,
            DetractorCount = left.DetractorCount + right.DetractorCount,
            CustomersAtStart = left.CustomersAtStart + right.CustomersAtStart,
            CustomersLost = left.CustomersLost + right.CustomersLost,
        };
    }

    /// <summary>Adds the counts of two slices (the named alternative to <c>+</c>).</summary>
    /// <param name="other">The slice to add.</param>
    /// <returns>The combined counts.</returns>
    public ServiceKpis Add(ServiceKpis other) => this + other;

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
