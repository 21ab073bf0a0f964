using CrmCore.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public class KpiCalculatorTests
{
    private readonly KpiCalculator _calculator = new(new MetricsOptions());

    [Fact]
    public void Compute_Tickets_ComputesEveryTicketKpi()
    {
        ServiceRecord[] tickets =
        [
            Ticket("1", responseHours: 1, firstContact: true),
            Ticket("2", responseHours: 3, firstContact: false, contacts: 2),
            Ticket("3", responseHours: 2, resolved: false, slaBreached: true),
            Ticket("4", responseHours: null, resolved: false),
            Ticket("5", responseHours: null, resolved: false, status: CrmCore.Tickets.TicketStatus.NoActionNeeded),
        ];

        var totals = _calculator.Compute(new KpiInput(tickets, [], []), May).Totals;

        Assert.Equal(5, totals.TicketCount);
        Assert.Equal(Duration.FromHours(2), totals.AverageFirstResponse);
        Assert.Equal(2.0 / 4, totals.FirstResponseWithinTargetRate!.Value, 10); // 1 h and 2 h meet 2 h; 3 h and unanswered 4 miss
        Assert.Equal(2.0 / 4, totals.ResolutionRate!.Value, 10);                // no-action ticket left out
        Assert.Equal(1.0 / 2, totals.FirstContactResolutionRate!.Value, 10);
        Assert.Equal(1.0 / 5, totals.RepeatContactRate!.Value, 10);
        Assert.Equal(3.0 / 5, totals.SlaBreachRate!.Value, 10);                 // 2 (late response), 3 (resolution), 4 (unanswered)
    }

    [Fact]
    public void Compute_ExplicitFirstResponseFlag_OverridesTheDefaultTarget()
    {
        var late = Ticket("1", responseHours: 3) with { FirstResponseWithinTarget = true };
        var early = Ticket("2", responseHours: 0.1) with { FirstResponseWithinTarget = false };

        var totals = _calculator.Compute(new KpiInput([late, early], [], []), May).Totals;

        Assert.Equal(0.5, totals.FirstResponseWithinTargetRate);
        Assert.Equal(0.5, totals.SlaBreachRate);
    }

    [Fact]
    public void Compute_TicketRaisedLateOnLastDayUtc_CountsInNextMonthOfTheZone()
    {
        var lateApril = Ticket("1", raised: Instant.FromUtc(2024, 4, 30, 17, 0)); // 01:00 on 1 May in Shanghai

        var may = _calculator.Compute(new KpiInput([lateApril], [], []), May);
        var april = _calculator.Compute(new KpiInput([lateApril], [], []), new YearMonth(2024, 4));

        Assert.Equal(1, may.Totals.TicketCount);
        Assert.Equal(0, april.Totals.TicketCount);
    }

    [Fact]
    public void Compute_Surveys_GiveCsatAndNpsSlicedThroughTheirTicket()
    {
        var input = new KpiInput(
            [Ticket("1", team: "T1"), Ticket("2", team: "T2")],
            [Survey("1", 5, nps: 10), Survey("2", 3, nps: 5), Survey("9", 4)],
            []);

        var snapshot = _calculator.Compute(input, May);

        Assert.Equal(4.0, snapshot.Totals.CsatAverage!.Value, 10);
        Assert.Equal(0.0, snapshot.Totals.Nps!.Value, 10);
        var byTeam = snapshot.SlicesBy(KpiDimension.Team).ToDictionary(s => s.Key, s => s.Kpis);
        Assert.Equal(5.0, byTeam["T1"].CsatAverage);
        Assert.Equal(3.0, byTeam["T2"].CsatAverage);
        Assert.Equal(4.0, byTeam[""].CsatAverage); // survey of an unknown ticket
    }

    [Fact]
    public void Compute_Customers_GivesMonthlyChurnRate()
    {
        var input = new KpiInput([], [], [
            Customer("C1", new LocalDate(2023, 1, 1)),
            Customer("C2", new LocalDate(2023, 1, 1), lost: new LocalDate(2024, 5, 20), tier: "C"),
            Customer("C3", new LocalDate(2023, 1, 1), lost: new LocalDate(2024, 4, 30)),   // lost before May
            Customer("C4", new LocalDate(2024, 5, 2)),                                      // joined during May
            Customer("C5", new LocalDate(2024, 4, 30), lost: new LocalDate(2024, 5, 1)),
        ]);

        var snapshot = _calculator.Compute(input, May);

        Assert.Equal(3, snapshot.Totals.CustomersAtStart);
        Assert.Equal(2, snapshot.Totals.CustomersLost);
        Assert.Equal(2.0 / 3, snapshot.Totals.ChurnRate!.Value, 10);
        Assert.Equal(1.0, snapshot.SlicesBy(KpiDimension.Tier).Single(s => s.Key == "C").Kpis.ChurnRate);
    }

    [Fact]
    public void Compute_RangeOfMonths_SlicesByMonthAndPoolsChurn()
    {
        var input = new KpiInput(
            [Ticket("1", raised: Instant.FromUtc(2024, 4, 10, 0, 0)), Ticket("2"), Ticket("3")],
            [],
            [Customer("C1", new LocalDate(2023, 1, 1), lost: new LocalDate(2024, 5, 3)), Customer("C2", new LocalDate(2023, 1, 1))]);

        var snapshot = _calculator.Compute(input, new YearMonth(2024, 4), May);

        var months = snapshot.SlicesBy(KpiDimension.Month);
        Assert.Equal(["2024-04", "2024-05"], months.Select(m => m.Key));
        Assert.Equal([1, 2], months.Select(m => m.Kpis.TicketCount));
        Assert.Equal(4, snapshot.Totals.CustomersAtStart); // 2 in April + 2 in May
        Assert.Equal(0.25, snapshot.Totals.ChurnRate);
    }

    [Fact]
    public void Compute_EmptyInput_ReturnsNullRates()
    {
        var totals = _calculator.Compute(KpiInput.Empty, May).Totals;

        Assert.Null(totals.ResolutionRate);
        Assert.Null(totals.AverageFirstResponse);
        Assert.Null(totals.ChurnRate);
        Assert.Null(totals.Value(KpiKind.CsatAverage));
    }

    [Fact]
    public void Compute_InvalidRecords_ThrowsListingEveryProblem()
    {
        var bad = Ticket("1") with { ContactCount = 0, FirstResponseAt = At(1) };
        var badCustomer = Customer("C1", new LocalDate(2024, 5, 1), lost: new LocalDate(2024, 4, 1));

        var error = Assert.Throws<ArgumentException>(() => _calculator.Compute(new KpiInput([bad], [], [badCustomer]), May));

        Assert.Contains("ContactCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("FirstResponseAt", error.Message, StringComparison.Ordinal);
        Assert.Contains("LostOn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_DuplicateIds_ThrowsNamingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => _calculator.Compute(
            new KpiInput([Ticket("1"), Ticket("1"), Ticket("2")], [], [Customer("C1", new LocalDate(2024, 1, 1)), Customer("C1", new LocalDate(2024, 1, 1))]),
            May));

        Assert.Contains("Ticket 1 appears 2 times", error.Message, StringComparison.Ordinal);
        Assert.Contains("Customer C1 appears 2 times", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ReversedRange_Throws()
    {
        Assert.Throws<ArgumentException>(() => _calculator.Compute(KpiInput.Empty, May, new YearMonth(2024, 4)));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new MetricsOptions { FirstResponseTarget = Duration.Zero };

        Assert.Throws<ArgumentException>(() => new KpiCalculator(options));
    }

    private static readonly Gen<ServiceRecord> TicketGen =
        from team in Gen.Elements("T1", "T2", "")
        from agent in Gen.Elements("a1", "a2", "a3")
        from tier in Gen.Elements("A", "B", "C")
        from region in Gen.Elements("East", "West")
        from hour in Gen.Choose(0, 24 * 60)
        from response in Gen.Choose(-1, 400)
        from flags in Gen.Choose(0, 15)
        from contacts in Gen.Choose(1, 3)
        select new ServiceRecord
        {
            TicketId = "T" + hour.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CustomerId = "C1",
            Team = team,
            Agent = agent,
            Tier = tier,
            Region = region,
            RaisedAt = Instant.FromUtc(2024, 4, 15, 0, 0) + Duration.FromHours(hour),
            FirstResponseAt = response < 0 ? null : Instant.FromUtc(2024, 4, 15, 0, 0) + Duration.FromHours(hour) + Duration.FromMinutes(response),
            ResolvedAt = (flags & 1) != 0 ? Instant.FromUtc(2024, 4, 15, 0, 0) + Duration.FromHours(hour + 5) : null,
            ResolvedOnFirstContact = (flags & 2) != 0,
            ResolutionSlaBreached = (flags & 4) != 0,
            Status = (flags & 8) != 0 ? CrmCore.Tickets.TicketStatus.NoActionNeeded : CrmCore.Tickets.TicketStatus.Closed,
            ContactCount = contacts,
        };

    private static readonly Gen<CustomerLifecycle> CustomerGen =
        from start in Gen.Choose(0, 120)
        from lostAfter in Gen.Choose(-1, 120)
        from tier in Gen.Elements("A", "B", "C")
        from team in Gen.Elements("T1", "T2")
        select Customer("C" + start.ToString(System.Globalization.CultureInfo.InvariantCulture), new LocalDate(2024, 3, 1).PlusDays(start),
            lostAfter < 0 ? null : new LocalDate(2024, 3, 1).PlusDays(start + lostAfter), tier, team);

    [Property(MaxTest = 50)]
    public Property Compute_AnyData_SliceCountsOfEveryDimensionAddUpToTotals() =>
        Prop.ForAll(
            TicketGen.ListOf().ToArbitrary(),
            CustomerGen.ListOf().ToArbitrary(),
            Gen.Choose(1, 5).ListOf().ToArbitrary(),
            (generatedTickets, generatedCustomers, csats) =>
            {
                var tickets = Unique(generatedTickets);
                var customers = generatedCustomers.Select((c, i) => c with { CustomerId = "C" + i }).ToList();
                var surveys = csats.Select((c, i) => Survey(i < tickets.Count ? tickets[i].TicketId : "X", c, nps: c * 2, answered: Instant.FromUtc(2024, 5, 2, 0, 0)));
                var snapshot = _calculator.Compute(new KpiInput(tickets, [.. surveys], customers), new YearMonth(2024, 4), new YearMonth(2024, 6));
                return snapshot.Slices.Values.All(slices =>
                    slices.Aggregate(ServiceKpis.Empty, (sum, s) => sum + s.Kpis) == snapshot.Totals);
            });

    [Property(MaxTest = 50)]
    public Property Compute_AnyTickets_RatesAreFractions() =>
        Prop.ForAll(
            TicketGen.ListOf().ToArbitrary(),
            tickets =>
            {
                var totals = _calculator.Compute(new KpiInput(Unique(tickets), [], []), new YearMonth(2024, 4), new YearMonth(2024, 6)).Totals;
                KpiKind[] rates = [KpiKind.FirstResponseWithinTarget, KpiKind.FirstContactResolution, KpiKind.ResolutionRate, KpiKind.RepeatContactRate, KpiKind.SlaBreachRate];
                return totals.TicketCount == tickets.Count && rates.All(k => totals.Value(k) is null or (>= 0 and <= 1));
            });

    [Property(MaxTest = 50)]
    public Property Compute_AnyTickets_EachSlaMetricsBreachRateBoundsTheCombinedOne() =>
        Prop.ForAll(
            TicketGen.ListOf().ToArbitrary(),
            tickets =>
            {
                var totals = _calculator.Compute(new KpiInput(Unique(tickets), [], []), new YearMonth(2024, 4), new YearMonth(2024, 6)).Totals;
                return totals.TicketCount == 0
                    || (totals.FirstResponseMissedCount <= totals.SlaBreachedCount
                        && totals.ResolutionSlaBreachedCount <= totals.SlaBreachedCount
                        && totals.SlaBreachedCount <= totals.FirstResponseMissedCount + totals.ResolutionSlaBreachedCount);
            });

    private static List<ServiceRecord> Unique(IEnumerable<ServiceRecord> tickets) =>
        tickets.Select((t, i) => t with { TicketId = "T" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
}
