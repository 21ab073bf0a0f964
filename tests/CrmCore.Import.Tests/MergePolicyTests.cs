using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

public class MergePolicyTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(string csv, CustomerImportOptions? options = null, InMemoryCustomerRepository? store = null)
    {
        store ??= new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await Samples.Importer(store, options).ImportAsync(stream, "test.csv");
        return (report, store);
    }

    [Fact]
    public async Task KeepNewest_LaterRow_ReplacesValues()
    {
        var (report, store) = await ImportAsync(Header + "KH1,甲公司,制造业,13800000001,,10万,2026-01-01\n,甲公司有限公司,零售业,,,20万,2026-02-01\n");
        Assert.Equal(ImportOutcome.Merged, report.Rows[1].Outcome);
        Assert.Equal("name", report.Rows[1].MatchedBy);
        var c = (await store.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal((Industry.Retail, 200_000m, "甲公司"), (c.Industry, c.AnnualAmount.Amount, c.Name));
    }

    [Fact]
    public async Task KeepNewest_OlderUpdatedOn_OnlyFillsBlanks()
    {
        var (_, store) = await ImportAsync(Header + "KH1,甲公司,,13800000001,,20万,2026-02-01\nKH1,甲公司,零售业,,a@b.cn,10万,2025-12-01\n");
        var c = (await store.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal((Industry.Retail, 200_000m), (c.Industry, c.AnnualAmount.Amount));
        Assert.Equal("a@b.cn", c.Contacts.Single(x => x.Email is not null).Email);
    }

    [Fact]
    public async Task FillBlanks_Duplicate_KeepsExistingValues()
    {
        var (report, store) = await ImportAsync(
            Header + "KH1,甲公司,,13800000001,,10万,\n,乙公司,零售业,138 0000 0001,x@y.cn,20万,\n",
            new CustomerImportOptions { MergePolicy = MergePolicy.FillBlanks });
        Assert.Equal(("KH1", "phone", "line 2"), (report.Rows[1].CustomerId, report.Rows[1].MatchedBy, report.Rows[1].MatchedSource));
        var c = (await store.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal(("甲公司", Industry.Retail, 100_000m), (c.Name, c.Industry, c.AnnualAmount.Amount));
        Assert.Equal("x@y.cn", Assert.Single(c.Contacts).Email);
        Assert.Single(await Samples.AllAsync(store));
    }

    [Fact]
    public async Task HoldForReview_Duplicate_WritesNothingAndReportsBothSources()
    {
        var (report, store) = await ImportAsync(
            Header + "KH1,甲公司,,13800000001,,10万,\n,乙公司,零售业,13800000001,,20万,\n",
            new CustomerImportOptions { MergePolicy = MergePolicy.HoldForReview });
        var held = report.Rows[1];
        Assert.Equal((ImportOutcome.Held, "KH1", "phone", "line 2"), (held.Outcome, held.CustomerId, held.MatchedBy, held.MatchedSource));
        Assert.NotNull(held.Cells);
        var c = (await store.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal((Industry.Retail == c.Industry, 100_000m), (false, c.AnnualAmount.Amount));
        Assert.Single(await Samples.AllAsync(store));
    }

    [Fact]
    public async Task StoredCustomer_MatchedByEmail_MergedWithStoredAsSource()
    {
        var store = new InMemoryCustomerRepository();
        var existing = Customer.Create(new CustomerId("OLD1"), new CustomerProfile
        {
            Name = "丙公司",
            FirstContactOn = new LocalDate(2020, 1, 1),
            Contacts = [new Contact("王五", ContactRole.DecisionMaker) { Email = "wang@bing.cn" }],
        }, Instant.FromUtc(2020, 1, 1, 0, 0));
        await store.SaveAsync(existing.ToState(), 0);

        var (report, _) = await ImportAsync(Header + ",丙有限公司,服务业,,WANG@bing.cn,5万,\n", store: store);

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Merged, "OLD1", "email", "stored"), (row.Outcome, row.CustomerId, row.MatchedBy, row.MatchedSource));
        Assert.Equal(Industry.Services, (await store.FindAsync(new CustomerId("OLD1")))!.Industry);
    }

    [Theory]
    [InlineData(MergePolicy.KeepNewest)]
    [InlineData(MergePolicy.FillBlanks)]
    public async Task StoredCustomer_SameValuesInAnotherForm_UnchangedAndVersionKept(MergePolicy policy)
    {
        var store = new InMemoryCustomerRepository();
        var existing = Customer.Create(new CustomerId("OLD1"), new CustomerProfile
        {
            Name = "丙公司",
            Industry = Industry.Services,
            FirstContactOn = new LocalDate(2020, 1, 1),
            Transactions = new TransactionSummary(null, Money.Cny(50_000), [], null),
            Contacts = [new Contact("王五", ContactRole.DecisionMaker) { Phone = "138 0000 0001", Email = "wang@bing.cn" }],
        }, Instant.FromUtc(2020, 1, 1, 0, 0));
        await store.SaveAsync(existing.ToState(), 0);
        var version = (await store.FindAsync(new CustomerId("OLD1")))!.Version;

        var (report, _) = await ImportAsync(Header + ",丙公司,服务业,+86 138-0000-0001,WANG@bing.cn,5万,\n", new CustomerImportOptions { MergePolicy = policy }, store);

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Unchanged, "OLD1", "phone"), (row.Outcome, row.CustomerId, row.MatchedBy));
        Assert.Equal(0, report.Totals.Merged);
        var after = (await store.FindAsync(new CustomerId("OLD1")))!;
        Assert.Equal(version, after.Version);
        Assert.Equal("138 0000 0001", after.Contacts.Single().Phone);
    }

    [Fact]
    public async Task StoredCustomer_RowsTakingTurnsEndWhereTheStoreIs_UnchangedAndNotWritten()
    {
        var csv = Header + "KH1,甲公司,制造业,13800000001,,10万,2026-01-01\n,甲公司,零售业,,,20万,2026-02-01\n";
        var (_, store) = await ImportAsync(csv);
        var version = (await store.FindAsync(new CustomerId("KH1")))!.Version;

        var (again, _) = await ImportAsync(csv, store: store);

        Assert.All(again.Rows, r => Assert.Equal(ImportOutcome.Unchanged, r.Outcome));
        var after = (await store.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal((version, Industry.Retail, 200_000m), (after.Version, after.Industry, after.AnnualAmount.Amount));
    }

    [Fact]
    public async Task NameSimilarity_BelowOne_MatchesNearNames()
    {
        // The second row has no id of its own (a row with its own id is not merged by a similar name: CustomerSimilarNameTests).
        var csv = Header + "KH1,上海某某精密制造,,,,,\n,上海某某精密制選,,,,,\n";
        var (exact, _) = await ImportAsync(csv);
        Assert.Equal(2, exact.Totals.Inserted);

        var (similar, store) = await ImportAsync(csv, new CustomerImportOptions { NameSimilarity = 0.8 });
        Assert.Equal((1, 1), (similar.Totals.Inserted, similar.Totals.Merged));
        Assert.Equal("KH1", similar.Rows[1].CustomerId);
        Assert.Single(await Samples.AllAsync(store));
    }

    [Fact]
    public async Task NoMatchingByContact_SamePhone_TwoCustomers()
    {
        var (report, _) = await ImportAsync(Header + "KH1,甲,,4008001234,,,\nKH2,乙,,400-800-1234,,,\n", new CustomerImportOptions { MatchByContact = false });
        Assert.Equal(2, report.Totals.Inserted);
    }

    [Fact]
    public async Task DryRun_WritesNothing_ReportsTheSame()
    {
        var csv = Header + "KH1,甲公司,,13800000001,,10万,\n,甲公司,,,,,\nKH2,乙公司,,bad,,,\n";
        var (dry, dryStore) = await ImportAsync(csv, new CustomerImportOptions { DryRun = true });
        var (real, _) = await ImportAsync(csv);

        Assert.Empty(await Samples.AllAsync(dryStore));
        Assert.True(dry.DryRun);
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(real.Rows.Select(r => (r.Outcome, r.CustomerId)), dry.Rows.Select(r => (r.Outcome, r.CustomerId)));
    }

    [Fact]
    public async Task RunAgain_SameFile_NoDuplicatesAndUnchanged()
    {
        var store = new InMemoryCustomerRepository();
        var first = await Samples.Importer(store).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        var before = await Samples.AllAsync(store);
        var again = await Samples.Importer(store).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        var after = await Samples.AllAsync(store);

        // The same customers with the same values and versions: every accepted row is unchanged, nothing is written.
        Assert.Equal(before.Select(Values), after.Select(Values));
        Assert.Equal(before.Select(c => c.Version), after.Select(c => c.Version));
        Assert.Equal((0, 0, 0), (again.Totals.Inserted, again.Totals.Updated, again.Totals.Merged));
        Assert.Equal(first.Totals.Inserted + first.Totals.Merged + first.Totals.Updated + first.Totals.Unchanged, again.Totals.Unchanged);
        Assert.Equal(first.Totals.RowsRead, again.Totals.RowsRead);
    }

    private static string Values(CustomerState c) =>
        $"{c.Id}|{c.Name}|{c.Industry}|{c.AnnualAmount}|{c.FirstCooperationOn}|{string.Join(",", c.Contacts.Select(x => $"{x.Name}/{x.Phone}/{x.Email}"))}";

    [Fact]
    public async Task Rows_WithoutId_GetTheSameDerivedIdEveryRun()
    {
        var csv = Header + ",无编号公司,,,,,\n";
        var (a, _) = await ImportAsync(csv);
        var (b, _) = await ImportAsync(csv);
        Assert.StartsWith("IMP", a.Rows[0].CustomerId, StringComparison.Ordinal);
        Assert.Equal(a.Rows[0].CustomerId, b.Rows[0].CustomerId);
    }

    [Fact]
    public async Task Batches_SmallBatchSize_SameResultAsOneBatch()
    {
        var csv = Header + string.Concat(Enumerable.Range(1, 25).Select(i => $"KH{i % 10},公司{i % 10},,1380000{i % 10:D4},,{i}万,\n"));
        var (one, storeOne) = await ImportAsync(csv);
        var (many, storeMany) = await ImportAsync(csv, new CustomerImportOptions { BatchSize = 3 });
        Assert.Equal(9, many.Batches);
        Assert.Equal(one.Totals, many.Totals);
        Assert.Equal((await Samples.AllAsync(storeOne)).Select(c => (c.Id, c.AnnualAmount)), (await Samples.AllAsync(storeMany)).Select(c => (c.Id, c.AnnualAmount)));
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, true)]
    [InlineData(150, true)]
    [InlineData(150, false)]
    [InlineData(1000, false)]
    public async Task Batches_OfSeveralPieces_SameRowsAsOneRowBatches(int batchSize, bool keyIndex)
    {
        // Batches longer than the 64-row pieces the reading thread hands over (a piece ending a batch, a short last piece, an empty
        // one after a full piece), with duplicates within and across pieces and batches, on the whole-run index and the store's.
        var csv = Header + string.Concat(Enumerable.Range(1, 400).Select(i => $"KH{i % 170},公司{i % 170},,1380000{i % 170:D4},,{i}万,\n"));
        async Task<(ImportReport Report, List<(CustomerId, decimal)> Stored)> RunAsync(int size)
        {
            var store = new InMemoryCustomerRepository();
            ICustomerRepository target = keyIndex ? store : new WithoutKeyIndex(store);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
            var report = await Samples.Importer(target, new CustomerImportOptions { BatchSize = size }).ImportAsync(stream, "test.csv");
            return (report, [.. (await Samples.AllAsync(store)).Select(c => (c.Id, c.AnnualAmount.Amount))]);
        }

        var (one, storedOne) = await RunAsync(1);
        var (pieces, storedPieces) = await RunAsync(batchSize);

        Assert.Equal((400 + batchSize - 1) / batchSize, pieces.Batches);
        Assert.Equal(one.Totals, pieces.Totals);
        Assert.Equal(one.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy)), pieces.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy)));
        Assert.Equal(storedOne, storedPieces);
    }

    [Fact]
    public async Task Rejected_ManyBadCells_AllReasonsFirstColumn()
    {
        var (report, _) = await ImportAsync(Header + "KH1,,,12345,not-mail,很多,昨天\n");
        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Rejected, "客户名称", 2), (row.Outcome, row.Column, row.ColumnNumber));
        Assert.Contains("12345", row.Reason, StringComparison.Ordinal);
        Assert.Contains("not-mail", row.Reason, StringComparison.Ordinal);
        Assert.Contains("很多", row.Reason, StringComparison.Ordinal);
        Assert.Contains("昨天", row.Reason, StringComparison.Ordinal);
        Assert.Contains("客户名称", row.Reason, StringComparison.Ordinal);
    }
}
