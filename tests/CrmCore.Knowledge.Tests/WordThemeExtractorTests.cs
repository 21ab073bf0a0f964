using CrmCore.Satisfaction;

namespace CrmCore.Knowledge.Tests;

public sealed class WordThemeExtractorTests
{
    private static readonly string[] Comments =
    [
        "客服响应慢，等了很久",
        "响应慢，而且问题没解决",
        "电话一直占线，响应慢",
        "问题还是没解决",
        "售后没解决我的问题，很失望",
        "The engineer was late and the issue is not fixed",
        "engineer late again",
        null!,
        "  ",
    ];

    [Fact]
    public void Extract_ThemesAreWords_NotCharacterGrams()
    {
        using var segmenter = new TextSegmenter();
        IFeedbackThemeExtractor extractor = new WordThemeExtractor(segmenter);

        var themes = extractor.Extract(Comments);

        var terms = themes.Select(t => t.Term).ToList();
        Assert.Contains("响应慢", terms);
        Assert.Contains("没解决", terms);
        Assert.Contains("engin late", terms);
        Assert.Equal(3, themes.Single(t => t.Term == "响应慢").Count);
        Assert.Equal(3, themes.Single(t => t.Term == "没解决").Count);
        Assert.DoesNotContain("响应", terms);
        Assert.DoesNotContain("应慢", terms);
        Assert.Equal(2, themes.Single(t => t.Term == "响应慢").Examples.Count);
    }

    [Fact]
    public void Extract_CharacterNgramExtractor_GivesFragmentsForTheSameComments()
    {
        var ngrams = new ThemeExtractor(new ThemeOptions()).Extract(Comments).Select(t => t.Term).ToList();
        using var segmenter = new TextSegmenter();
        var words = new WordThemeExtractor(segmenter).Extract(Comments).Select(t => t.Term).ToList();

        // The seam exists so the report can switch: the two extractors must not simply agree.
        Assert.NotEqual(ngrams, words);
    }
}
