using CrmCore.Metrics;
using NodaTime;

namespace CrmCore.Tests.Metrics;

public class ReportTargetsTests
{
    [Fact]
    public void Defaults_FollowDocument001()
    {
        var targets = new ReportTargets();

        Assert.Empty(targets.Validate());
        Assert.Equal(new KpiTarget(KpiKind.AverageFirstResponse, 2, LowerIsBetter: true), targets.For(KpiKind.AverageFirstResponse));
        Assert.Equal(new KpiTarget(KpiKind.ResolutionRate, 0.9, LowerIsBetter: false), targets.For(KpiKind.ResolutionRate));
        Assert.Equal(new KpiTarget(KpiKind.CsatAverage, 4.5, LowerIsBetter: false), targets.For(KpiKind.CsatAverage));
        Assert.Equal(new KpiTarget(KpiKind.ChurnRate, 0.05, LowerIsBetter: true), targets.For(KpiKind.ChurnRate));
        Assert.Null(targets.For(KpiKind.Nps));
    }

    [Fact]
    public void Validate_EveryOutOfRangeValue_IsListed()
    {
        var targets = new ReportTargets
        {
            MaxAverageFirstResponse = Duration.Zero,
            MinFirstResponseWithinTarget = -0.1,
            MinFirstContactResolution = 1.1,
            MinResolutionRate = 90,
            MaxRepeatContactRate = double.NaN,
            MaxSlaBreachRate = 2,
            MinCsatAverage = 6,
            MinNps = -101,
            MaxChurnRate = 5,
        };

        Assert.Equal(9, targets.Validate().Count);
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(0.95, true)]
    [InlineData(0.89, false)]
    public void KpiTarget_Floor_IsMetAtOrAboveTheLimit(double actual, bool met)
    {
        var target = new KpiTarget(KpiKind.ResolutionRate, 0.9, LowerIsBetter: false);

        Assert.Equal(met, target.IsMetBy(actual));
        Assert.Equal(met ? 0 : 0.9 - actual, target.Shortfall(actual), 10);
    }

    [Theory]
    [InlineData(0.05, true)]
    [InlineData(0.07, false)]
    public void KpiTarget_Ceiling_IsMetAtOrBelowTheLimit(double actual, bool met)
    {
        var target = new KpiTarget(KpiKind.ChurnRate, 0.05, LowerIsBetter: true);

        Assert.Equal(met, target.IsMetBy(actual));
        Assert.Equal(met ? 0 : actual - 0.05, target.Shortfall(actual), 10);
    }
}
