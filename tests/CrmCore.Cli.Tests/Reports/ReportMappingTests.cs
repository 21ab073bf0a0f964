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

    [Property(MaxTest = 100)]
    public Property Map_BusinessMinutes_BecomeThatManyMinutesOfBusinessTime()
    {
        var gen = from whole in Gen.Choose(0, 100_000)
                  from hundredths in Gen.Choose(0, 99)
                  select whole + (hundredths / 100m);
        return Prop.ForAll(gen.ToArbitrary(), minutes =>
        {
            var row = new TicketRow { Id = "WT1", CustomerId = "C1", RaisedAt = Raised, FirstResponseAt = Raised + Duration.FromHours(1), FirstResponseBusinessMinutes = minutes };
            var mapped = MetricsMapper.Map("t.csv", [new SourceRow<TicketRow>(2, row)], null, [], []);
            var business = mapped.Input.Tickets.Single().FirstResponseBusinessTime!.Value;
            return mapped.Problems.Count == 0 && Math.Abs(business.TotalMinutes - (double)minutes) < 1e-6;
        });
    }

    [Fact]
    public void Map_NoBusinessMinutes_LeavesBusinessTimeUnset()
    {
        var row = new TicketRow { Id = "WT1", CustomerId = "C1", RaisedAt = Raised };
        var mapped = MetricsMapper.Map("t.csv", [new SourceRow<TicketRow>(2, row)], null, [], []);
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
