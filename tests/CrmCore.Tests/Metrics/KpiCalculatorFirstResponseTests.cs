using System.Globalization;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using NodaTime;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public class KpiCalculatorFirstResponseTests
{
    private readonly KpiCalculator _calculator = new(new MetricsOptions());

    [Fact]
    public void Compute_BusinessTimeGiven_AveragesAndJudgesBusinessTimeNotWallTime()
    {
        // Raised before a holiday: 50 wall-clock hours but only 1.5 business hours.
        var overHoliday = Ticket("1", responseHours: 50) with { FirstResponseBusinessTime = Duration.FromMinutes(90) };
        var sameDay = Ticket("2", responseHours: 3) with { FirstResponseBusinessTime = Duration.FromMinutes(150) };

        var totals = _calculator.Compute(new KpiInput([overHoliday, sameDay], [], []), May).Totals;

        Assert.Equal(Duration.FromMinutes(120), totals.AverageFirstResponse);
        Assert.Equal(0.5, totals.FirstResponseWithinTargetRate);
        Assert.Equal(FirstResponseClock.BusinessHours, totals.FirstResponseClock);
    }

    [Fact]
    public void Compute_NoBusinessTime_FallsBackToWallClock()
    {
        var totals = _calculator.Compute(new KpiInput([Ticket("1", responseHours: 50)], [], []), May).Totals;

        Assert.Equal(Duration.FromHours(50), totals.AverageFirstResponse);
        Assert.Equal(0.0, totals.FirstResponseWithinTargetRate);
        Assert.Equal(FirstResponseClock.WallClock, totals.FirstResponseClock);
    }

    [Fact]
    public void Compute_SomeTicketsWithBusinessTime_ReportsMixedClock()
    {
        var business = Ticket("1", responseHours: 5) with { FirstResponseBusinessTime = Duration.FromHours(1) };

        var totals = _calculator.Compute(new KpiInput([business, Ticket("2", responseHours: 1)], [], []), May).Totals;

        Assert.Equal(1, totals.RespondedInBusinessTimeCount);
        Assert.Equal(FirstResponseClock.Mixed, totals.FirstResponseClock);
        Assert.Equal(FirstResponseClock.BusinessHours, totals.HeadlineFirstResponseClock);
        Assert.Equal(1.0, totals.Value(KpiKind.AverageFirstResponse)); // the business-hours ticket only, never 5 h and 1 h mixed
        Assert.Equal(1, totals.SampleSize(KpiKind.AverageFirstResponse));
        Assert.Equal(Duration.FromHours(3), totals.AverageFirstResponseWallClock);
    }

    [Theory]
    [InlineData("en", "average first response (business hours) 1 h", "first response within target 100%")]
    [InlineData("zh-Hans", "平均首次响应时间（工作时间） 1 小时", "首次响应达标率 100%")]
    public void Report_BusinessTime_LabelsTheFirstResponseClock(string culture, string average, string within)
    {
        var ticket = Ticket("1", responseHours: 30) with { FirstResponseBusinessTime = Duration.FromHours(1) };
        var options = new MetricsOptions();
        options.Targets.MinFirstResponseWithinTarget = 0.9;
        var report = new MonthlyReportBuilder(options, new SatisfactionOptions())
            .Build(new KpiInput([ticket], [], []), May);

        var text = report.ToText(CultureInfo.GetCultureInfo(culture));

        Assert.Contains(average, text, StringComparison.Ordinal);
        Assert.Contains(within, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WallClock_SaysWallClock()
    {
        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions())
            .Build(new KpiInput([Ticket("1", responseHours: 1)], [], []), May);

        Assert.Contains("average first response (wall clock)", report.ToText(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("平均首次响应时间（自然时间）", report.ToText(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_UnansweredPastTargetAtPeriodEnd_CountsAsMiss()
    {
        var answered = Ticket("1", responseHours: 1);
        var unanswered = Ticket("2", responseHours: null, resolved: false);

        var totals = _calculator.Compute(new KpiInput([answered, unanswered], [], []), May).Totals;

        Assert.Equal(2, totals.FirstResponseJudgedCount);
        Assert.Equal(0.5, totals.FirstResponseWithinTargetRate);
        Assert.Equal(0.5, totals.SlaBreachRate);
        Assert.Equal(1, totals.RespondedCount);
    }

    [Fact]
    public void Compute_UnansweredYoungerThanTargetAsOfExport_IsNotYetJudged()
    {
        var raised = At(10, hour: 2);
        var unanswered = Ticket("2", raised: raised, responseHours: null, resolved: false);
        var input = new KpiInput([Ticket("1", responseHours: 1), unanswered], [], []) { AsOf = raised + Duration.FromHours(1) };

        var totals = _calculator.Compute(input, May).Totals;

        Assert.Equal(1, totals.FirstResponseJudgedCount);
        Assert.Equal(1.0, totals.FirstResponseWithinTargetRate);
    }

    [Theory]
    [InlineData(1.5, 1)]   // 1.5 business hours elapsed so far: not yet late
    [InlineData(2.5, 0)]   // 2.5 business hours: a miss
    public void Compute_UnansweredWithBusinessTime_IsAgedInBusinessTime(double businessHours, int withinOrUnjudged)
    {
        var unanswered = Ticket("2", responseHours: null, resolved: false) with
        {
            FirstResponseBusinessTime = Duration.FromMinutes((long)(businessHours * 60)),
        };

        var totals = _calculator.Compute(new KpiInput([Ticket("1", responseHours: 1), unanswered], [], []), May).Totals;

        Assert.Equal(2 - withinOrUnjudged, totals.FirstResponseJudgedCount);
        Assert.Equal(1, totals.FirstResponseWithinTargetCount);
        Assert.Equal(1, totals.RespondedCount);
    }

    [Fact]
    public void Compute_UnansweredNoActionNeeded_IsNotJudged()
    {
        var noAction = Ticket("2", responseHours: null, resolved: false, status: CrmCore.Tickets.TicketStatus.NoActionNeeded);

        var totals = _calculator.Compute(new KpiInput([noAction], [], []), May).Totals;

        Assert.Equal(0, totals.FirstResponseJudgedCount);
        Assert.Equal(0, totals.SlaBreachedCount);
    }

    [Fact]
    public void Validate_NegativeBusinessTime_IsAProblem()
    {
        var ticket = Ticket("1") with { FirstResponseBusinessTime = Duration.FromMinutes(-1) };

        Assert.Contains(ticket.Validate(), p => p.Contains("FirstResponseBusinessTime", StringComparison.Ordinal));
    }
}
