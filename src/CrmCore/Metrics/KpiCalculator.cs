using System.Globalization;
using CrmCore.Satisfaction;
using NodaTime;

namespace CrmCore.Metrics;

/// <summary>
/// Computes the service KPIs of a month or a range of months, in total and sliced by team, agent, tier, region and month.
/// Thread-safe: it keeps no state between calls.
/// </summary>
/// <remarks>
/// Tickets count in the month (in <see cref="MetricsOptions.TimeZone"/>) they were raised, surveys in the month they were
/// answered (and take their team, agent, tier and region from their ticket when it is in the input; otherwise empty keys), and
/// customers count once per month of the range in which they were active at the start. First-response times are business time
/// when <see cref="ServiceRecord.FirstResponseBusinessTime"/> is given and wall-clock time otherwise
/// (<see cref="ServiceKpis.FirstResponseClock"/> tells which). A ticket still unanswered whose age (its business time when
/// given, else wall-clock time until the end of the range or <see cref="KpiInput.AsOf"/>, whichever is earlier) exceeds
/// <see cref="MetricsOptions.FirstResponseTarget"/> counts as a miss. See docs/kpis.md for every definition.
/// </remarks>
public sealed class KpiCalculator
{
    private static readonly KpiDimension[] Dimensions = Enum.GetValues<KpiDimension>();
    private readonly MetricsOptions _options;

