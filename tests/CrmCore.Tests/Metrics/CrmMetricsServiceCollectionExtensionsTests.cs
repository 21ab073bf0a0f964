using CrmCore.Churn;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Metrics;

public class CrmMetricsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCrmMetrics_Defaults_ResolvesEveryService()
    {
        using var provider = new ServiceCollection().AddCrmMetrics().BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
        Assert.NotNull(provider.GetRequiredService<SurveyCollector>());
        Assert.NotNull(provider.GetRequiredService<SatisfactionAnalyzer>());
        Assert.NotNull(provider.GetRequiredService<KpiCalculator>());
        Assert.NotNull(provider.GetRequiredService<MonthlyReportBuilder>());
        Assert.NotNull(provider.GetRequiredService<ChurnScorer>());
        Assert.NotNull(provider.GetRequiredService<CrmMetrics>());
        Assert.IsType<InMemoryChurnHistory>(provider.GetRequiredService<IChurnHistory>());
        Assert.Same(provider.GetRequiredService<KpiCalculator>(), provider.GetRequiredService<KpiCalculator>());
    }

    [Fact]
    public void AddCrmMetrics_Configure_AppliesTheTargets()
    {
        using var provider = new ServiceCollection().AddCrmMetrics(o => o.Targets.MinResolutionRate = 0.95).BuildServiceProvider();

        Assert.Equal(0.95, provider.GetRequiredService<IOptions<MetricsOptions>>().Value.Targets.MinResolutionRate);
    }

    [Fact]
    public async Task AddCrmMetrics_InvalidOptions_FailOnStartListingEveryProblem()
    {
        var services = new ServiceCollection().AddCrmMetrics(o =>
        {
            o.Targets.MinResolutionRate = 90; // percent instead of a fraction
            o.MaxReasonsPerMiss = 0;
        });
        services.Configure<ChurnOptions>(o => o.HighThreshold = 101);
        using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAnyAsync<Exception>(
            () => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Contains("MinResolutionRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxReasonsPerMiss", error.Message, StringComparison.Ordinal);
        Assert.Contains("HighThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCrmMetrics_HostRegistrations_AreKept()
    {
        var clock = new FakeClock(Instant.FromUtc(2024, 5, 1, 0, 0));
        var history = new InMemoryChurnHistory();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<IChurnHistory>(history);
        services.AddCrmMetrics();
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();

        var assessment = provider.GetRequiredService<ChurnScorer>().Evaluate(new("C1"), []);

        Assert.Equal(clock.GetCurrentInstant(), assessment.EvaluatedAt);
        Assert.NotNull(history.GetLatest(new("C1")));
        Assert.Same(clock, provider.GetRequiredService<IClock>());
    }
}
