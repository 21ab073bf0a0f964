using System.Globalization;
using CrmCore.Cli.Input;
using CrmCore.Cli.Reports;
using CrmCore.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace CrmCore.Cli.Tests.Reports;

public sealed class ReportMappingTests
{
    private static readonly Instant Raised = Instant.FromUtc(2026, 2, 2, 1, 0);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Theory]
    [InlineData("en", "Ticket WT1: ResolvedAt 2026-02-02 08:30:00 (Asia/Shanghai) is before RaisedAt 2026-02-02 09:00:00 (Asia/Shanghai).")]
    [InlineData("zh-Hans", "工单 WT1：ResolvedAt（2026-02-02 08:30:00 (Asia/Shanghai)）早于 RaisedAt（2026-02-02 09:00:00 (Asia/Shanghai)）。")]
    public void Map_RecordTheMetricsRefuse_IsReportedInTheLanguageWithTimesInTheReportZone(string language, string expected)
    {
        // QA: CLI202's reason was the metrics package's English, with the times in UTC unnamed (2026-02-02T00:30:00Z), whatever --lang
        // and --time-zone said.
        var row = new TicketRow { Id = "WT1", CustomerId = "C1", RaisedAt = Raised, ResolvedAt = Raised - Duration.FromMinutes(30) };

        var mapped = MetricsMapper.Map("t.csv", [new SourceRow<TicketRow>(7, row)], null, [], [], CultureInfo.GetCultureInfo(language), Shanghai);

        var problem = Assert.Single(mapped.Problems);
        Assert.Equal(("t.csv", 7, "WT1"), (problem.Path, problem.Line, problem.Id));
        Assert.Equal(expected, problem.Reason.In(CrmCore.Cli.Localization.CliLanguage.English));
        Assert.Empty(mapped.Input.Tickets);
    }

    [Property(MaxTest = 100)]
    public Property Map_BusinessMinutes_BecomeThatManyMinutesOfBusinessTime()
    {
        var gen = from whole in Gen.Choose(0, 100_000)
                  from hundredths in Gen.Choose(0, 99)
                  select whole + (hundredths / 100m);
        return Prop.ForAll(gen.ToArbitrary(), minutes =>
        {
            var row = new TicketRow { Id = "WT1", CustomerId = "C1", RaisedAt = Raised, FirstResponseAt = Raised + Duration.FromHours(1), FirstResponseBusinessMinutes = minutes };
            var mapped = MetricsMapper.Map("t.csv", [new SourceRow<TicketRow>(2, row)], null, [], [], English, Shanghai);
            var business = mapped.Input.Tickets.Single().FirstResponseBusinessTime!.Value;
            return mapped.Problems.Count == 0 && Math.Abs(business.TotalMinutes - (double)minutes) < 1e-6;
        });
    }

    [Fact]
    public void Map_NoBusinessMinutes_LeavesBusinessTimeUnset()
    {
        var row = new TicketRow { Id = "WT1", CustomerId = "C1", RaisedAt = Raised };
        var mapped = MetricsMapper.Map("t.csv", [new SourceRow<TicketRow>(2, row)], null, [], [], English, Shanghai);
        Assert.Null(mapped.Input.Tickets.Single().FirstResponseBusinessTime);
    }

    [Fact]
    public void Factors_ChurnReasons_KeepRulePointsAndBothLanguages()
    {
        var evaluation = new CustomerEvaluation
        {
            ChurnRiskReasons =
            [
                new ScoredReason("Low satisfaction", 20m, "ChurnRisk", "LowCsat") { ReasonZhHans = "满意度偏低" },
                new ScoredReason("Unresolved complaints", 12.5m, "ChurnRisk", "UnresolvedComplaints"),
            ],
        };
        var factors = ReportChurn.Factors(evaluation);
        Assert.Equal(["LowCsat", "UnresolvedComplaints"], factors.Select(f => f.Name));
        Assert.Equal([20d, 12.5d], factors.Select(f => f.Points));
        Assert.Equal("满意度偏低", factors[0].ReasonZhHans);
        Assert.Null(factors[1].ReasonZhHans);
        Assert.Equal("Unresolved complaints", factors[1].Reason);
    }
}