    /// <summary>Creates a calculator.</summary>
    /// <param name="options">The settings; validated at once.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public KpiCalculator(MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsGuard.ThrowIfAny(options.Validate(), nameof(options));
        _options = options;
    }

    /// <summary>The month (in <see cref="MetricsOptions.TimeZone"/>) an instant falls in.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Its calendar month.</returns>
    public YearMonth MonthOf(Instant instant)
    {
        var date = instant.InZone(_options.TimeZone).Date;
        return new YearMonth(date.Year, date.Month);
    }

    /// <summary>The calendar day (in <see cref="MetricsOptions.TimeZone"/>) an instant falls on.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>Its local date.</returns>
    public LocalDate DayOf(Instant instant) => instant.InZone(_options.TimeZone).Date;

    /// <summary>Computes one month's KPIs.</summary>
    /// <param name="input">The data; may hold other months, which are ignored.</param>
    /// <param name="month">The month.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException">A record is invalid or an id appears twice; the message lists every problem and nothing is computed.</exception>
    public KpiSnapshot Compute(KpiInput input, YearMonth month) => Compute(input, month, month);

    /// <summary>Computes the KPIs of a range of months, with a slice per month.</summary>
    /// <param name="input">The data; may hold other months, which are ignored.</param>
    /// <param name="from">The first month.</param>
    /// <param name="to">The last month, not before <paramref name="from"/>.</param>
    /// <returns>The snapshot. The churn rate of a multi-month range is the pooled monthly rate (lost ÷ customer-months at start).</returns>
    /// <exception cref="ArgumentException">The range is reversed, or a record is invalid or an id appears twice (the message lists every problem).</exception>
    public KpiSnapshot Compute(KpiInput input, YearMonth from, YearMonth to)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to}) before it starts ({from}).", nameof(to));
        }

        OptionsGuard.ThrowIfAny(
            [
                .. input.Tickets.SelectMany(t => t.Validate()),
                .. Duplicates(input.Tickets.Select(t => t.TicketId), "Ticket"),
                .. input.Customers.SelectMany(c => c.Validate()),
                .. Duplicates(input.Customers.Select(c => c.CustomerId), "Customer"),
            ],
            nameof(input));

        var totals = ServiceKpis.Empty;
        var slices = new Dictionary<(KpiDimension, string), ServiceKpis>();
        void Add(ServiceKpis part, string team, string agent, string tier, string region, YearMonth month, string channel, string type, LocalDate day)
        {
            totals += part;
            string[] keys =
            [
                team, agent, tier, region, month.ToString("yyyy-MM", CultureInfo.InvariantCulture), channel, type,
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ];
            for (var i = 0; i < Dimensions.Length; i++)
            {
                var key = (Dimensions[i], keys[i]);
                slices[key] = slices.TryGetValue(key, out var sum) ? sum + part : part;
            }
        }

        var periodEnd = to.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(_options.TimeZone).ToInstant();
        var agedUntil = input.AsOf is { } asOf && asOf < periodEnd ? asOf : periodEnd;
        foreach (var ticket in input.Tickets)
        {
            var month = MonthOf(ticket.RaisedAt);
            if (month >= from && month <= to)
            {
                Add(Contribution(ticket, agedUntil), ticket.Team, ticket.Agent, ticket.Tier, ticket.Region, month, ticket.Channel.Code, ticket.Type, DayOf(ticket.RaisedAt));
            }
        }

        var ticketsById = input.Tickets.GroupBy(t => t.TicketId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var survey in input.Surveys)
        {
            var month = MonthOf(survey.AnsweredAt);
            if (month >= from && month <= to)
            {
                ticketsById.TryGetValue(survey.Ticket.Value, out var t);
                Add(Contribution(survey), t?.Team ?? string.Empty, t?.Agent ?? string.Empty, t?.Tier ?? string.Empty, t?.Region ?? string.Empty, month, t?.Channel.Code ?? string.Empty, t?.Type ?? string.Empty, DayOf(survey.AnsweredAt));
            }
        }

        for (var month = from; month <= to; month = month.PlusMonths(1))
        {
            foreach (var customer in input.Customers.Where(c => c.IsActiveAtStartOf(month)))
            {
                var part = new ServiceKpis { CustomersAtStart = 1, CustomersLost = customer.IsLostIn(month) ? 1 : 0 };
                Add(part, customer.Team, customer.Agent, customer.Tier, customer.Region, month, string.Empty, string.Empty, month.OnDayOfMonth(1));
            }
        }

        return new KpiSnapshot
        {
            From = from,
            To = to,
            Totals = totals,
            Slices = Dimensions.ToDictionary(
                d => d,
                d => (IReadOnlyList<KpiSlice>)slices
                    .Where(s => s.Key.Item1 == d)
                    .OrderBy(s => s.Key.Item2, StringComparer.Ordinal)
                    .Select(s => new KpiSlice(d, s.Key.Item2, s.Value))
                    .ToList()),
        };
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> ids, string kind) =>
        ids.Where(id => !string.IsNullOrWhiteSpace(id))
            .GroupBy(id => id, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{kind} {g.Key} appears {g.Count()} times; each must appear once.");

    private ServiceKpis Contribution(ServiceRecord ticket, Instant agedUntil)
    {
        var target = _options.FirstResponseTarget;
        var business = ticket.FirstResponseBusinessTime;
        Duration? wallClock = ticket.FirstResponseAt is { } respondedAt ? respondedAt - ticket.RaisedAt : null;
        var firstResponse = wallClock is { } wall ? business ?? wall : (Duration?)null;
        var withinTarget = ticket.FirstResponseWithinTarget;
        if (withinTarget is null && firstResponse is { } time)
        {
            withinTarget = time <= target;
        }
        else if (withinTarget is null && !ticket.IsNoActionNeeded && (business ?? (agedUntil - ticket.RaisedAt)) > target)
        {
            // Unanswered and already older than the target: a miss, whatever happens later.
            withinTarget = false;
        }

        var resolvable = !ticket.IsNoActionNeeded;
        var resolved = resolvable && ticket.IsResolved;
        return new ServiceKpis
        {
            TicketCount = 1,
            RespondedCount = firstResponse.HasValue ? 1 : 0,
            RespondedInBusinessTimeCount = firstResponse.HasValue && business.HasValue ? 1 : 0,
            TotalFirstResponse = firstResponse ?? Duration.Zero,
            WallClockFirstResponseTotal = wallClock ?? Duration.Zero,
            BusinessFirstResponseTotal = wallClock.HasValue ? business ?? Duration.Zero : Duration.Zero,
            FirstResponseJudgedCount = withinTarget.HasValue ? 1 : 0,
            FirstResponseWithinTargetCount = withinTarget == true ? 1 : 0,
            ResolvableCount = resolvable ? 1 : 0,
            ResolvedCount = resolved ? 1 : 0,
            ResolvedOnFirstContactCount = resolved && ticket.ResolvedOnFirstContact ? 1 : 0,
            RepeatContactCount = ticket.ContactCount > 1 || ticket.ReopenCount > 0 ? 1 : 0,
            SlaBreachedCount = ticket.ResolutionSlaBreached || withinTarget == false || ticket.RevisitSlaBreached == true ? 1 : 0,
            ResolutionSlaBreachedCount = ticket.ResolutionSlaBreached ? 1 : 0,
            RevisitJudgedCount = ticket.RevisitSlaBreached.HasValue ? 1 : 0,
            RevisitSlaBreachedCount = ticket.RevisitSlaBreached == true ? 1 : 0,
        };
    }

    private static ServiceKpis Contribution(SurveyResponse survey) => new()
    {
        SurveyCount = 1,
        CsatSum = survey.Csat.Value,
        NpsCount = survey.Nps.HasValue ? 1 : 0,
        PromoterCount = survey.Nps is { IsPromoter: true } ? 1 : 0,
        DetractorCount = survey.Nps is { IsDetractor: true } ? 1 : 0,
    };
}
