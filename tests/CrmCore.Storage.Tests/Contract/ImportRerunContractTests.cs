using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A customer import through a provider's store and its ledger (as <c>crm import customers</c> runs it), stopped after a few batches
/// and run again, ends where the uninterrupted import ends, versions included; a run after that writes nothing (QA wave 17, item 1:
/// duplicates in different batches were applied again on every run, and a second run stopped part-way left older values stored).
/// </summary>
public sealed class ImportRerunContractTests
{
    public static TheoryData<string> Providers => StoreProvider.All();

    /// <summary>Ten customers, each in three rows in different batches: the first, a newer duplicate by phone, an older one.</summary>
    private static string Csv()
    {
        var csv = new StringBuilder("客户名称,联系人,联系方式,年合作金额,更新时间\n");
        for (var i = 0; i < 10; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号,人{i},1390000{i:D4},{i},2024-06-01\n");
        }

        for (var i = 9; i >= 0; i--)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号,新{i},1390000{i:D4},{100 + i},2025-01-03\n");
        }

        for (var i = 0; i < 10; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号,旧{i},1390000{i:D4},{200 + i},2023-01-01\n");
        }

        return csv.ToString();
    }

    /// <summary>Imports the file at batch size 1 through a fresh instance of the provider's store and ledger (as a new process would).</summary>
    private static async Task<ImportReport> ImportAsync(StoreProvider storage, int? failAfterBatches = null, MergePolicy merge = MergePolicy.KeepNewest)
        => await ImportAsync(storage, Instant.FromUtc(2026, 3, 10, 2, 0), Duration.Zero, failAfterBatches, merge);

    /// <summary>Imports the file at <paramref name="at"/> (the clock does not move) with a run lease.</summary>
    private static async Task<ImportReport> ImportAsync(StoreProvider storage, Instant at, Duration lease, int? failAfterBatches = null, MergePolicy merge = MergePolicy.KeepNewest)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv()));
        var customers = storage.Desk().Customers;
        var store = failAfterBatches is { } n ? new StoppingStore((ICustomerBatchRepository)customers, n) : customers;
        // The runs these tests stop are over (the fake clock does not move): no lease, so the next run takes them up at once.
        var options = new CustomerImportOptions { BatchSize = 1, Ledger = storage.ImportLedger(), MergePolicy = merge, RunLease = lease };
        return await new CustomerImporter(store, new FakeClock(at), options).ImportAsync(stream, "dup.csv");
    }

    // Review of wave 20, item 2: a killed run that a later run had already taken up and finished still blocked the next import within
    // the lease ("it may still be running"), and so did a killed run that had recorded no row, which no import takes up. The lease
    // check now passes over both (the rule a prune removes the first by). Failed before the fix: ImportFileException naming the killed run.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_WithinTheLease_PassesOverAKilledRunALaterRunTookUp_AndOneThatRecordedNoRow(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var killed = Instant.FromUtc(2026, 3, 10, 2, 0);
        var lease = Duration.FromMinutes(10);
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(storage, killed, lease, failAfterBatches: 5));
        var takenUp = await ImportAsync(storage, killed + Duration.FromMinutes(1), Duration.Zero);
        Assert.Equal(5, takenUp.Rows.Count(r => r.ReasonCode == "AlreadyImported"));

        var next = await ImportAsync(storage, killed + Duration.FromMinutes(2), lease);

        Assert.Equal(30, next.Rows.Count(r => r.ReasonCode == "AlreadyImported"));

        using var fresh = StoreProvider.Create(provider);
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(fresh, killed, lease, failAfterBatches: 0));
        var first = await ImportAsync(fresh, killed + Duration.FromMinutes(1), lease);
        Assert.Equal(0, first.Rows.Count(r => r.ReasonCode == "AlreadyImported"));
        Assert.Single(first.PreviousRuns, r => r.FinishedAt is null && r.Totals.RowsRead == 0);
    }

    private static async Task<SortedDictionary<string, string>> SnapshotAsync(StoreProvider storage)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var s in storage.Desk().Customers.ListAsync())
        {
            var contacts = string.Join("; ", s.Contacts.Select(c => $"{c.Name}/{c.Phone}"));
            snapshot[s.Id.Value] = $"v{s.Version} {s.Name} {s.AnnualAmount} [{contacts}]";
        }

        return snapshot;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_StoppedAndRunAgain_EndsAsTheUninterruptedImport_AndARunAfterThatWritesNothing(string provider)
    {
        using var whole = StoreProvider.Create(provider);
        await ImportAsync(whole);
        var expected = await SnapshotAsync(whole);

        using var storage = StoreProvider.Create(provider);
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(storage, failAfterBatches: 15));
        Assert.NotEqual(expected, await SnapshotAsync(storage));

        var resumed = await ImportAsync(storage);
        Assert.Equal(expected, await SnapshotAsync(storage));
        Assert.Equal(15, resumed.Rows.Count(r => r.ReasonCode == "AlreadyImported"));

        var again = await ImportAsync(storage);
        Assert.Equal(expected, await SnapshotAsync(storage));
        Assert.Equal(30, again.Totals.Unchanged);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_RunAgainAndStopped_RollsNothingBack(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await ImportAsync(storage);
        var imported = await SnapshotAsync(storage);

        try
        {
            await ImportAsync(storage, failAfterBatches: 12);
        }
        catch (IOException)
        {
            // Stopped where the import wrote its 13th batch, if it writes any: what it wrote before stays.
        }

        Assert.Equal(imported, await SnapshotAsync(storage));
    }

    /// <summary>Review, wave 17: the rows a <c>--merge review</c> run held were reported by the next run as already imported, though
    /// never written. Through the provider's ledger, the next run applies them and ends as the import without the review run would.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_AfterAReviewRunThatHeldRows_AppliesTheHeldRows_NeverAlreadyImported(string provider)
    {
        using var whole = StoreProvider.Create(provider);
        await ImportAsync(whole);
        var expected = await SnapshotAsync(whole);

        using var storage = StoreProvider.Create(provider);
        var review = await ImportAsync(storage, merge: MergePolicy.HoldForReview);
        Assert.Equal((10, 20), (review.Totals.Inserted, review.Totals.Held));

        var next = await ImportAsync(storage);

        Assert.DoesNotContain(next.Rows, r => r.ReasonCode == "AlreadyImported");
        Assert.Equal(20, next.Totals.Merged);
        Assert.Equal(expected, await SnapshotAsync(storage));
        var again = await ImportAsync(storage);
        Assert.Equal(30, again.Rows.Count(r => r.ReasonCode == "AlreadyImported"));
    }

    /// <summary>Wave 19, ledger retention: pruning the finished runs keeps an interrupted one, and the next import still takes it up where it
    /// stopped. A new run's id counted the file's runs, so after a prune it was the id of the run kept, and the import failed to start.
    /// Once every run of the file is pruned (the interrupted one with the run that took it up), the file is new: every row is applied
    /// again and the stored values end the same.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Prune_KeepsTheInterruptedRun_TheNextImportTakesItUp_AndAFullyPrunedFileIsAppliedAgainEndingTheSame(string provider)
    {
        var before = Instant.FromUtc(2026, 3, 10, 2, 1);
        using var whole = StoreProvider.Create(provider);
        await ImportAsync(whole, merge: MergePolicy.HoldForReview);
        await ImportAsync(whole);
        var expected = await SnapshotAsync(whole);

        // A finished review run (another key), then a keep-newest run stopped after five written batches.
        using var storage = StoreProvider.Create(provider);
        await ImportAsync(storage, merge: MergePolicy.HoldForReview);
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(storage, failAfterBatches: 5));
        var pruned = await storage.ImportLedger().PruneAsync(before);
        Assert.Equal((1, 1), (pruned.Pruned.Count, pruned.UnfinishedKept));
        Assert.Equal(20, pruned.Pruned[0].Totals.Held);

        var resumed = await ImportAsync(storage);
        Assert.Contains(resumed.Rows, r => r.ReasonCode == "AlreadyImported");
        Assert.Equal(expected, await SnapshotAsync(storage));

        var all = await storage.ImportLedger().PruneAsync(before);
        Assert.Equal((2, 0), (all.Pruned.Count, all.UnfinishedKept));
        var fresh = await ImportAsync(storage);
        Assert.Empty(fresh.PreviousRuns);
        Assert.DoesNotContain(fresh.Rows, r => r.ReasonCode == "AlreadyImported");
        Assert.Equal(0, fresh.Totals.Inserted);

        // As documented (docs/import.md): the values end the same; a customer whose rows of different dates sit in different batches is
        // written again on the way (the older row, then the newer one), a version each, as any run that applies every row again.
        static Dictionary<string, string> Values(SortedDictionary<string, string> snapshot) => snapshot.ToDictionary(c => c.Key, c => c.Value[(c.Value.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Values(expected), Values(await SnapshotAsync(storage)));
    }

    /// <summary>The provider's store, whose batch writes fail (as a process killed there) after a number of them.</summary>
    private sealed class StoppingStore(ICustomerBatchRepository inner, int batchesBeforeTheFailure) : ICustomerBatchRepository, ICustomerKeyIndex
    {
        private int _writes;

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The import writes batches.");

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) =>
            _writes++ == batchesBeforeTheFailure ? throw new IOException("the process stopped") : inner.SaveAllAsync(writes, cancellationToken);

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            ((ICustomerKeyIndex)inner).FindByKeysAsync(keys, cancellationToken);
    }

    // wave 20: a new run's id was one more than the highest of its file's runs the ledger still held, so once a prune removed them all the
    // numbering started again at 1 and an old audit record's correlation id named the new run too. Failed before the fix: the second
    // run's id was the first's ("…-1" again).
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_AfterPruningEveryRun_TheNewRunsIdIsNew(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var first = await ImportAsync(storage);
        Assert.Single((await storage.ImportLedger().PruneAsync(Instant.FromUtc(2026, 3, 11, 0, 0))).Pruned);

        var second = await ImportAsync(storage);

        Assert.NotNull(first.RunId);
        Assert.NotNull(second.RunId);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Empty(second.PreviousRuns);
    }
}
