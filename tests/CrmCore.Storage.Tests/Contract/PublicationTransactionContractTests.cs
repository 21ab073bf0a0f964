using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// The publication store inside a host's <see cref="CrmCore.Desk.IStoreTransactions"/> transaction, alike on SQLite and PostgreSQL: its
/// reads and its publishes run on the transaction's connection, so they see what the transaction wrote, commit with it and are undone when
/// it (or a nested unit, with its savepoint) rolls back; another host's publish of the same name waits for the transaction and numbers
/// after what it committed. The in-memory store writes at once and cannot roll back.
/// </summary>
public sealed class PublicationTransactionContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Reads_InAHostTransaction_SeeWhatWasCommittedBefore(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;
        await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);

        await using var transaction = stores.Transactions.Begin();
        Assert.Equal("{\"v\":1}", (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
        Assert.Equal(1, (await publications.GetAsync(PublicationKind.RuleSet, "crm-rules", 1))!.Version.Version);
        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        await transaction.CommitAsync();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PublishAndRollBack_InAHostTransactionRolledBack_AreSeenInsideIt_AndGoneAfter(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;
        await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);

        await using (stores.Transactions.Begin())
        {
            var v2 = await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0 + Duration.FromMinutes(1));
            Assert.Equal(2, v2.Version);
            Assert.Equal("{\"v\":2}", (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
            var v3 = await publications.RollBackAsync(PublicationKind.RuleSet, "crm-rules", 1, "bo", T0 + Duration.FromMinutes(2));
            Assert.Equal((3, 1), (v3.Version, v3.RolledBackFrom));
            Assert.Equal("{\"v\":1}", (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
            Assert.Equal([1, 2, 3], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
            Assert.Equal(1, Committed(storage, provider)); // not committed: another connection sees only version 1
        }

        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        Assert.Null(await publications.GetAsync(PublicationKind.RuleSet, "crm-rules", 2));
        Assert.Equal(1, Committed(storage, provider));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RollBack_InAHostTransaction_ToAVersionPublishedInIt_RestoresItsContent(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;

        await using (var transaction = stores.Transactions.Begin())
        {
            await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{\"days\":1}", "ana", T0);
            await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{\"days\":2}", "ana", T0);
            var back = await publications.RollBackAsync(PublicationKind.Calendar, "cn-standard", 1, "bo", T0 + Duration.FromMinutes(1));
            Assert.Equal((3, 1, ContentHash.Of("{\"days\":1}")), (back.Version, back.RolledBackFrom, back.ContentHash));
            await Assert.ThrowsAsync<PublicationNotFoundException>(() => publications.RollBackAsync(PublicationKind.Calendar, "cn-standard", 9, "bo", T0));
            await transaction.CommitAsync();
        }

        var current = await storage.Publications().GetCurrentAsync(PublicationKind.Calendar, "cn-standard");
        Assert.Equal((3, "{\"days\":1}", "bo"), (current!.Version.Version, current.Content, current.Version.PublishedBy));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_InAHostTransactionCommitted_IsKept_AndUnchangedContentAddsNoVersion(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;

        await using (var transaction = stores.Transactions.Begin())
        {
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "ana", T0)).Version);
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "ana", T0)).Version);
            Assert.Equal(0, Committed(storage, provider));
            await transaction.CommitAsync();
        }

        var current = await storage.Desk().Publications.GetCurrentAsync(PublicationKind.Calendar, "cn-standard"); // a restarted host
        Assert.Equal((1, "{}", "ana"), (current!.Version.Version, current.Content, current.Version.PublishedBy));
        Assert.Equal(1, Committed(storage, provider));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_InANestedUnitRolledBack_IsUndone_WhileTheHostsOwnPublishIsKept(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var publications = stores.Publications;

        await using (var host = stores.Transactions.Begin())
        {
            await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);
            await using (stores.Transactions.Begin())
            {
                await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0);
                Assert.Equal(2, (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Version.Version);
            }

            Assert.Equal(1, (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Version.Version);
            await host.CommitAsync();
        }

        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        Assert.Equal(1, Committed(storage, provider));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Publish_OfAnotherHost_WaitsForTheTransaction_AndNumbersAfterWhatItCommitted(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var stores = storage.Desk();
        var other = storage.Publications(); // a second host over the same data
        Assert.Null(await other.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules")); // its schema check is done before the transaction takes the lock

        Task<PublishedVersion> waiting;
        await using (var transaction = stores.Transactions.Begin())
        {
            Assert.Equal(1, (await stores.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0)).Version);
            waiting = Task.Run(() => other.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0));
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(waiting.IsCompleted);
            await transaction.CommitAsync();
        }

        var second = await waiting.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal((2, "bo"), (second.Version, second.PublishedBy));
        Assert.Equal([1, 2], (await other.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
    }

    // The committed publications, counted on a connection of the test's own.
    private static long Committed(StoreProvider storage, string provider) =>
        storage.ScalarSql(provider == StoreProvider.Postgres ? "SELECT count(*) FROM {schema}.publication" : "SELECT count(*) FROM crm_publication");
}
