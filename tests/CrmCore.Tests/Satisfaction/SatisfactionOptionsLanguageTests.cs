using System.Globalization;
using CrmCore.Satisfaction;

namespace CrmCore.Tests.Satisfaction;

/// <summary><see cref="SatisfactionOptions.Validate(CultureInfo?)"/> and <see cref="ThemeOptions.Validate(CultureInfo?)"/> list every
/// problem in one language, the themes' problems included.</summary>
public sealed class SatisfactionOptionsLanguageTests
{
    private static readonly string[] English =
    [
        "Satisfaction: at least one dimension must be configured.",
        "Satisfaction: LowScoreThreshold must be from 1 to 4, was 5.",
        "Themes: TopCount must be from 1 to 100, was 0.",
    ];

    private static readonly string[] Chinese =
    [
        "满意度：必须至少配置一个维度。",
        "满意度：“LowScoreThreshold”必须在 1 到 4 之间，实际为 5。",
        "主题：“TopCount”必须在 1 到 100 之间，实际为 0。",
    ];

    private static readonly string[] EnglishThemes =
    [
        "Themes: MinGramLength must be from 1 to MaxGramLength (9), was 0.",
        "Themes: MaxGramLength must be at most 8, was 9.",
        "Themes: TopCount must be from 1 to 100, was 101.",
        "Themes: ExamplesPerTheme must be from 0 to 20, was -1.",
        "Themes: MinDocumentFrequency must be at least 1, was 0.",
    ];

    private static readonly string[] ChineseThemes =
    [
        "主题：“MinGramLength”必须在 1 到 MaxGramLength（9）之间，实际为 0。",
        "主题：“MaxGramLength”最多为 8，实际为 9。",
        "主题：“TopCount”必须在 1 到 100 之间，实际为 101。",
        "主题：“ExamplesPerTheme”必须在 0 到 20 之间，实际为 -1。",
        "主题：“MinDocumentFrequency”至少为 1，实际为 0。",
    ];

    private static SatisfactionOptions Wrong()
    {
        var options = new SatisfactionOptions { LowScoreThreshold = 5 };
        options.Dimensions.Clear();
        options.Themes.TopCount = 0;
        return options;
    }

    private static ThemeOptions AllThemesWrong() =>
        new() { MinGramLength = 0, MaxGramLength = 9, TopCount = 101, ExamplesPerTheme = -1, MinDocumentFrequency = 0 };

    [Theory]
    [InlineData("en-US", false)]
    [InlineData("fr-FR", false)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-CN", true)]
    public void Validate_WithACulture_ListsEveryProblemInThatOneLanguage(string culture, bool chinese)
    {
        var language = CultureInfo.GetCultureInfo(culture);

        Assert.Equal(chinese ? Chinese : English, Wrong().Validate(language));
        Assert.Equal(chinese ? ChineseThemes : EnglishThemes, AllThemesWrong().Validate(language));
    }

    [Fact]
    public void Validate_DefaultAndDuplicateDimensions_AreNamedInEitherLanguage()
    {
        var options = new SatisfactionOptions();
        options.Dimensions.Add(default);
        options.Dimensions.Add(SatisfactionDimension.Price);

        Assert.Equal(
            ["Satisfaction: a configured dimension is the default (empty) value.", "Satisfaction: a dimension is configured twice."],
            options.Validate(CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal(["满意度：配置的某个维度是默认（空）值。", "满意度：某个维度配置了两次。"], options.Validate(CultureInfo.GetCultureInfo("zh-Hans")));
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

            Assert.Equal(chinese ? Chinese : English, Wrong().Validate());
            Assert.Equal(chinese ? ChineseThemes : EnglishThemes, AllThemesWrong().Validate());
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Validate_AtTheEndsOfEachRange_HasNoProblem()
    {
        foreach (var (low, min, max, top, examples, frequency) in new[] { (1, 1, 1, 1, 0, 1), (4, 8, 8, 100, 20, int.MaxValue) })
        {
            var options = new SatisfactionOptions { LowScoreThreshold = low };
            options.Themes.MinGramLength = min;
            options.Themes.MaxGramLength = max;
            options.Themes.TopCount = top;
            options.Themes.ExamplesPerTheme = examples;
            options.Themes.MinDocumentFrequency = frequency;

            Assert.Empty(options.Validate(CultureInfo.GetCultureInfo("zh-Hans")));
        }
    }
}
