using CrmCore.Satisfaction;

namespace CrmCore.Tests.Satisfaction;

public class ThemeExtractorTests
{
    private static IReadOnlyList<FeedbackTheme> Extract(params string[] comments) => new ThemeExtractor(new ThemeOptions()).Extract(comments);

    [Fact]
    public void Extract_RepeatedChineseComplaints_FindsWholePhrasesByDocumentFrequency()
    {
        var themes = Extract(
            "响应太慢，等了很久", "响应太慢，等了很久", "响应太慢，等了很久", "价格太贵", "价格太贵了", "客服态度不好");

        Assert.Equal(["响应太慢", "等了很久", "价格太贵"], themes.Select(t => t.Term));
        Assert.Equal([3, 3, 2], themes.Select(t => t.Count));
    }

    [Fact]
    public void Extract_DifferentWordings_FindsTheSharedNgram()
    {
        var themes = Extract("发货速度太慢", "客服回复慢，发货速度一般", "希望提高发货速度");

        var top = themes[0];
        Assert.Equal("发货速度", top.Term);
        Assert.Equal(3, top.Count);
    }

    [Fact]
    public void Extract_TermRepeatedInOneComment_CountsTheCommentOnce()
    {
        var themes = Extract("太贵太贵太贵", "东西太贵");

        Assert.Equal(2, themes.Single(t => t.Term.Contains("太贵", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public void Extract_Examples_AreDistinctCommentsInInputOrder()
    {
        var options = new ThemeOptions { ExamplesPerTheme = 2 };
        var themes = new ThemeExtractor(options).Extract(["价格太贵", "价格太贵", "价格太贵，不划算", "价格太贵!!"]);

        Assert.Equal(["价格太贵", "价格太贵，不划算"], themes[0].Examples);
    }

    [Fact]
    public void Extract_LatinText_UsesLowerCaseWordsWithoutStopWords()
    {
        var themes = Extract("The delivery was too slow", "Slow delivery again", "delivery is late");

        Assert.Equal("delivery", themes[0].Term);
        Assert.Equal(3, themes[0].Count);
        Assert.Equal("slow", themes[1].Term);
        Assert.DoesNotContain(themes, t => t.Term is "the" or "too" or "was");
    }

    [Fact]
    public void Extract_StopCharacterAtTheEdge_IsNotATheme()
    {
        var themes = Extract("我的问题", "我的订单");

        Assert.DoesNotContain(themes, t => t.Term.StartsWith('我') || t.Term.EndsWith('的'));
    }

    [Fact]
    public void Extract_TopCount_LimitsTheResult()
    {
        var options = new ThemeOptions { TopCount = 1 };

        var themes = new ThemeExtractor(options).Extract(["价格太贵", "价格太贵", "物流很慢", "物流很慢", "物流很慢"]);

        Assert.Equal("物流很慢", Assert.Single(themes).Term);
    }

    [Fact]
    public void Extract_EmptyOrSingleComments_ReturnsNothing()
    {
        Assert.Empty(Extract());
        Assert.Empty(Extract("", "   ", "只有一条评论"));
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ThemeExtractor(new ThemeOptions { MinGramLength = 0 }));
    }
}
