using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Knowledge;
using CrmCore.Storage;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Tests.Desk;

/// <summary>The desk asks its article suggester when a ticket is raised (<see cref="ArticlesSuggested"/>); a failing suggester never fails
/// the raise (<see cref="ArticleSuggestionFailed"/>). These run without the knowledge package: the suggester is a stand-in.</summary>
public sealed class DeskSuggestionTests
{
    private static readonly CustomerId Acme = new("KH0001");
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 2, 0);

    [Fact]
    public async Task Raise_WithoutASuggester_RaisesNoSuggestionEvent()
    {
        using var provider = await NewProviderAsync(null);

        var (_, raised) = await provider.GetRequiredService<ServiceDesk>().RaiseAsync(Request(), "phone");

        Assert.Contains(raised.Events, e => e is TicketQueued);
        Assert.DoesNotContain(raised.Events, e => e is ArticlesSuggested or ArticleSuggestionFailed);
    }

    [Fact]
    public async Task Raise_SuggesterAnswers_TheTopArticlesAreOnTheResult_AndInTheOutbox()
    {
        var suggester = new StandIn(_ => [.. Enumerable.Range(1, 5).Select(i => new KnowledgeSuggestion(new ArticleId($"KB-{i}"), $"文章 {i}", 10 - i, 0))]);
        using var provider = await NewProviderAsync(suggester, o => o.Desk.SuggestedArticles = 2);

        var (id, raised) = await provider.GetRequiredService<ServiceDesk>().RaiseAsync(Request(), "phone");

        var suggested = Assert.Single(raised.Events.OfType<ArticlesSuggested>());
        Assert.Equal((id, Now), (suggested.TicketId, suggested.OccurredAt));
        Assert.Equal(["KB-1", "KB-2"], suggested.Articles.Select(a => a.Article.Value));
        Assert.Equal((TicketType.Fault, "打印机卡纸，纸张取不出来", 2), Assert.Single(suggester.Asked));
        var outbox = await provider.GetRequiredService<IOutbox>().ReadUnpublishedAsync(100);
        Assert.Contains(outbox, m => m.EventType == nameof(ArticlesSuggested) && m.Payload.Contains("KB-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Raise_SuggesterFails_TheTicketIsRaisedAnyway_AndTheFailureIsOnTheResult()
    {
        var suggester = new StandIn(_ => throw new InvalidOperationException("the index is damaged"));
        using var provider = await NewProviderAsync(suggester);
        var desk = provider.GetRequiredService<ServiceDesk>();

        var (id, raised) = await desk.RaiseAsync(Request(), "phone");

        var failed = Assert.Single(raised.Events.OfType<ArticleSuggestionFailed>());
        Assert.Equal((id, "InvalidOperationException: the index is damaged"), (failed.TicketId, failed.Reason));
        Assert.DoesNotContain(raised.Events, e => e is ArticlesSuggested);
        Assert.Contains(raised.Events, e => e is TicketQueued);
        Assert.True(desk.Queue.Contains(id));
        Assert.Equal(TicketStatus.Pending, (await desk.ViewAsync(id)).Ticket.Status);
    }

    [Fact]
    public async Task Raise_SuggesterNeverAnswers_TheTicketIsRaisedAfterTheTimeout_AndTheTimeoutIsOnTheResult()
    {
        // The suggester never completes: the raise can only finish through the desk's time limit (no race: there is no answer to win).
        var hung = new Hung();
        using var provider = await NewProviderAsync(hung, o => o.Desk.SuggestionTimeout = Duration.FromMilliseconds(50));
        var desk = provider.GetRequiredService<ServiceDesk>();

        var (id, raised) = await desk.RaiseAsync(Request(), "phone").WaitAsync(TimeSpan.FromMinutes(2));

        var failed = Assert.Single(raised.Events.OfType<ArticleSuggestionFailed>());
        Assert.Equal((id, "TimeoutException: no answer within 50 ms"), (failed.TicketId, failed.Reason));
        Assert.True(desk.Queue.Contains(id));
        Assert.Equal(1, hung.Asked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60_001)]
    public void Desk_SuggestionTimeoutOutOfRange_IsRefused(int milliseconds)
    {
        var options = new DeskSettings { Desk = new DeskOptions { SuggestionTimeout = Duration.FromMilliseconds(milliseconds) } };

        var error = Assert.Throws<ArgumentException>(() => new ServiceDesk(new FakeClock(Now), DeskStores.InMemory(), DeskEnginesFor(), DeskPorts.Defaults, [], options));

        Assert.Contains("suggestion timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raise_SuggesterFindsNothing_OrSuggestionsTurnedOff_RaisesNoEvent()
    {
        var empty = new StandIn(_ => []);
        var unused = new StandIn(_ => throw new InvalidOperationException("must not be asked"));
        using var emptyProvider = await NewProviderAsync(empty);
        using var offProvider = await NewProviderAsync(unused, o => o.Desk.SuggestedArticles = 0);

        var (_, nothing) = await emptyProvider.GetRequiredService<ServiceDesk>().RaiseAsync(Request(), "phone");
        var (_, off) = await offProvider.GetRequiredService<ServiceDesk>().RaiseAsync(Request(), "phone");

        Assert.Single(empty.Asked);
        Assert.Empty(unused.Asked);
        Assert.DoesNotContain(nothing.Events.Concat(off.Events), e => e is ArticlesSuggested or ArticleSuggestionFailed);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(21)]
    public void Desk_SuggestedArticlesOutOfRange_IsRefused(int count)
    {
        var options = new DeskSettings { Desk = new DeskOptions { SuggestedArticles = count } };

        var error = Assert.Throws<ArgumentException>(() => new ServiceDesk(new FakeClock(Now), DeskStores.InMemory(), DeskEnginesFor(), DeskPorts.Defaults, [], options));

        Assert.Contains("suggested articles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Desk_FailureRateWindowNotPositive_IsRefused()
    {
        var options = new DeskSettings { Desk = new DeskOptions { FailureRateWindow = Duration.Zero } };

        var error = Assert.Throws<ArgumentException>(() => new ServiceDesk(new FakeClock(Now), DeskStores.InMemory(), DeskEnginesFor(), DeskPorts.Defaults, [], options));

        Assert.Contains("failure rate window", error.Message, StringComparison.Ordinal);
    }

    private static DeskEngines DeskEnginesFor()
    {
        using var provider = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCrmCore().BuildServiceProvider();
        return new DeskEngines(provider.GetRequiredService<CrmCore.Sla.SlaEngine>(), provider.GetRequiredService<CrmCore.Escalation.EscalationEngine>(), provider.GetRequiredService<CrmCore.Routing.TicketQueue>());
    }

    private static async Task<ServiceProvider> NewProviderAsync(IArticleSuggester? suggester, Action<CrmOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Now));
        if (suggester is not null)
        {
            services.AddSingleton(suggester);
        }

        services.AddCrmCore(o =>
        {
            o.TicketIdPattern = "WT{yyyyMM}{seq:5}";
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        var profile = new CustomerProfile { Name = "上海某某制造有限公司", Industry = Industry.Manufacturing, FirstContactOn = new LocalDate(2026, 1, 5) };
        await provider.GetRequiredService<ServiceDesk>().RegisterCustomerAsync(Acme, profile, tier: "A");
        return provider;
    }

    private static TicketRequest Request() => new() { CustomerId = Acme, Description = "打印机卡纸，纸张取不出来", Urgency = Urgency.General, Type = TicketType.Fault };

    private sealed class Hung : IArticleSuggester
    {
        private readonly TaskCompletionSource<IReadOnlyList<KnowledgeSuggestion>> _never = new();

        public int Asked { get; private set; }

        public Task<IReadOnlyList<KnowledgeSuggestion>> SuggestAsync(TicketType? type, string? text, int count = 3, CancellationToken cancellationToken = default)
        {
            Asked++;
            return _never.Task;
        }
    }

    private sealed class StandIn(Func<int, IReadOnlyList<KnowledgeSuggestion>> answer) : IArticleSuggester
    {
        public List<(TicketType?, string?, int)> Asked { get; } = [];

        public Task<IReadOnlyList<KnowledgeSuggestion>> SuggestAsync(TicketType? type, string? text, int count = 3, CancellationToken cancellationToken = default)
        {
            Asked.Add((type, text, count));
            return Task.FromResult(answer(count));
        }
    }
}
