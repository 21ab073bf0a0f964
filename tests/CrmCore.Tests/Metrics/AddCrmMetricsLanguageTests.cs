using System.Globalization;
using CrmCore.Churn;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore.Tests.Metrics;

/// <summary>
/// The start-up check of <c>AddCrmMetrics</c> speaks one language: every options type it validates (metrics, satisfaction with its
/// themes, churn) fails in the current UI culture, Chinese under zh-Hans, English otherwise.
/// </summary>
public sealed class AddCrmMetricsLanguageTests
{
    private static readonly string[] English =
    [
        "Metrics: MaxReasonsPerMiss must be from 1 to 10, was 0.",
        "Satisfaction: LowScoreThreshold must be from 1 to 4, was 0.",
        "Themes: TopCount must be from 1 to 100, was 0.",
        "Churn: HighThreshold must be at most 100, was 101.",
    ];

    private static readonly string[] Chinese =
    [
        "指标：“MaxReasonsPerMiss”必须在 1 到 10 之间，实际为 0。",
        "满意度：“LowScoreThreshold”必须在 1 到 4 之间，实际为 0。",
        "主题：“TopCount”必须在 1 到 100 之间，实际为 0。",
        "流失风险：“HighThreshold”最多为 100，实际为 101。",
    ];

    // One bad value of each options type AddCrmMetrics validates.
    private static void Register(IServiceCollection services)
    {
        services.AddSingleton<IClock>(TestData.NewClock());
        services.AddCrmMetrics(o => o.MaxReasonsPerMiss = 0);
        services.Configure<SatisfactionOptions>(o =>
        {
            o.LowScoreThreshold = 0;
            o.Themes.TopCount = 0;
        });
        services.Configure<ChurnOptions>(o => o.HighThreshold = 101);
    }

    private static T WithUiCulture<T>(string culture, Func<T> action)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Theory]
    [InlineData("zh-Hans", true)]
    [InlineData("en-US", false)]
    public void OptionsValue_BadSatisfactionAndChurnOptions_FailInTheUiCulture(string culture, bool chinese)
    {
        var expected = chinese ? Chinese : English;
        var services = new ServiceCollection();
        Register(services);
        using var provider = services.BuildServiceProvider();

        var satisfaction = WithUiCulture(culture, () =>
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SatisfactionOptions>>().Value));
        var churn = WithUiCulture(culture, () =>
            Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChurnOptions>>().Value));

        Assert.Equal(expected[1..3], satisfaction.Failures);
        Assert.Equal(expected[3..], churn.Failures);
        Assert.Contains(expected[1], satisfaction.Message, StringComparison.Ordinal);
        Assert.Contains(expected[3], churn.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-Hans", true)]
    [InlineData("en-US", false)]
    public async Task HostStart_OneBadValueOfEachOptionsType_FailsWithEveryProblemInTheUiCultureOnly(string culture, bool chinese)
    {
        var before = CultureInfo.CurrentUICulture;
        List<string> failures;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            failures = await StartAsync();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }

        Assert.Equal((chinese ? Chinese : English).Order(StringComparer.Ordinal), failures.Order(StringComparer.Ordinal));
    }

    // Starts a host with the registrations; returns the validation messages it failed with.
    private static async Task<List<string>> StartAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        Register(builder.Services);
        using var host = builder.Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(CancellationToken.None));
        var all = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        return [.. all.Select(e => Assert.IsType<OptionsValidationException>(e)).SelectMany(e => e.Failures)];
    }
}
