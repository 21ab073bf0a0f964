using CrmCore.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// The SQLite publication store inside a host's store transaction (<see cref="SqliteStorage.Transactions"/>): its reads and its publishes
/// run on the transaction's connection, so they see what the transaction wrote, commit with it and are undone when it rolls back (a
/// second connection would wait for the transaction's write lock, so the store used to refuse with <see cref="InvalidOperationException"/>).
/// </summary>
public sealed class SqlitePublicationTransactionTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 9, 0);
    private readonly string _path = Path.Combine(Path.GetTempPath(), "crmcore-test-" + Guid.NewGuid().ToString("N") + ".db");

    [Fact]
    public async Task Reads_InAHostTransaction_SeeWhatWasCommittedBefore()
    {
        using var storage = Storage();
        var publications = storage.Publications;
        await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);

        await using var transaction = storage.Transactions.Begin();
        Assert.Equal("{\"v\":1}", (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
        Assert.Equal(1, (await publications.GetAsync(PublicationKind.RuleSet, "crm-rules", 1))!.Version.Version);
        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        await transaction.CommitAsync();
    }

    [Fact]
    public async Task PublishAndRollBack_InAHostTransactionRolledBack_AreSeenInsideIt_AndGoneAfter()
    {
        using var storage = Storage();
        var publications = storage.Publications;
        await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);

        await using (storage.Transactions.Begin())
        {
            var v2 = await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0 + Duration.FromMinutes(1));
            Assert.Equal(2, v2.Version);
            Assert.Equal("{\"v\":2}", (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Content);
            var v3 = await publications.RollBackAsync(PublicationKind.RuleSet, "crm-rules", 1, "bo", T0 + Duration.FromMinutes(2));
            Assert.Equal((3, 1), (v3.Version, v3.RolledBackFrom));
            Assert.Equal([1, 2, 3], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
            Assert.Equal(1, Count()); // not committed: another connection sees only version 1
        }

        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
        Assert.Null(await publications.GetAsync(PublicationKind.RuleSet, "crm-rules", 2));
        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task Publish_InAHostTransactionCommitted_IsKept_AndUnchangedContentAddsNoVersion()
    {
        using var storage = Storage();
        var publications = storage.Publications;

        await using (var transaction = storage.Transactions.Begin())
        {
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "ana", T0)).Version);
            Assert.Equal(1, (await publications.PublishAsync(PublicationKind.Calendar, "cn-standard", "{}", "ana", T0)).Version);
            await transaction.CommitAsync();
        }

        using var restarted = Storage();
        var current = await restarted.Publications.GetCurrentAsync(PublicationKind.Calendar, "cn-standard");
        Assert.Equal((1, "{}", "ana"), (current!.Version.Version, current.Content, current.Version.PublishedBy));
        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task Publish_InANestedUnitRolledBack_IsUndone_WhileTheHostsOwnPublishIsKept()
    {
        using var storage = Storage();
        var publications = storage.Publications;

        await using (var host = storage.Transactions.Begin())
        {
            await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":1}", "ana", T0);
            await using (storage.Transactions.Begin())
            {
                await publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", T0);
                Assert.Equal(2, (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Version.Version);
            }

            Assert.Equal(1, (await publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules"))!.Version.Version);
            await host.CommitAsync();
        }

        Assert.Equal([1], (await publications.ListAsync(PublicationKind.RuleSet, "crm-rules")).Select(v => v.Version));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    private SqliteStorage Storage() => new(new SqliteStorageOptions { DataSource = _path });

    // The committed publications, counted on a connection of the test's own.
    private long Count()
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM crm_publication;";
        return (long)command.ExecuteScalar()!;
    }
}
