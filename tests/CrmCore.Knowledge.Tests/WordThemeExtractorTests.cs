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
        Assert.Contains("engineer late", terms); // the words as written, not the stems (engin late)
        Assert.Equal(3, themes.Single(t => t.Term == "响应慢").Count);
        Assert.Equal(3, themes.Single(t => t.Term == "没解决").Count);
        Assert.DoesNotContain("响应", terms);
        Assert.DoesNotContain("应慢", terms);
        Assert.Equal(2, themes.Single(t => t.Term == "响应慢").Examples.Count);
    }

    // The sample month's negative survey comments (samples/CrmCore.Samples.ServiceDesk/Data/SampleDataGenerator.cs) and those of
    // samples/data/surveys.csv, each answered by two customers.
    private static readonly string[] SampleComments =
    [
        "响应太慢，等了很久", "问题没有解决，响应太慢", "价格太贵", "客服态度一般，问题没有解决", "等了很久才有人处理", "Slow response, waited too long",
        "等待时间太长，回复也慢", "等待时间太长",
    ];

    [Fact]
    public void Extract_SampleComments_DegreeAdverbsAndCutWordsGiveNoArtefacts()
    {
        using var segmenter = new TextSegmenter();
        var extractor = new WordThemeExtractor(segmenter, new ThemeOptions { TopCount = 30 });

        var themes = extractor.Extract(SampleComments.Concat(SampleComments));

        var terms = themes.Select(t => t.Term).ToList();
        Assert.Equal(4, themes.Single(t => t.Term == "响应慢").Count);
        Assert.Equal(4, themes.Single(t => t.Term == "没解决").Count); // 没有解决 is read as 没解决
        Assert.Contains("价格贵", terms);
        Assert.Contains("客服态度", terms);
        Assert.Contains("等很久", terms);
        Assert.Contains("时间长", terms); // 等待 / 时间 / 太 / 长: 等待时间 says the same less well and is left out
        Assert.Contains("slow response", terms);
        Assert.Contains("waited long", terms);
        foreach (var artefact in new[] { "响应太", "太慢", "太贵", "服态度", "问题没", "慢等", "问题没有", "时间太", "wait too", "问题", "响应", "处理", "slow respons", "wait long" })
        {
            Assert.DoesNotContain(artefact, terms);
        }
    }

    [Fact]
    public void Extract_ThemeNeverSpansPunctuation()
    {
        using var segmenter = new TextSegmenter();
        var extractor = new WordThemeExtractor(segmenter, new ThemeOptions { MinDocumentFrequency = 1, TopCount = 30 });

        var terms = extractor.Extract(["账单金额有误，发票迟迟未到", "账单金额有误。发票迟迟未到"]).Select(t => t.Term).ToList();

        Assert.DoesNotContain(terms, t => t.Contains("有误发票", StringComparison.Ordinal) || t.Contains("误发票", StringComparison.Ordinal));
        Assert.Contains(terms, t => t.StartsWith("账单", StringComparison.Ordinal));
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

    [Fact]
    public void Extract_EnglishThemes_ShowTheMostFrequentWrittenFormNotTheStem()
    {
        // QA: the sample month listed "4. slow respons (177 comments)" and "5. wait long (177 comments)".
        using var segmenter = new TextSegmenter();
        var extractor = new WordThemeExtractor(segmenter);

        var terms = extractor.Extract(["Slow response, waited too long", "slow responses and waited long", "Slow response again"]).Select(t => t.Term).ToList();

        Assert.Contains("slow response", terms); // response twice, responses once
        Assert.Contains("waited long", terms);
        Assert.DoesNotContain(terms, t => t.Contains("respons ", StringComparison.Ordinal) || t.EndsWith("respons", StringComparison.Ordinal) || t.StartsWith("wait ", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_AWordAlone_IsATopicNotANegativeTheme()
    {
        // QA (zh-Hans sample month): "3. 处理 (24 条评论)": 等了很久才有人处理 complains about the wait, not the handling.
        using var segmenter = new TextSegmenter();
        var extractor = new WordThemeExtractor(segmenter, new ThemeOptions { TopCount = 30 });

        var themes = extractor.Extract(["等了很久才有人处理", "等了很久才有人处理", "响应太慢，等了很久", "响应太慢，等了很久", "客服处理问题", "问题处理"]);

        var terms = themes.Select(t => t.Term).ToList();
        Assert.DoesNotContain("处理", terms);
        Assert.DoesNotContain("问题", terms);
        Assert.Contains("等很久", terms); // a phrase glued from single characters says what went wrong
    }
}
