using CrmCore.Desk;
using CrmCore.Knowledge;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The knowledge store (articles and solution marks), written once and run on the in-memory store, SQLite and PostgreSQL.</summary>
public sealed class KnowledgeStoreContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Providers => StoreProvider.All();

    private static KnowledgeArticle Printer() => new(new ArticleId("KB-01"), "打印机卡纸怎么办", "打开前盖，取出卡住的纸张，检查搓纸轮。")
    {
        Tags = ["打印机", "卡纸", "printer"],
        TicketTypes = [TicketType.Fault, TicketType.Consultation],
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Article_SavedAndFound_RestoresEveryField(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var article = Printer();
        await storage.Knowledge().SaveAsync(article, 0);

        var found = (await storage.Knowledge().FindAsync(article.Id))!;

        Assert.Equal((article.Id, article.Title, article.Body, 1L, ArticleStatus.Published), (found.Id, found.Title, found.Body, found.Version, found.Status));
        Assert.Equal(["打印机", "卡纸", "printer"], found.Tags.AsEnumerable());
        Assert.Equal([TicketType.Fault, TicketType.Consultation], found.TicketTypes.AsEnumerable());
        Assert.Null(await storage.Knowledge().FindAsync(new ArticleId("KB-NONE")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Article_EditedAndRetired_KeepsTheLastVersion_AndAStaleCopyFailsNamingTheArticle(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var article = Printer();
        await storage.Knowledge().SaveAsync(article, 0);
        var edited = article with { Body = "先断电，再打开前盖取纸。", Tags = ["打印机"], Version = 2 };
        await storage.Knowledge().SaveAsync(edited, 1);
        await storage.Knowledge().SaveAsync(edited with { Status = ArticleStatus.Retired, Version = 3 }, 2);

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Knowledge().SaveAsync(edited with { Title = "旧标题", Version = 3 }, 2).AsTask());
        var again = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => storage.Knowledge().SaveAsync(article, 0).AsTask());

        Assert.Contains("KB-01", stale.Message, StringComparison.Ordinal);
        Assert.Contains("KB-01", again.Message, StringComparison.Ordinal);
        var found = (await storage.Knowledge().FindAsync(article.Id))!;
        Assert.Equal((3L, ArticleStatus.Retired, "打印机卡纸怎么办", "先断电，再打开前盖取纸。"), (found.Version, found.Status, found.Title, found.Body));
        Assert.Equal(["打印机"], found.Tags.AsEnumerable());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Article_List_AllOrOneStatus_ById(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        foreach (var (id, status) in new[] { ("KB-10", ArticleStatus.Published), ("KB-02", ArticleStatus.Draft), ("KB-03", ArticleStatus.Published), ("KB-01", ArticleStatus.Retired) })
        {
            await storage.Knowledge().SaveAsync(new KnowledgeArticle(new ArticleId(id), "标题 " + id, "正文") { Status = status }, 0);
        }

        Assert.Equal(["KB-01", "KB-02", "KB-03", "KB-10"], await storage.Knowledge().ListAsync().Select(a => a.Id.Value).ToListAsync());
        Assert.Equal(["KB-03", "KB-10"], await storage.Knowledge().ListAsync(ArticleStatus.Published).Select(a => a.Id.Value).ToListAsync());
        Assert.Equal(["KB-02"], await storage.Knowledge().ListAsync(ArticleStatus.Draft).Select(a => a.Id.Value).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Solutions_RecordedOncePerArticleAndTicket_ListedInOrder_AndSurviveANewStoreInstance(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Knowledge();
        await store.SaveAsync(Printer(), 0);
        await store.SaveAsync(new KnowledgeArticle(new ArticleId("KB-02"), "Printer jams", "Open the front cover."), 0);

        Assert.True(await store.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-01"), new TicketId("WT202603009"), TicketType.Fault, "3 楼打印机一直卡纸", T0 + Duration.FromHours(2))));
        Assert.True(await store.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-02"), new TicketId("WT202603009"), null, "the printer on floor 3 jams", T0)));
        Assert.True(await store.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-01"), new TicketId("WT202603001"), TicketType.Consultation, "卡纸", T0 + Duration.FromHours(1))));
        Assert.False(await store.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-01"), new TicketId("WT202603009"), TicketType.Fault, "again", T0 + Duration.FromHours(3))));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.AddSolutionAsync(new ArticleSolution(new ArticleId("KB-NONE"), new TicketId("WT202603009"), null, "x", T0)).AsTask());

        var all = await storage.Knowledge().ListSolutionsAsync().ToListAsync();
        var first = await storage.Knowledge().ListSolutionsAsync(new ArticleId("KB-01")).ToListAsync();

        Assert.Equal(["KB-01/WT202603009", "KB-02/WT202603009", "KB-01/WT202603001"], all.Select(s => $"{s.Article}/{s.Ticket}"));
        Assert.Equal(["3 楼打印机一直卡纸", "卡纸"], first.Select(s => s.TicketText));
        Assert.Equal([(TicketType?)TicketType.Fault, TicketType.Consultation], first.Select(s => s.Type));
        Assert.Null(all[1].Type);
        Assert.Equal([T0 + Duration.FromHours(2), T0, T0 + Duration.FromHours(1)], all.Select(s => s.At));
        Assert.Empty(await storage.Knowledge().ListSolutionsAsync(new ArticleId("KB-NONE")).ToListAsync());
    }

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Scrub_RemovesAPersonalValueFromTheTicketTextOfSolutionMarks(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await storage.Knowledge().SaveAsync(Printer(), 0);
        await storage.Knowledge().AddSolutionAsync(new ArticleSolution(new ArticleId("KB-01"), new TicketId("WT202603009"), TicketType.Fault, "张三 13812345678：打印机卡纸", T0));

        var changed = await storage.PersonalData()!.ScrubAsync(["13812345678", "张三"], "***");

        Assert.Equal(2, changed);
        Assert.Equal("*** ***：打印机卡纸", Assert.Single(await storage.Knowledge().ListSolutionsAsync().ToListAsync()).TicketText);
    }
}
