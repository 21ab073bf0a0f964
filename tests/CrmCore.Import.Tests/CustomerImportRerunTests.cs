using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A file imported again through the ledger writes nothing, and an interrupted run taken up again ends where the uninterrupted run
/// ends (QA wave 17, item 1): duplicates of one customer in different batches (an older row, a newer one, then an older one again)
/// were applied again on every run, the older values written over the newer ones and back (a version each), and a run stopped between
/// the two left the older values in the store.
/// </summary>
public sealed class CustomerImportRerunTests
{
    private const string Header = "客户名称,联系人,联系方式,年合作金额,更新时间\n";

    /// <summary>qa17's three_nodate.csv: three rows of one customer (one phone), no update date, so the later row wins.</summary>
    private const string ThreeNoDate =
        "客户名称,联系人,联系方式,年合作金额\n" +
        "公司0号,人0,13900000000,0\n" +
        "公司0号,新2,13900000000,2\n" +
        "公司0号,新11,13900000000,11\n";

    /// <summary>Twelve customers, each in three rows far apart (so in different batches): its first row, a newer duplicate by phone
    /// with other values, then an older duplicate; a blank row and a rejected row in the middle.</summary>
    private static readonly string Duplicates = BuildDuplicates();

    private static string BuildDuplicates()
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < 12; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号,人{i},1390000{i:D4},{i},2024-06-01\n");
        }

        csv.Append(",,,,\n公司X号,人X,bad,1,2024-06-01\n");
        for (var i = 11; i >= 0; i--)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号（新）,新{i},1390000{i:D4},{100 + i},2025-01-03\n");
        }

        for (var i = 0; i < 12; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i}号,旧{i},1390000{i:D4},{200 + i},2023-01-01\n");
        }

        return csv.ToString();
    }

    public static TheoryData<string, int> Files => new()
    {
        { ThreeNoDate, 1 }, { ThreeNoDate, 500 }, { Duplicates, 1 }, { Duplicates, 5 }, { Duplicates, 7 }, { Duplicates, 500 },
    };

    private static async Task<ImportReport> ImportAsync(ICustomerRepository store, IImportLedger? ledger, string csv, int batchSize, bool dryRun = false, string mapping = "built-in")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        // The runs these tests stop are over (the fake clock does not move): no lease, so the next run takes them up at once.
        var options = new CustomerImportOptions { Ledger = ledger, BatchSize = batchSize, DryRun = dryRun, MappingName = mapping, RunLease = NodaTime.Duration.Zero };
        return await Samples.Importer(store, options).ImportAsync(stream, "dup.csv");
    }

    /// <summary>Every stored customer by id: its version and what an import writes.</summary>
    internal static async Task<SortedDictionary<string, string>> SnapshotAsync(ICustomerRepository store)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in await Samples.AllAsync(store))
        {
            var contacts = string.Join("; ", s.Contacts.Select(c => $"{c.Name}/{c.Phone}/{c.Email}/{c.Address}"));
            snapshot[s.Id.Value] = $"v{s.Version} {s.Name} {s.AnnualAmount} {s.FirstContactOn} [{contacts}]";
        }

        return snapshot;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task SameFileAgain_EveryRowAlreadyImported_NothingWrittenAndNoVersionBumped(string csv, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        var first = await ImportAsync(store, ledger, csv, batchSize);
        var imported = await SnapshotAsync(store);
        Assert.True(first.Totals.Merged > 0, "the file must merge duplicates for the test to mean something");

        var again = await ImportAsync(store, ledger, csv, batchSize);

        Assert.Equal(imported, await SnapshotAsync(store));
        Assert.Equal(first.Totals.RowsRead, again.Totals.RowsRead);
        Assert.Equal((0, 0, 0), (again.Totals.Inserted, again.Totals.Updated, again.Totals.Merged));
        // A rejected or blank row is reported as before; every other row is unchanged, already imported by the first run.
        Assert.Equal((first.Totals.Rejected, first.Totals.Skipped), (again.Totals.Rejected, again.Totals.Skipped));
        Assert.All(again.Rows.Where(r => r.Outcome == ImportOutcome.Unchanged), r => Assert.Equal("AlreadyImported", r.ReasonCode));
        Assert.All(again.Rows.Where(r => r.Outcome == ImportOutcome.Unchanged), r => Assert.Contains(first.RunId!, r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameFileAgain_TheReasonSaysSo_InEnglishAndChinese()
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        var first = await ImportAsync(store, ledger, ThreeNoDate, 1);

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ThreeNoDate));
        var zh = await Samples.Importer(store, new CustomerImportOptions { Ledger = ledger, BatchSize = 1, Culture = new CultureInfo("zh-Hans") }).ImportAsync(stream, "dup.csv");
        var en = await ImportAsync(store, ledger, ThreeNoDate, 1);

        Assert.Equal($"already imported by the earlier run {first.RunId} of this file (2026-03-10 02:00:00 UTC): not applied again, nothing written", en.Rows[1].Reason);
        Assert.Equal($"此文件之前的导入 {first.RunId}（2026-03-10 02:00:00 UTC）已导入此行：不再重复应用，未写入任何内容", zh.Rows[1].Reason);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task SameFileAgain_DryRun_ReportsWhatTheRealRunDoes(string csv, int batchSize)
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        await ImportAsync(store, ledger, csv, batchSize);

        var dry = await ImportAsync(store, ledger, csv, batchSize, dryRun: true);
        var real = await ImportAsync(store, ledger, csv, batchSize);

        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(real.Rows.Select(r => (r.Line, r.Outcome, r.ReasonCode)), dry.Rows.Select(r => (r.Line, r.Outcome, r.ReasonCode)));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(1, 20)]
    [InlineData(5, 2)]
    [InlineData(7, 4)]
    public async Task AnInterruptedRun_RunAgain_EndsAsTheUninterruptedRun_AndARunAfterThatWritesNothing(int batchSize, int batchesBeforeTheFailure)
    {
        var whole = new InMemoryCustomerRepository();
        await ImportAsync(whole, new InMemoryImportLedger(), Duplicates, batchSize);
        var expected = await SnapshotAsync(whole);

        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(new FailingStore(store, batchesBeforeTheFailure), ledger, Duplicates, batchSize));
        Assert.NotEqual(expected, await SnapshotAsync(store));

        var dry = await ImportAsync(store, ledger, Duplicates, batchSize, dryRun: true);
        var resumed = await ImportAsync(store, ledger, Duplicates, batchSize);

        Assert.Equal(expected, await SnapshotAsync(store));
        Assert.Equal(resumed.Totals, dry.Totals);
        Assert.Contains(resumed.Rows, r => r.ReasonCode == "AlreadyImported");
        Assert.Contains(resumed.Rows, r => r.Outcome is ImportOutcome.Inserted or ImportOutcome.Merged);

        var again = await ImportAsync(store, ledger, Duplicates, batchSize);
        Assert.Equal(expected, await SnapshotAsync(store));
        Assert.Equal(0, again.Totals.Inserted + again.Totals.Updated + again.Totals.Merged);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(1, 30)]
    [InlineData(5, 4)]
    public async Task ASecondRunStopped_RollsNothingBack(int batchSize, int batchesBeforeTheFailure)
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        await ImportAsync(store, ledger, Duplicates, batchSize);
        var imported = await SnapshotAsync(store);

        // The store fails on the batch write after those (as a process killed there); a run that writes nothing never reaches it.
        var failing = new FailingStore(store, batchesBeforeTheFailure);
        try
        {
            await ImportAsync(failing, ledger, Duplicates, batchSize);
        }
        catch (IOException)
        {
            // Stopped: what it wrote before stays, and is checked below.
        }

        Assert.Equal(0, failing.Writes);
        Assert.Equal(imported, await SnapshotAsync(store));
    }

    [Fact]
    public async Task TheSameFileWithAnotherMapping_IsAppliedAgain()
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        await ImportAsync(store, ledger, ThreeNoDate, 1);

        var other = await ImportAsync(store, ledger, ThreeNoDate, 1, mapping: "other.json#1");

        Assert.DoesNotContain(other.Rows, r => r.ReasonCode == "AlreadyImported");
    }

    /// <summary>Review, wave 17: rows a <c>--merge review</c> run held were reported by the next keep-newest run as already imported
    /// ("nothing written"), though they never were. Every row of the file is applied by the next run; a run after that writes nothing.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public async Task RowsAnEarlierRunHeldForReview_AreAppliedByTheNextRun_NeverAlreadyImported(int batchSize)
    {
        const string csv = "客户名称,联系人,联系方式\n上海甲公司,张三,13800138000\n上海乙公司,李四,13800138000\n";
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
        {
            var options = new CustomerImportOptions { Ledger = ledger, BatchSize = batchSize, MergePolicy = MergePolicy.HoldForReview };
            var review = await Samples.Importer(store, options).ImportAsync(stream, "hold.csv");
            Assert.Equal((1, 1), (review.Totals.Inserted, review.Totals.Held));
        }

        var before = await SnapshotAsync(store);
        var dry = await ImportAsync(store, ledger, csv, batchSize, dryRun: true);
        var next = await ImportAsync(store, ledger, csv, batchSize);

        Assert.DoesNotContain(next.Rows, r => r.ReasonCode == "AlreadyImported");
        Assert.Equal(ImportOutcome.Unchanged, next.Rows[0].Outcome);
        Assert.Equal(ImportOutcome.Merged, next.Rows[1].Outcome);
        Assert.Equal((0, 1, 1), (next.Totals.Inserted, next.Totals.Unchanged, next.Totals.Merged));
        Assert.NotEqual(before, await SnapshotAsync(store));
        Assert.Contains(Assert.Single(await Samples.AllAsync(store)).Contacts, c => c.Name == "李四");
        Assert.Equal(next.Rows.Select(r => (r.Line, r.Outcome, r.ReasonCode)), dry.Rows.Select(r => (r.Line, r.Outcome, r.ReasonCode)));

        // The keep-newest run held nothing: the run after it takes it up, and writes nothing.
        var merged = await SnapshotAsync(store);
        var third = await ImportAsync(store, ledger, csv, batchSize);
        Assert.Equal(merged, await SnapshotAsync(store));
        Assert.Equal(2, third.Rows.Count(r => r.ReasonCode == "AlreadyImported"));
        Assert.All(third.Rows, r => Assert.Contains(next.RunId!, r.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RowsRejectedForAConflict_AreAppliedWhenTheFileIsRunAgain_AsTheirReasonSays()
    {
        const string csv = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\nKH1,甲公司,零售业,,,10万,\nKH2,乙公司,,,,,\n";
        var inner = new InMemoryCustomerRepository();
        await inner.SaveAsync(Customer.Create(new CustomerId("KH1"), new CustomerProfile { Name = "甲公司", FirstContactOn = new NodaTime.LocalDate(2020, 1, 1) }, NodaTime.Instant.FromUtc(2020, 1, 1, 0, 0)).ToState(), 0);
        var ledger = new InMemoryImportLedger();
        var conflicted = await ImportAsync(new InterferingStore(inner, new CustomerId("KH1")), ledger, csv, 500);
        Assert.Equal(2, conflicted.Totals.Rejected);

        var again = await ImportAsync(inner, ledger, csv, 500);

        Assert.Equal((1, 1), (again.Totals.Updated, again.Totals.Inserted));
        Assert.NotNull(await inner.FindAsync(new CustomerId("KH2")));
        var third = await ImportAsync(inner, ledger, csv, 500);
        Assert.Equal(2, third.Rows.Count(r => r.ReasonCode == "AlreadyImported"));
    }

    /// <summary>A batch store with a key index whose batch writes fail (as a killed process stops) after a number of them.</summary>
    internal sealed class FailingStore(InMemoryCustomerRepository inner, int batchesBeforeTheFailure) : ICustomerBatchRepository, ICustomerKeyIndex
    {
        public int Writes { get; private set; }

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The import writes batches.");

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default)
        {
            if (Writes++ == batchesBeforeTheFailure)
            {
                throw new IOException("the process stopped");
            }

            return inner.SaveAllAsync(writes, cancellationToken);
        }

        public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default) =>
            inner.FindByKeysAsync(keys, cancellationToken);
    }

    // wave 20: an unfinished run was taken up by the next import of its file however recently it had recorded a batch, so an import still
    // running was taken up (and its record later pruned) as if it had been killed. Now an unfinished run of the same file and key active
    // within the lease (CustomerImportOptions.RunLease) is not taken up: the import refuses, naming the run and when it may be taken up,
    // and writes nothing; once the lease has passed it is taken up. Failed before the fix: the import took the running run up.
    [Fact]
    public async Task AnUnfinishedRunActiveWithinTheLease_IsNotTakenUp_TheImportRefusesNamingIt_AndWritesNothing()
    {
        // The run's record is a finished run's (on a ledger of its own: a finished run that started after the running one's last
        // activity took it up), unfinished and last active four minutes before the clock.
        var scratch = new InMemoryImportLedger();
        var first = await ImportAsync(new InMemoryCustomerRepository(), scratch, ThreeNoDate, 1);
        var ledger = new InMemoryImportLedger();
        var now = Samples.Clock().GetCurrentInstant();
        await ledger.StartAsync((await scratch.FindAsync(first.RunId!))! with
        {
            Id = "running-1", FinishedAt = null, StartedAt = now - NodaTime.Duration.FromMinutes(20), LastActiveAt = now - NodaTime.Duration.FromMinutes(4),
        });
        var fresh = new InMemoryCustomerRepository();

        async Task<ImportReport> Import(int leaseMinutes, string culture, NodaTime.Duration? lease = null)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(ThreeNoDate));
            var options = new CustomerImportOptions { Ledger = ledger, BatchSize = 1, RunLease = lease ?? NodaTime.Duration.FromMinutes(leaseMinutes), Culture = new CultureInfo(culture) };
            return await Samples.Importer(fresh, options).ImportAsync(stream, "dup.csv");
        }

        var en = await Assert.ThrowsAsync<ImportFileException>(() => Import(5, "en"));
        var zh = await Assert.ThrowsAsync<ImportFileException>(() => Import(5, "zh-Hans"));

        Assert.Equal(
            "dup.csv: import run running-1 of this file under the same mapping and options has not finished and recorded its last activity at " +
            "2026-03-10 01:56:00 UTC, less than 5 minutes ago (the run lease, CustomerImportOptions.RunLease): it may still be running, so this " +
            "import does not take it up and writes nothing; wait until it finishes, or run the import again after 2026-03-10 02:01:00 UTC, when " +
            "it is taken up where it stopped; if it is known to have stopped, take it up now with a zero run lease (RunLease = Duration.Zero)",
            en.Message);
        Assert.Equal(
            "dup.csv: 此文件以相同映射和选项进行的导入 running-1 尚未完成，其最后一次活动记录于 2026-03-10 01:56:00 UTC，距今不到 5 分钟（运行租期，" +
            "CustomerImportOptions.RunLease）：它可能仍在运行，因此本次导入不接续它，也未写入任何内容；请等它完成，或在 2026-03-10 02:01:00 UTC 之后再次导入，届时从它停下之处接续；若确知它已停止，可用零运行租期（RunLease = Duration.Zero）立即接续",
            zh.Message);
        Assert.Empty(await Samples.AllAsync(fresh));
        Assert.Single(await ledger.FindByFileHashAsync(first.FileHash));

        // Review of wave 20, item 4: a lease too long to add to an instant (a host's "never") threw OverflowException; now it refuses,
        // naming the end of time. Failed before the fix with the overflow.
        foreach (var never in new[] { NodaTime.Duration.FromDays(3_000_000), NodaTime.Duration.MaxValue })
        {
            var forever = await Assert.ThrowsAsync<ImportFileException>(() => Import(0, "en", never));
            Assert.Contains("run the import again after 9999-12-31 23:59:59 UTC", forever.Message, StringComparison.Ordinal);
        }

        var later = await Import(3, "en");
        Assert.Equal(["running-1"], later.PreviousRuns.Select(r => r.Id));
        Assert.NotNull(later.RunId);
        Assert.Equal(2, (await ledger.FindByFileHashAsync(first.FileHash)).Count);
    }
}
