using CrmCore.Satisfaction;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

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
    public async Task AddCrmKnowledge_BadOptions_FailAtStart_ListingEveryProblem()
    {
        using var provider = new ServiceCollection().AddCrmKnowledge(o => (o.SolvedWeight, o.MaxQueryTerms) = (-1, 0)).BuildServiceProvider();

        // What a generic host runs before it starts: nothing has resolved the index yet.
        var e = await Assert.ThrowsAsync<OptionsValidationException>(
            () => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Equal(typeof(KnowledgeOptions), e.OptionsType);
        Assert.Equal(2, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("SolvedWeight", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("MaxQueryTerms", StringComparison.Ordinal));
    }

    [Fact]
    public void AddCrmKnowledge_BadOptions_FailOnResolveWithoutAHost()
    {
        using var provider = new ServiceCollection().AddCrmKnowledge(o => o.SolvedWeight = -1).BuildServiceProvider();

        Assert.Contains("SolvedWeight", Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<KnowledgeIndex>()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCrmKnowledge_ValidOptions_PassTheStartCheck()
    {
        using var provider = new ServiceCollection().AddCrmKnowledge().BuildServiceProvider();

        await provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
        Assert.Equal(new KnowledgeOptions().TitleBoost, provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value.TitleBoost);
    }
}
