using System.Globalization;
using CrmCore.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace CrmCore.Tests.Metrics;

public sealed class MetricsOptionsLanguageTests
{
    private static readonly string[] English =
    [
        "Metrics: TimeZone must be set.",
        "Metrics: FirstResponseTarget must be positive, was -0:01:00:00.",
        "Metrics: MaxReasonsPerMiss must be from 1 to 10, was 11.",
        "Metrics: MaxWorstAssetModels must be from 0 to 100, was 101.",
        "Metrics: MaxHighRiskCustomers must be from 0 to 100, was -1.",
        "Targets: 'MinCsatAverage' must be from 1 to 5, was 6.",
    ];

    private static readonly string[] Chinese =
    [
        "指标：必须设置“TimeZone”。",
        "指标：“FirstResponseTarget”必须为正数，实际为 -0:01:00:00。",
        "指标：“MaxReasonsPerMiss”必须在 1 到 10 之间，实际为 11。",
        "指标：“MaxWorstAssetModels”必须在 0 到 100 之间，实际为 101。",
        "指标：“MaxHighRiskCustomers”必须在 0 到 100 之间，实际为 -1。",
        "目标：“MinCsatAverage”必须在 1 到 5 之间，实际为 6。",
    ];

    // Every setting wrong at once, the targets included.
    private static MetricsOptions AllWrong()
    {
        var options = new MetricsOptions
        {
            TimeZone = null!,
            FirstResponseTarget = Duration.FromHours(-1),
            MaxReasonsPerMiss = 11,
            MaxWorstAssetModels = 101,
            MaxHighRiskCustomers = -1,
        };
        options.Targets.MinCsatAverage = 6;
        return options;
    }

    [Theory]
    [InlineData("en-US", false)]
    [InlineData("en-GB", false)]
    [InlineData("fr-FR", false)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-CN", true)]
    public void Validate_WithACulture_ListsEveryProblemInThatOneLanguage(string culture, bool chinese)
    {
        var problems = AllWrong().Validate(CultureInfo.GetCultureInfo(culture));

        Assert.Equal(chinese ? Chinese : English, problems);
    }

    [Theory]
    [InlineData("zh-Hans", true)]
    [InlineData("en-US", false)]
    public void Validate_WithoutACulture_SpeaksTheCurrentUiCultureForTheOptionsAndTheTargetsAlike(string culture, bool chinese)
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Assert.Equal(chinese ? Chinese : English, AllWrong().Validate());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Validate_NoTargets_SaysSoInTheCulturePassed()
    {
        var options = new MetricsOptions { Targets = null! };

        Assert.Equal(["Metrics: Targets must be set."], options.Validate(CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal(["指标：必须设置“Targets”。"], options.Validate(CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public void Validate_AtTheEndsOfEachRange_HasNoProblem()
    {
        foreach (var (reasons, models, customers) in new[] { (1, 0, 0), (10, 100, 100) })
        {
            var options = new MetricsOptions { MaxReasonsPerMiss = reasons, MaxWorstAssetModels = models, MaxHighRiskCustomers = customers };
            Assert.Empty(options.Validate(CultureInfo.GetCultureInfo("zh-Hans")));
        }
    }

    // A zh-Hans host that registers bad options sees one language in the start-up error.
    [Fact]
    public void AddCrmMetrics_BadOptionsUnderAChineseUiCulture_FailsAtStartInChineseOnly()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            using var provider = new ServiceCollection().AddCrmMetrics(o =>
            {
                o.MaxReasonsPerMiss = 0;
                o.Targets.MinNps = 101;
            }).BuildServiceProvider();

            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MetricsOptions>>().Value);

            Assert.Equal(["指标：“MaxReasonsPerMiss”必须在 1 到 10 之间，实际为 0。", "目标：“MinNps”必须在 -100 到 100 之间，实际为 101。"], error.Failures);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
