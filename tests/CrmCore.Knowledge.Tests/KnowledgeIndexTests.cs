using CrmCore.Tickets;

namespace CrmCore.Knowledge.Tests;

public sealed class KnowledgeIndexTests
{
    private static readonly KnowledgeArticle Jam = new(new ArticleId("KB-1"), "打印机频繁卡纸的处理方法", "关闭电源，取出残留纸张，检查搓纸轮。") { TicketTypes = [TicketType.Fault], Tags = ["打印机"] };
    private static readonly KnowledgeArticle Login = new(new ArticleId("KB-2"), "Cannot log in: wrong password", "After five failed attempts the account is locked.") { TicketTypes = [TicketType.Fault] };
    private static readonly KnowledgeArticle Invoice = new(new ArticleId("KB-3"), "如何申请增值税发票", "在订单详情页申请开票，电子发票发送到邮箱。") { TicketTypes = [TicketType.Consultation] };

    [Fact]
    public void Suggest_ChineseAndEnglish_FindTheMatchingArticle()
    {
        using var index = NewIndex();

        Assert.Equal("KB-1", index.Suggest(TicketType.Fault, "打印机卡纸了")[0].Article.Value);
        Assert.Equal("KB-2", index.Suggest(TicketType.Fault, "I cannot log in, my password fails")[0].Article.Value);
        Assert.Equal("KB-3", index.Suggest(null, "电子发票没收到")[0].Article.Value);
        Assert.Empty(index.Suggest(TicketType.Fault, "   "));
        Assert.Empty(index.Suggest(TicketType.Fault, "量子纠缠"));
    }

    [Fact]
    public void Upsert_ChangedArticle_IsFoundByItsNewText_AndRemoveDropsIt()
    {
        using var index = NewIndex();
        Assert.DoesNotContain(index.Suggest(null, "扫描仪无法连接"), s => s.Article == Jam.Id);

        index.Upsert(new KnowledgeArticle(Jam.Id, "打印机和扫描仪常见故障", "扫描仪无法连接时检查USB线。") { TicketTypes = [TicketType.Fault] });

        Assert.Equal(Jam.Id, index.Suggest(null, "扫描仪无法连接")[0].Article);
        Assert.Equal(3, index.Count);
        Assert.True(index.Remove(Jam.Id));
        Assert.False(index.Remove(Jam.Id));
        Assert.DoesNotContain(index.Suggest(null, "扫描仪无法连接"), s => s.Article == Jam.Id);
    }

    [Fact]
    public void MarkSolved_ArticleRanksHigherForSimilarTickets_AndSurvivesAnEdit()
    {
        using var index = NewIndex();
        const string ticket = "客户端登录后提示会话过期";
        Assert.DoesNotContain(index.Suggest(TicketType.Fault, ticket), s => s.Article == Login.Id);

        index.MarkSolved(Login.Id, TicketType.Fault, ticket);
        var after = index.Suggest(TicketType.Fault, "登录提示会话过期怎么办");
        index.Upsert(new KnowledgeArticle(Login.Id, "Cannot log in", "Reset the password.") { TicketTypes = [TicketType.Fault] });
        var afterEdit = index.Suggest(TicketType.Fault, "登录提示会话过期怎么办");

        Assert.Equal((Login.Id, 1), (after[0].Article, after[0].SolvedCount));
        Assert.Equal((Login.Id, 1), (afterEdit[0].Article, afterEdit[0].SolvedCount));
        Assert.Throws<KeyNotFoundException>(() => index.MarkSolved(new ArticleId("KB-404"), null, ticket));
    }

    [Fact]
    public void Suggest_TicketType_BreaksTies()
    {
        using var index = new KnowledgeIndex();
        index.UpsertRange([
            new KnowledgeArticle(new ArticleId("A"), "设备报价", "设备报价说明") { TicketTypes = [TicketType.PreSales] },
            new KnowledgeArticle(new ArticleId("B"), "设备报价", "设备报价说明") { TicketTypes = [TicketType.Complaint] },
        ]);

        Assert.Equal("A", index.Suggest(TicketType.PreSales, "设备报价")[0].Article.Value);
        Assert.Equal("B", index.Suggest(TicketType.Complaint, "设备报价")[0].Article.Value);
    }

