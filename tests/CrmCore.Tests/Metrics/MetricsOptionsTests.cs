using CrmCore.Metrics;
using NodaTime;

namespace CrmCore.Tests.Metrics;

public class MetricsOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new MetricsOptions();

        Assert.Empty(options.Validate());
        Assert.Equal("Asia/Shanghai", options.TimeZone.Id);
        Assert.Equal(Duration.FromHours(2), options.FirstResponseTarget);
    }

    [Fact]
    public void Validate_IncludesTargetProblems()
    {
        var options = new MetricsOptions { FirstResponseTarget = Duration.FromHours(-1), MaxReasonsPerMiss = 11, MaxHighRiskCustomers = -1 };
        options.Targets.MinCsatAverage = 0;

        var problems = options.Validate();

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("MinCsatAverage", StringComparison.Ordinal));
    }
}
