using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The contract of published rule sets and calendars on every provider.</summary>
public sealed class PublicationContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30);

    public static TheoryData<string> Providers => StoreProvider.All();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Publish_KeepsEveryVersion_AndRollBackRestoresOldContentAsANewVersion(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Publications();
        var v1 = await store.PublishAsync(PublicationKind.RuleSet, "default", "[{\"WorkflowName\":\"Priority\"}]", "li.na", At);
        var same = await store.PublishAsync(PublicationKind.RuleSet, "default", "[{\"WorkflowName\":\"Priority\"}]", "wang.fang", At + Duration.FromHours(1));
        var v2 = await store.PublishAsync(PublicationKind.RuleSet, "default", "[{\"WorkflowName\":\"Routing\"}]", "wang.fang", At + Duration.FromHours(2));
        await store.PublishAsync(PublicationKind.Calendar, "default", "{}", "li.na", At);

        Assert.Equal(1, v1.Version);
        Assert.Equal(v1, same);
        Assert.Equal(2, v2.Version);
        Assert.Equal(ContentHash.Of("[{\"WorkflowName\":\"Routing\"}]"), v2.ContentHash);
        Assert.Equal("wang.fang", v2.PublishedBy);

        var back = await store.RollBackAsync(PublicationKind.RuleSet, "default", 1, "zhao.lei", At + Duration.FromHours(3));
        Assert.Equal(3, back.Version);
        Assert.Equal(1, back.RolledBackFrom);
        Assert.Equal(v1.ContentHash, back.ContentHash);

        var current = await store.GetCurrentAsync(PublicationKind.RuleSet, "default");
        Assert.Equal("[{\"WorkflowName\":\"Priority\"}]", current!.Content);
        Assert.Equal(back, current.Version);
        var list = await store.ListAsync(PublicationKind.RuleSet, "default");
        Assert.Equal([1, 2, 3], list.Select(v => v.Version));
        Assert.Equal([v1, v2, back], list);
        Assert.Equal("{}", (await store.GetAsync(PublicationKind.Calendar, "default", 1))!.Content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RollBack_ToAVersionNeverPublished_ThrowsNamingIt(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var store = storage.Publications();
        await store.PublishAsync(PublicationKind.Calendar, "cn", "{}", "li.na", At);

        var error = await Assert.ThrowsAsync<PublicationNotFoundException>(() => store.RollBackAsync(PublicationKind.Calendar, "cn", 7, "li.na", At));
        Assert.Equal(7, error.Version);
        Assert.Contains("'cn'", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetCurrentAsync(PublicationKind.RuleSet, "cn"));
        Assert.Single(await store.ListAsync(PublicationKind.Calendar, "cn"));
    }
}
