using CrmCore.Desk;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Knowledge.Tests;

public sealed class KnowledgeBaseTests
{
    private static readonly KnowledgeArticle Jam = new(new ArticleId("KB-1"), "打印机频繁卡纸的处理方法", "关闭电源，取出残留纸张，检查搓纸轮。") { TicketTypes = [TicketType.Fault], Tags = ["打印机"] };
    private static readonly KnowledgeArticle JamEn = new(new ArticleId("KB-2"), "Printer keeps jamming", "Switch it off, remove the stuck paper and check the pickup roller.") { TicketTypes = [TicketType.Fault] };
    private static readonly KnowledgeArticle Invoice = new(new ArticleId("KB-3"), "如何申请增值税发票", "在订单详情页申请开票，电子发票发送到邮箱。") { TicketTypes = [TicketType.Consultation] };
    private static readonly KnowledgeArticle Scanner = new(new ArticleId("KB-4"), "扫描仪无法连接", "检查USB线和驱动程序。") { Status = ArticleStatus.Draft };

    [Fact]
    public async Task Index_IsBuiltFromTheStore_OnlyPublishedArticlesAreSuggested()
    {
        var store = new InMemoryKnowledgeRepository();
        foreach (var article in new[] { Jam, JamEn, Invoice, Scanner })
        {
            await store.SaveAsync(article, 0);
        }

        using var index = new KnowledgeIndex();
        var kb = new KnowledgeBase(store, index, new FixedClock());

        Assert.Equal("KB-3", (await kb.SuggestAsync(null, "电子发票没收到"))[0].Article.Value);
        Assert.Equal(3, index.Count);
        Assert.Empty(await kb.SuggestAsync(null, "扫描仪无法连接"));
    }

    [Fact]
    public async Task SaveAndRetire_UpdateTheIndexAsArticlesChange()
    {
        var store = new InMemoryKnowledgeRepository();
        using var index = new KnowledgeIndex();
        var kb = new KnowledgeBase(store, index, new FixedClock());
        await kb.SaveAsync(Jam, 0);
        await kb.SaveAsync(Scanner, 0);
        Assert.Empty(await kb.SuggestAsync(null, "扫描仪无法连接"));

        // Added: a new article is suggested at once; published: the draft is too; edited: found by its new words only.
        await kb.SaveAsync(Invoice, 0);
        Assert.Equal(Invoice.Id, (await kb.SuggestAsync(null, "电子发票没收到"))[0].Article);
        await kb.SaveAsync(Scanner with { Status = ArticleStatus.Published, Version = 2 }, 1);
        Assert.Equal(Scanner.Id, (await kb.SuggestAsync(null, "扫描仪无法连接"))[0].Article);
        await kb.SaveAsync(Jam with { Title = "复印机卡纸", Body = "复印机卡纸时打开侧门取纸。", Tags = [], Version = 2 }, 1);
        Assert.Equal(Jam.Id, (await kb.SuggestAsync(null, "复印机卡纸"))[0].Article);
        Assert.DoesNotContain(await kb.SuggestAsync(null, "关闭电源"), s => s.Article == Jam.Id);

        // A stale save fails and leaves store and index as they were.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => kb.SaveAsync(Jam with { Title = "旧的", Body = "关闭电源", Version = 2 }, 1));
        Assert.DoesNotContain(await kb.SuggestAsync(null, "关闭电源"), s => s.Article == Jam.Id);

        // Retired: stored but no longer suggested.
        var retired = await kb.RetireAsync(Invoice.Id);
        Assert.Equal((2L, ArticleStatus.Retired), (retired.Version, retired.Status));
        Assert.Equal(ArticleStatus.Retired, (await store.FindAsync(Invoice.Id))!.Status);
        Assert.DoesNotContain(await kb.SuggestAsync(null, "电子发票没收到"), s => s.Article == Invoice.Id);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => kb.RetireAsync(new ArticleId("KB-NONE")));
    }

    [Fact]
    public async Task MarkSolved_IsStored_SoTheLearnedRankingSurvivesARestart()
    {
        var store = new InMemoryKnowledgeRepository();
        await store.SaveAsync(Jam, 0);
        await store.SaveAsync(JamEn, 0);
        await store.SaveAsync(Invoice, 0);
        const string ticket = "打印机卡纸，纸张取不出来";
        using (var first = new KnowledgeIndex())
        {
            var kb = new KnowledgeBase(store, first, new FixedClock());
            Assert.DoesNotContain(await kb.SuggestAsync(TicketType.Fault, ticket), s => s.Article == JamEn.Id);

            Assert.True(await kb.MarkSolvedAsync(JamEn.Id, new TicketId("WT202603001"), TicketType.Fault, "打印机卡纸，纸张取不出来了"));
            Assert.False(await kb.MarkSolvedAsync(JamEn.Id, new TicketId("WT202603001"), TicketType.Fault, "打印机卡纸，纸张取不出来了"));
            await Assert.ThrowsAsync<KeyNotFoundException>(() => kb.MarkSolvedAsync(new ArticleId("KB-NONE"), new TicketId("WT202603002"), null, "x"));
            Assert.Contains(await kb.SuggestAsync(TicketType.Fault, ticket), s => s.Article == JamEn.Id && s.SolvedCount == 1);
        }

        // A new process: a fresh index over the same store ranks the English article for the Chinese ticket as before.
        using var second = new KnowledgeIndex();
        var restarted = new KnowledgeBase(store, second, new FixedClock());
        var after = await restarted.SuggestAsync(TicketType.Fault, ticket);

        var learned = Assert.Single(after, s => s.Article == JamEn.Id);
        Assert.Equal(1, learned.SolvedCount);
        var mark = Assert.Single(await store.ListSolutionsAsync().ToListAsync());
        Assert.Equal((JamEn.Id, new TicketId("WT202603001"), FixedClock.Now), (mark.Article, mark.Ticket, mark.At));
    }

    [Fact]
    public async Task Reload_SeesArticlesAnotherProcessStored()
    {
        var store = new InMemoryKnowledgeRepository();
        using var index = new KnowledgeIndex();
        var kb = new KnowledgeBase(store, index, new FixedClock());
        await kb.LoadAsync();
        await store.SaveAsync(Invoice, 0);
        Assert.Empty(await kb.SuggestAsync(null, "电子发票没收到"));

        await kb.ReloadAsync();

        Assert.Equal(Invoice.Id, (await kb.SuggestAsync(null, "电子发票没收到"))[0].Article);
    }

    private sealed class FixedClock : IClock
    {
        public static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 9, 0);

        public Instant GetCurrentInstant() => Now;
    }
}
