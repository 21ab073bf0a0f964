using System.Globalization;
using CrmCore.Churn;
using CrmCore.Customers;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using static CrmCore.Tests.Metrics.KpiTestData;

namespace CrmCore.Tests.Metrics;

public class MonthlyReportTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    internal static MonthlyReport Report()
    {
        var risk = new ChurnAssessment
        {
            Customer = new CustomerId("C202405001"),
            EvaluatedAt = At(28),
            Score = 85,
            Band = ChurnBand.High,
            PreviousScore = 60,
            PreviousBand = ChurnBand.Medium,
            FollowUpDue = At(29),
            Factors =
            [
                new ChurnFactor("ComplaintSpike", 45, "Complaints doubled over the last 2 months", "近2个月投诉量翻倍"),
                new ChurnFactor("ContractEnding", 40, "Contract ends within 30 days"),
            ],
        };
        return new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions())
            .Build(MonthlyReportBuilderTests.MissedResolution(), May, [risk]);
    }

    [Fact]
    public void ToText_English_ShowsMissWithReasonsThemesAndRisks()
    {
        var text = Report().ToText(English);

        Assert.Contains("Monthly service report 2024-05 (Asia/Shanghai)", text, StringComparison.Ordinal);
        Assert.Contains("[MISS] resolution rate 85% < 90%: team X 70%, agent x1 70%, tier C 66.7%\n", text, StringComparison.Ordinal);
        Assert.Contains("[OK] churn rate 4% ≤ 5%", text, StringComparison.Ordinal);
        Assert.Contains("[MISS] CSAT average 3.80 < 4.50: team X 1.40", text, StringComparison.Ordinal);
        Assert.Contains("1. 响应太慢 (3 comments)", text, StringComparison.Ordinal);
        Assert.Contains("C202405001 score 85 (change +25): Complaints doubled over the last 2 months (+45), Contract ends within 30 days (+40)", text, StringComparison.Ordinal);
        Assert.Contains("\n  2 of 4 targets missed: resolution rate, CSAT average.\n", text, StringComparison.Ordinal);
        Assert.Contains("    supervisor call due: 2024-05-29 10:00\n", text, StringComparison.Ordinal); // 02:00 UTC in Shanghai
    }

    [Fact]
    public void ToText_Chinese_UsesChineseLabelsAndReasons()
    {
        var text = Report().ToText(Chinese);

        Assert.Contains("月度服务报告 2024-05", text, StringComparison.Ordinal);
        Assert.Contains("[未达标] 问题解决率 85% < 90%：团队 X 70%，客服 x1 70%，客户等级 C 66.7%\n", text, StringComparison.Ordinal);
        Assert.Contains("近2个月投诉量翻倍 (+45)", text, StringComparison.Ordinal);
        Assert.Contains("Contract ends within 30 days (+40)", text, StringComparison.Ordinal); // no Chinese text given: English
        Assert.DoesNotContain("resolution rate", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_DimensionScores_AreListedByLocalizedName()
    {
        var survey = new SurveyResponse(new("X0"), new("CX0"), At(12), new CsatScore(2),
            dimensionScores: new Dictionary<SatisfactionDimension, int> { [SatisfactionDimension.ResponseSpeed] = 1, [SatisfactionDimension.Price] = 4 });
        var input = MonthlyReportBuilderTests.MissedResolution() with { Surveys = [survey] };
        var report = new MonthlyReportBuilder(new MetricsOptions(), new SatisfactionOptions()).Build(input, May);

        Assert.Contains("  response speed: 1.00\n", report.ToText(English), StringComparison.Ordinal);
        Assert.Contains("  价格：4.00\n", report.ToText(Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void ToText_CsatDistribution_ListsEveryScore()
    {
        var lines = Report().ToText(English).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("  5 | ", StringComparison.Ordinal) && l.EndsWith(" 10", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  3 | ", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportLabels_EveryKey_HasEnglishAndChinese()
    {
        var english = ReportLabels.For(English);
        var chinese = ReportLabels.For(Chinese);

        Assert.All(ReportLabels.Keys, key =>
        {
            Assert.False(string.IsNullOrWhiteSpace(english[key]));
            Assert.False(string.IsNullOrWhiteSpace(chinese[key]));
        });
        Assert.All(Enum.GetValues<KpiKind>(), k => Assert.NotEqual(english.Kpi(k), chinese.Kpi(k)));
        Assert.All(new SatisfactionOptions().Dimensions, d => Assert.NotEqual(english.SatisfactionDimension(d), chinese.SatisfactionDimension(d)));
        Assert.Equal("Team", chinese.SatisfactionDimension(new SatisfactionDimension("Team"))); // a host's own dimension keeps its code
    }
}
