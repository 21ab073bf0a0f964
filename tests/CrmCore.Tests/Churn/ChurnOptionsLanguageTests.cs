using System.Globalization;
using CrmCore.Churn;
using NodaTime;

namespace CrmCore.Tests.Churn;

/// <summary><see cref="ChurnOptions.Validate(CultureInfo?)"/> lists every problem in one language.</summary>
public sealed class ChurnOptionsLanguageTests
{
    private static readonly string[] English =
    [
        "Churn: MediumThreshold must be at least 1 and below HighThreshold (101), was 0.",
        "Churn: HighThreshold must be at most 100, was 101.",
        "Churn: FollowUpWithin must be positive, was -0:01:00:00.",
    ];

    private static readonly string[] Chinese =
    [
        "流失风险：“MediumThreshold”必须至少为 1 且低于 HighThreshold（101），实际为 0。",
        "流失风险：“HighThreshold”最多为 100，实际为 101。",
        "流失风险：“FollowUpWithin”必须为正数，实际为 -0:01:00:00。",
    ];

    private static ChurnOptions AllWrong() => new() { MediumThreshold = 0, HighThreshold = 101, FollowUpWithin = Duration.FromHours(-1) };

    [Theory]
    [InlineData("en-US", false)]
    [InlineData("fr-FR", false)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-CN", true)]
    public void Validate_WithACulture_ListsEveryProblemInThatOneLanguage(string culture, bool chinese)
    {
        Assert.Equal(chinese ? Chinese : English, AllWrong().Validate(CultureInfo.GetCultureInfo(culture)));
    }

    [Theory]
    [InlineData("zh-Hans", true)]
    [InlineData("en-US", false)]
    public void Validate_WithoutACulture_SpeaksTheCurrentUiCulture(string culture, bool chinese)
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
    public void Validate_AtTheEndsOfEachRange_HasNoProblem()
    {
        Assert.Empty(new ChurnOptions { MediumThreshold = 1, HighThreshold = 2, FollowUpWithin = Duration.Epsilon }.Validate(CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Empty(new ChurnOptions { MediumThreshold = 99, HighThreshold = 100 }.Validate(CultureInfo.GetCultureInfo("en-US")));
    }
}