    [Fact]
    public void Suggest_SameTicketAgain_KeptAnswerUntilTheIndexChanges()
    {
        using var index = NewIndex();
        const string ticket = "打印机卡纸了";
        var first = index.Suggest(TicketType.Fault, ticket);

        var again = index.Suggest(TicketType.Fault, ticket);
        index.MarkSolved(Jam.Id, TicketType.Fault, "打印机卡纸");
        var afterMark = index.Suggest(TicketType.Fault, ticket);
        Assert.True(index.Remove(Jam.Id));
        var afterRemove = index.Suggest(TicketType.Fault, ticket);

        Assert.Same(first, again);
        Assert.NotSame(first, afterMark);
        Assert.Equal((Jam.Id, 0, 1), (first[0].Article, first[0].SolvedCount, afterMark[0].SolvedCount));
        Assert.DoesNotContain(afterRemove, s => s.Article == Jam.Id);
    }

    [Fact]
    public void Suggest_TypeOrCountDiffers_AnsweredApart()
    {
        using var index = NewIndex();

        var fault = index.Suggest(TicketType.Fault, "打印机卡纸了", 1);
        var consultation = index.Suggest(TicketType.Consultation, "打印机卡纸了", 1);
        var three = index.Suggest(TicketType.Fault, "打印机卡纸了 发票", 3);
        var one = index.Suggest(TicketType.Fault, "打印机卡纸了 发票", 1);

        Assert.NotSame(fault, consultation);
        Assert.Equal(2, three.Count);
        Assert.Single(one);
    }

    [Fact]
    public void Suggest_CacheOffOrFull_SameAnswersAsKept()
    {
        string[] tickets = ["打印机卡纸了", "I cannot log in, my password fails", "电子发票没收到", "打印机卡纸了", "电子发票没收到", "量子纠缠"];
        using var kept = NewIndex();
        using var off = NewIndex(new KnowledgeOptions { SuggestionCacheSize = 0 });
        using var full = NewIndex(new KnowledgeOptions { SuggestionCacheSize = 1 });

        foreach (var ticket in tickets)
        {
            var expected = off.Suggest(TicketType.Fault, ticket);
            Assert.Equal(expected, kept.Suggest(TicketType.Fault, ticket));
            Assert.Equal(expected, full.Suggest(TicketType.Fault, ticket));
        }

        Assert.NotSame(off.Suggest(null, tickets[0]), off.Suggest(null, tickets[0]));
    }

    [Fact]
    public void Suggest_TextsAlikeUpToTheReadLength_ShareTheAnswer()
    {
        using var index = NewIndex(new KnowledgeOptions { MaxTicketTextLength = 6 });

        var first = index.Suggest(null, "打印机卡纸了，另外发票也没收到");
        var second = index.Suggest(null, "打印机卡纸了");

        Assert.Same(first, second);
        Assert.Equal(Jam.Id, first[0].Article);
    }

    [Fact]
    public void Options_SuggestionCacheSizeOutOfRange_Refused() =>
        Assert.Contains("SuggestionCacheSize", Assert.Throws<ArgumentException>(() => new KnowledgeIndex(new KnowledgeOptions { SuggestionCacheSize = -1 })).Message, StringComparison.Ordinal);

    [Fact]
    public void Options_OutOfRange_Refused() =>
        Assert.Contains("MaxQueryTerms", Assert.Throws<ArgumentException>(() => new KnowledgeIndex(new KnowledgeOptions { MaxQueryTerms = 0 })).Message, StringComparison.Ordinal);

    private static KnowledgeIndex NewIndex(KnowledgeOptions? options = null)
    {
        var index = new KnowledgeIndex(options);
        index.UpsertRange([Jam, Login, Invoice]);
        return index;
    }
}
