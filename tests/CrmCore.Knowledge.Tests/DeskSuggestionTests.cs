using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Knowledge.Tests;

/// <summary>With the knowledge package, the desk suggests stored articles by itself when a ticket is raised.</summary>
public sealed class DeskSuggestionTests
{
    private static readonly CustomerId Acme = new("KH0001");

    [Fact]
    public async Task Raise_WithAddCrmKnowledge_TheDeskSuggestsTheStoredArticles_BestFirst()
    {
        using var provider = Services();
        var knowledge = provider.GetRequiredService<KnowledgeBase>();
        await knowledge.SaveAsync(new KnowledgeArticle(new ArticleId("KB-1"), "打印机频繁卡纸的处理方法", "关闭电源，取出残留纸张，检查搓纸轮。") { TicketTypes = [TicketType.Fault], Tags = ["打印机"] }, 0);
        await knowledge.SaveAsync(new KnowledgeArticle(new ArticleId("KB-3"), "如何申请增值税发票", "在订单详情页申请开票，电子发票发送到邮箱。") { TicketTypes = [TicketType.Consultation] }, 0);
        var desk = await DeskWithAcmeAsync(provider);

        var (jam, jamRaised) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸，纸张取不出来", Type = TicketType.Fault }, "phone");
        var (_, unrelated) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "扫描仪无法连接" }, "phone");

        Assert.Same(knowledge, provider.GetRequiredService<IArticleSuggester>());
        var suggested = Assert.Single(jamRaised.Events.OfType<ArticlesSuggested>());
        Assert.Equal(jam, suggested.TicketId);
        Assert.Equal("KB-1", suggested.Articles[0].Article.Value);
        Assert.DoesNotContain(unrelated.Events, e => e is ArticlesSuggested or ArticleSuggestionFailed);
    }

    [Fact]
    public async Task ArticlesSuggested_ToString_NamesEachArticleByIdAndTitle_NotItsListType()
    {
        using var provider = Services();
        var knowledge = provider.GetRequiredService<KnowledgeBase>();
        await knowledge.SaveAsync(new KnowledgeArticle(new ArticleId("KB-1"), "打印机频繁卡纸的处理方法", "关闭电源，取出残留纸张，检查搓纸轮。") { TicketTypes = [TicketType.Fault] }, 0);
        await knowledge.SaveAsync(new KnowledgeArticle(new ArticleId("KB-2"), "打印机卡纸后无法开机", "卡纸后先断电，取出纸张再开机。") { TicketTypes = [TicketType.Fault] }, 0);
        var desk = await DeskWithAcmeAsync(provider);

        var (jam, raised) = await desk.RaiseAsync(new TicketRequest { CustomerId = Acme, Description = "打印机卡纸，纸张取不出来", Type = TicketType.Fault }, "phone");
        var suggested = Assert.Single(raised.Events.OfType<ArticlesSuggested>());
        var text = suggested.ToString();

        Assert.StartsWith($"ArticlesSuggested {{ TicketId = {jam}, OccurredAt = 2026-03-02T02:00:00Z, Articles = [", text, StringComparison.Ordinal);
        var listed = string.Join(", ", suggested.Articles.Select(a => $"{a.Article} \"{a.Title}\""));
        Assert.EndsWith($"Articles = [{listed}] }}", text, StringComparison.Ordinal);
        Assert.Contains("KB-1 \"打印机频繁卡纸的处理方法\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("KnowledgeSuggestion", text, StringComparison.Ordinal);
    }

    /// <summary>The desk with the knowledge package, on a Monday morning's clock.</summary>
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new MondayMorning());
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmKnowledge();
        return services.BuildServiceProvider();
    }

    /// <summary>The provider's desk, with customer <see cref="Acme"/> registered.</summary>
    private static async Task<ServiceDesk> DeskWithAcmeAsync(ServiceProvider provider)
    {
        var desk = provider.GetRequiredService<ServiceDesk>();
        await desk.RegisterCustomerAsync(Acme, new CustomerProfile { Name = "上海某某制造有限公司", FirstContactOn = new LocalDate(2026, 1, 5) });
        return desk;
    }

    private sealed class MondayMorning : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUtc(2026, 3, 2, 2, 0);
    }
}
