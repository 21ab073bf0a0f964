using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// A customer import's dry run on every provider writes nothing to the store (no customer, no match key, no name gram, the gram index's
/// state as it was), whatever state the store's similar-name index is in, and reports exactly what the real import then does.
/// </summary>
public sealed class ImportDryRunContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30, 15);

    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    /// <summary>Near duplicates of stored customers (a typo each), an update by id, a new customer and its exact duplicate, a customer
    /// near a new one, a row that is rejected.</summary>
    private const string Rows =
        ",上海瑞丰精密机槭有限公司,制造业,,,,\n" +
        "KH005,北京5号科技有限公司,软件,,,12万,\n" +
        ",深圳新客户有限公司,,13900001111,,,\n" +
        ",深圳新客户有限公司,,,,,\n" +
        ",广州天河精密机槭有限公司,,,,,\n" +
        ",深圳新客尸有限公司,,,,,\n" +
        "KH7,乙公司,,bad,,,\n" +
        ",北京41号科技有限公司,,,,,\n" +
        ",上海瑞丰精密机械有限公司,,13800765432,,,\n";

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    private static CustomerState New(string id, string name, string? phone = null) =>
        Customer.Create(
            new CustomerId(id),
            new CustomerProfile
            {
                Name = name,
                FirstContactOn = new LocalDate(2026, 1, 1),
                Contacts = phone is null ? null : [new Contact("王经理", new ContactRole("Contact")) { Phone = phone }],
            },
            At).ToState();

    private static async Task StoreCustomersAsync(StoreProvider storage)
    {
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        var states = Enumerable.Range(0, 40).Select(i => New($"KH{i:D3}", $"北京{i}号科技有限公司"))
            .Append(New("KH900", "上海瑞丰精密机械有限公司", "13800765432"))
            .Append(New("KH901", "广州天河精密机械有限公司"));
        await customers.SaveAllAsync([.. states.Select(s => (s, 0L))]);
    }

    /// <summary>Imports <see cref="Rows"/> at similarity 0.85 through a fresh instance of the store (as a new process would).</summary>
    private static async Task<ImportReport> ImportAsync(StoreProvider storage, bool dryRun)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + Rows));
        var options = new CustomerImportOptions { DryRun = dryRun, NameSimilarity = 0.85, BatchSize = 4 };
        return await new CustomerImporter(storage.Desk().Customers, new FakeClock(Instant.FromUtc(2026, 3, 10, 2, 0)), options).ImportAsync(stream, "customers.csv");
    }

    private static (ImportOutcome, string?, string?, string?)[] Outcomes(ImportReport report) =>
        [.. report.Rows.Select(r => (r.Outcome, r.CustomerId, r.MatchedBy, r.Reason))];

    /// <summary>The dry run reported what the real run then did, and the real run did merge by similar names (so the test means something).</summary>
    private static async Task AssertSameAsTheRealImportAsync(StoreProvider storage, ImportReport dry)
    {
        var real = await ImportAsync(storage, dryRun: false);
        Assert.True(dry.DryRun);
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(Outcomes(real), Outcomes(dry));
        Assert.Equal(real.IncompleteNameSearches, dry.IncompleteNameSearches);
        // The stores here hold every key, so the dry run looks every key up as the real import does: none incomplete on either side.
        Assert.Equal((0, 0), (real.IncompleteKeyLookups, dry.IncompleteKeyLookups));
        Assert.Contains(("KH900", "name"), real.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
        Assert.Contains(("KH901", "name"), real.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
    }

    /// <summary>Logs every row inserted, updated or deleted in the customer, key, gram and gram state tables from now on.</summary>
    private static TableWriteLog LogWrites(StoreProvider storage, string provider) =>
        TableWriteLog.Start(storage, provider, ["INSERT", "UPDATE", "DELETE"],
            (storage.CustomerTable, "c"), (storage.CustomerTable + "_key", "k"), (storage.CustomerTable + "_name_gram", "g"), (storage.CustomerTable + "_name_gram_state", "s"));

    private static long[] RowCounts(StoreProvider storage) =>
        [.. new[] { string.Empty, "_key", "_name_gram", "_name_gram_state" }.Select(t => storage.ScalarSql($"SELECT count(*) FROM {storage.CustomerTable}{t}"))];

    /// <summary>The dry run, every write to the customer, key, gram and gram state tables logged: none, and their row counts as before.</summary>
    private static async Task<ImportReport> DryRunWritingNothingAsync(StoreProvider storage, string provider)
    {
        var counts = RowCounts(storage);
        var log = LogWrites(storage, provider);
        var dry = await ImportAsync(storage, dryRun: true);
        Assert.Equal(0, log.Count());
        Assert.Equal(counts, RowCounts(storage));
        return dry;
    }

    /// <summary>The gram index's state row: turned on (10) plus built (1).</summary>
    private static long GramState(StoreProvider storage) => storage.ScalarSql($"SELECT turned_on * 10 + built FROM {storage.CustomerTable}_name_gram_state");

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DryRun_SimilarNames_GramsOff_ReportsAsTheRealImport(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await StoreCustomersAsync(storage);
        var before = await CustomerStatesAsync(storage);

        var dry = await ImportAsync(storage, dryRun: true);

        Assert.Equal(before, await CustomerStatesAsync(storage));
        await AssertSameAsTheRealImportAsync(storage, dry);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DryRun_SimilarNames_GramsOff_LeavesThemOff_WritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await StoreCustomersAsync(storage);
        var dry = await DryRunWritingNothingAsync(storage, provider);

        Assert.Equal(0, storage.ScalarSql($"SELECT count(*) FROM {storage.CustomerTable}_name_gram"));
        Assert.Equal(0, storage.ScalarSql($"SELECT turned_on FROM {storage.CustomerTable}_name_gram_state"));
        await AssertSameAsTheRealImportAsync(storage, dry);
        Assert.Equal(1, storage.ScalarSql($"SELECT turned_on FROM {storage.CustomerTable}_name_gram_state")); // the real run turned them on
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DryRun_GramsAlreadyOn_ReadsThem_WritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await StoreCustomersAsync(storage);
        var block = CustomerKey.BlockOf(CompanyNameNormalizer.Key("上海瑞丰精密机槭有限公司"), 0.85);
        Assert.Contains(new CustomerId("KH900"), (await ((ICustomerKeyIndex)storage.Desk().Customers).FindByKeysAsync([block])).Select(m => m.CustomerId));
        var state = GramState(storage);
        Assert.Equal(11, state);

        var dry = await DryRunWritingNothingAsync(storage, provider);

        Assert.Equal(state, GramState(storage));
        await AssertSameAsTheRealImportAsync(storage, dry);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DryRun_GramBuildInterrupted_DoesNotResumeIt_ReportsAsTheRealImport(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await StoreCustomersAsync(storage);

        // As if a build turned the index on and stopped after the customers up to KH020 (their grams written, the rest not).
        var grams = storage.Desk().Customers;
        Assert.NotEmpty(await ((ICustomerKeyIndex)grams).FindByKeysAsync([CustomerKey.BlockOf("北京1号科技", 0.85)]));
        storage.ExecuteSql($"DELETE FROM {storage.CustomerTable}_name_gram WHERE customer_id > 'KH020'");
        storage.ExecuteSql($"UPDATE {storage.CustomerTable}_name_gram_state SET built_through = 'KH020', built = 0");
        var dry = await DryRunWritingNothingAsync(storage, provider);

        Assert.Equal(0, storage.ScalarSql($"SELECT built FROM {storage.CustomerTable}_name_gram_state"));
        await AssertSameAsTheRealImportAsync(storage, dry);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DryRun_CustomersStoredBeforeTheKeyTable_AreNotKeyed_ReportsAsTheRealImport(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        await StoreCustomersAsync(storage);

        // As if stored before the key table: the stored customers matched by this file have no keys yet.
        storage.ExecuteSql($"DELETE FROM {storage.CustomerTable}_key WHERE customer_id IN ('KH005', 'KH900', 'KH901')");
        var dry = await DryRunWritingNothingAsync(storage, provider);

        await AssertSameAsTheRealImportAsync(storage, dry);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DryRun_ASimilarNameSearchCutAtTheBound_IsCountedAsTheRealImportCountsIt(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        foreach (var chunk in Enumerable.Range(0, SimilarNames.MaxCandidates + 1).Chunk(5000))
        {
            await customers.SaveAllAsync([.. chunk.Select(i => (New($"KH{i:D6}", $"上海{i}"), 0L))]);
        }

        // More names holding 海 and 上 than a search may read: the search for 海上 is cut, in the store's grams and in the dry run's memory.
        async Task<ImportReport> ImportAsync(bool dryRun)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + ",海上,,,,,\n"));
            var options = new CustomerImportOptions { DryRun = dryRun, NameSimilarity = 0.5 };
            return await new CustomerImporter(storage.Desk().Customers, new FakeClock(Instant.FromUtc(2026, 3, 10, 2, 0)), options).ImportAsync(stream, "customers.csv");
        }

        var dry = await ImportAsync(dryRun: true);
        if (storage.Persists)
        {
            Assert.Equal(0, storage.ScalarSql($"SELECT count(*) FROM {storage.CustomerTable}_name_gram"));
        }

        var real = await ImportAsync(dryRun: false);
        Assert.Equal(1, real.IncompleteNameSearches);
        Assert.Equal(real.IncompleteNameSearches, dry.IncompleteNameSearches);
        Assert.Equal(Outcomes(real), Outcomes(dry));
    }

    private static async Task<List<(string, long, string)>> CustomerStatesAsync(StoreProvider storage)
    {
        var states = new List<(string, long, string)>();
        await foreach (var state in storage.Desk().Customers.ListAsync())
        {
            states.Add((state.Id.Value, state.Version, state.Name));
        }

        return states;
    }
}
