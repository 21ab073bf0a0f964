using CrmCore.Satisfaction;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace CrmCore.Knowledge.Tests;

public sealed class KnowledgeServiceCollectionTests
{
    [Fact]
    public void AddCrmKnowledge_ResolvesIndexAndWordThemes()
    {
        using var provider = new ServiceCollection().AddCrmKnowledge(o => o.TitleBoost = 5).BuildServiceProvider();

        var index = provider.GetRequiredService<KnowledgeIndex>();
        index.Upsert(new KnowledgeArticle(new ArticleId("KB-1"), "物流延迟", "加急配送") { TicketTypes = [TicketType.Complaint] });

        Assert.Same(index, provider.GetRequiredService<KnowledgeIndex>());
        Assert.Equal("KB-1", Assert.Single(index.Suggest(TicketType.Complaint, "物流延迟三天")).Article.Value);
        Assert.IsType<WordThemeExtractor>(provider.GetRequiredService<IFeedbackThemeExtractor>());
    }

    [Fact]
    public void AddCrmKnowledge_BadOptions_FailOnResolve()
    {
        using var provider = new ServiceCollection().AddCrmKnowledge(o => o.SolvedWeight = -1).BuildServiceProvider();

        Assert.Contains("SolvedWeight", Assert.Throws<ArgumentException>(() => provider.GetRequiredService<KnowledgeIndex>()).Message, StringComparison.Ordinal);
    }
}
