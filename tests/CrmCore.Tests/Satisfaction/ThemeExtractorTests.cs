using CrmCore.Satisfaction;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

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
    public void Extract_LatinWordInsideAnother_IsKeptAsItsOwnWord()
    {
        var themes = Extract("refund slowly", "refund slowly", "slow refund", "slow refund");

        Assert.Contains(themes, t => t.Term == "slow" && t.Count == 2);
        Assert.Contains(themes, t => t.Term == "slowly" && t.Count == 2);
        Assert.Contains(themes, t => t.Term == "refund" && t.Count == 4);
    }

    [Fact]
    public void Extract_ManyComments_KeepsTheDocumentFrequencies()
    {
        var comments = Enumerable.Range(0, 400).Select(i => i % 4 == 0 ? "退款流程太复杂, #" + i : "物流太慢了! #" + i).ToList();

        var themes = Extract([.. comments]);

        Assert.Equal(("物流太慢", 300), (themes[0].Term, themes[0].Count));
        Assert.Equal(("退款流程太复杂", 100), (themes[1].Term, themes[1].Count));
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

    [Property(MaxTest = 60)]
    public Property Extract_AnyChineseComments_ThemesAreFrequentSharedAndCountedByDocument() =>
        Prop.ForAll(
            Gen.Elements("响应太慢", "价格太贵", "等了很久", "态度不好", "，", "物流", "退款").ListOf().Select(parts => string.Concat(parts)).ListOf().ToArbitrary(),
            comments =>
            {
                var themes = new ThemeExtractor(new ThemeOptions()).Extract(comments);
                return themes.Count <= 5 && themes.All(t =>
                    t.Count >= 2
                    && t.Count == comments.Count(c => c.Contains(t.Term, StringComparison.Ordinal))
                    && t.Examples.All(e => e.Contains(t.Term, StringComparison.Ordinal)))
                    && themes.Zip(themes.Skip(1)).All(p => p.First.Count >= p.Second.Count);
            });
}
