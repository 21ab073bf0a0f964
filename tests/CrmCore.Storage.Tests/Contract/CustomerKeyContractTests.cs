using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Imports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>The contract of <see cref="ICustomerKeyIndex"/> on every provider: keys follow saves, roll back with them, and are backfilled.</summary>
public sealed class CustomerKeyContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30, 15);

    public static TheoryData<string> Providers => StoreProvider.All();

    public static TheoryData<string> Databases => StoreProvider.Databases();

    private static CustomerState New(string id, string name, string? phone = null, string? email = null) =>
        Customer.Create(
            new CustomerId(id),
            new CustomerProfile
            {
                Name = name,
                FirstContactOn = new LocalDate(2026, 1, 1),
                Contacts = phone is null && email is null ? null : [new Contact("王经理", new ContactRole("Contact")) { Phone = phone, Email = email }],
            },
            At).ToState();

    private static async Task<string[]> Find(ICustomerRepository customers, params CustomerKey[] keys) =>
        [.. (await ((ICustomerKeyIndex)customers).FindByKeysAsync(keys)).Select(m => m.Key.Kind + ":" + m.Key.Value + "=" + m.CustomerId.Value)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_OfASavedCustomer_AreFoundInAnyForm(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = storage.Desk().Customers;
        await customers.SaveAsync(New("KH1", "上海某某制造有限公司", "138 0076 5432", "Wang@Example.COM"), 0);
        await customers.SaveAsync(New("KH2", "上海另一家公司", "021-6543 2100"), 0);
        Assert.True(CustomerKey.TryPhone("+86 13800765432", out var phone));
        Assert.True(CustomerKey.TryEmail(" wang@example.com ", out var email));

        var reopened = storage.Desk().Customers;
        Assert.Equal(
            ["Id:KH1=KH1", "Phone:+8613800765432=KH1", "Email:wang@example.com=KH1", "Name:上海某某制造=KH1"],
            await Find(reopened, CustomerKey.ForId(new CustomerId("KH1")), phone, email, CustomerKey.ForNameKey("上海某某制造"), CustomerKey.ForId(new CustomerId("KH9"))));
        // Similar names: 上海某某 is 0.67 similar to 上海某某制造 (two inserted of six) and 0.4 to 上海另一家.
        Assert.Equal(["Name:上海某某制造=KH1"], await Find(reopened, CustomerKey.BlockOf("上海某某")));
        Assert.Equal(["Name:上海另一家=KH2", "Name:上海某某制造=KH1"], await Find(reopened, CustomerKey.BlockOf("上海另一某某制造", 0.5)));
        Assert.Empty(await Find(reopened, CustomerKey.BlockOf("上海某某", 0.7)));
        Assert.Empty(await Find(reopened, CustomerKey.BlockOf("北京")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_FollowACustomersChanges_OldPhoneAndNameNoLongerFind(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = storage.Desk().Customers;
        var first = New("KH1", "甲公司", "13800765432");
        await customers.SaveAsync(first, 0);
        var changed = Customer.Restore(first);
        changed.Rename(At, "乙公司", null);
        changed.UpdateContact(At, changed.Contacts[0] with { Phone = "13900000001" });
        await customers.SaveAsync(changed.ToState(), first.Version);

        var reopened = storage.Desk().Customers;
        Assert.Empty(await Find(reopened, CustomerKey.ForPhoneKey(8613800765432), CustomerKey.ForNameKey("甲")));
        Assert.Equal(["Phone:+8613900000001=KH1", "Name:乙=KH1"], await Find(reopened, CustomerKey.ForPhoneKey(8613900000001), CustomerKey.ForNameKey("乙")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_OfARolledBackBatch_AreNotWritten(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        await customers.SaveAsync(New("KH1", "甲公司"), 0);

        var stale = New("KH1", "改名公司", "13800765432") with { Version = 2 };
        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await customers.SaveAllAsync([(New("KH2", "乙公司", "13900000001"), 0), (stale, 0)]));

        var reopened = storage.Desk().Customers;
        Assert.Empty(await Find(reopened, CustomerKey.ForId(new CustomerId("KH2")), CustomerKey.ForPhoneKey(8613900000001), CustomerKey.ForPhoneKey(8613800765432), CustomerKey.ForNameKey("乙"), CustomerKey.ForNameKey("改名")));
        Assert.Equal(["Name:甲=KH1"], await Find(reopened, CustomerKey.ForNameKey("甲")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Backfill_CustomersStoredBeforeTheKeyTable_GetTheirKeysInPages_OnceAndResumably(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        const int count = 2 * DbPageSize + 7;
        var states = Enumerable.Range(0, count).Select(i => New($"KH{i:D5}", $"公司{i}", $"1380000{i:D4}")).ToList();
        await customers.SaveAllAsync([.. states.Select(s => (s, 0L))]);

        // As if stored before the table: no keys at all for the first ones; the rest keyed, as if an earlier backfill stopped half way.
        var keyTable = storage.CustomerTable + "_key";
        storage.ExecuteSql($"DELETE FROM {keyTable} WHERE customer_id < 'KH01500'");

        var reopened = storage.Desk().Customers;
        var ids = states.Select(s => CustomerKey.ForId(s.Id)).ToArray();
        var phones = states.Select(s => CustomerKey.ForPhoneKey(ulong.Parse("86" + s.Contacts[0].Phone, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(states.Select(s => s.Id.Value), (await ((ICustomerKeyIndex)reopened).FindByKeysAsync(ids)).Select(m => m.CustomerId.Value));
        Assert.Equal(count, (await ((ICustomerKeyIndex)reopened).FindByKeysAsync(phones)).Count);

        // Idempotent: another instance finds every key exactly once.
        var again = storage.Desk().Customers;
        Assert.Equal(count, (await ((ICustomerKeyIndex)again).FindByKeysAsync(ids)).Count);
        Assert.Equal(["Name:公司7=KH00007"], await Find(again, CustomerKey.ForNameKey("公司7")));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RunCustomers_AreRecordedPerRun_Replaced_AndForgottenWhenTheRunFinishes(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var ledger = storage.ImportLedger();
        await ledger.StartAsync(new ImportRun { Id = "r1", Entity = "customers", File = "a.csv", FileHash = "aa", Mapping = "built-in", StartedAt = At });
        await ledger.StartAsync(new ImportRun { Id = "r2", Entity = "customers", File = "a.csv", FileHash = "aa", Mapping = "built-in", StartedAt = At });
        var kh1 = new CustomerId("KH1");
        var kh2 = new CustomerId("KH2");
        await ledger.RecordCustomersAsync("r1", [new ImportRunCustomer(kh1, 0, false), new ImportRunCustomer(kh2, 7, true, new LocalDate(2026, 3, 1))]);
        await ledger.RecordCustomersAsync("r1", [new ImportRunCustomer(kh1, 12, false, new LocalDate(2026, 2, 1))]);
        await ledger.RecordCustomersAsync("r2", [new ImportRunCustomer(kh1, 3, true)]);

        var reopened = storage.ImportLedger();
        Assert.Equal(
            [new ImportRunCustomer(kh1, 12, false, new LocalDate(2026, 2, 1)), new ImportRunCustomer(kh2, 7, true, new LocalDate(2026, 3, 1))],
            (await reopened.FindCustomersAsync("r1", [kh1, kh2, new CustomerId("KH3")])).OrderBy(c => c.CustomerId.Value, StringComparer.Ordinal));
        Assert.Equal([new ImportRunCustomer(kh1, 3, true)], await reopened.FindCustomersAsync("r2", [kh1, kh2]));
        Assert.Empty(await reopened.FindCustomersAsync("r9", [kh1]));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await reopened.RecordCustomersAsync("r9", [new ImportRunCustomer(kh1, 1, true)]));

        // A finished run forgets its customers; another run's stay.
        await reopened.FinishAsync("r1", At);
        Assert.Empty(await storage.ImportLedger().FindCustomersAsync("r1", [kh1, kh2]));
        Assert.Single(await storage.ImportLedger().FindCustomersAsync("r2", [kh1]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SimilarNames_AmongHundredsWithTheSameFirstCharacters_FindTheTypoAndOnlySimilarOnes(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        // 600 names starting with 上海 (the old first-character block held 256 of them, in ordinal order), the one sought last.
        var states = Enumerable.Range(0, 600).Select(i => New($"KH{i:D4}", $"上海{(char)('甲' + i)}{(char)('乙' + (i * 7 % 300))}贸易有限公司")).ToList();
        states.Add(New("KH9999", "上海瑞丰精密机械有限公司"));
        await customers.SaveAllAsync([.. states.Select(s => (s, 0L))]);

        var reopened = storage.Desk().Customers;
        // A typo (槭 for 械): 1 edit in 8 characters, 0.875.
        Assert.Equal(["Name:上海瑞丰精密机械=KH9999"], await Find(reopened, CustomerKey.BlockOf("上海瑞丰精密机槭", 0.85)));
        Assert.Empty(await Find(reopened, CustomerKey.BlockOf("上海瑞丰精密机槭", 0.9)));
        // Every stored name as similar as asked is found, and nothing else (checked against comparing with all of them).
        foreach (var (probe, similarity) in new[] { ("上海甲乙贸易", 0.8), ("上海甲贸易", 0.5), ("海甲丙贸易", 0.6) })
        {
            var expected = states.Select(s => (Key: CompanyNameNormalizer.Key(s.Name), s.Id))
                .Where(s => CompanyNameNormalizer.Similarity(probe, s.Key) >= similarity)
                .Select(s => "Name:" + s.Key + "=" + s.Id.Value).Order(StringComparer.Ordinal);
            Assert.Equal(expected, await Find(reopened, CustomerKey.BlockOf(probe, similarity)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SimilarNames_WhenALookupReadsMoreThanTheBound_SaysSo(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        // Every name holds the gram 上海 and the characters of 上海 and 甲: a 0.5 lookup of a two-character key reads them all.
        var states = Enumerable.Range(0, SimilarNames.MaxCandidates + 10).Select(i => New($"KH{i:D6}", $"上海{i}")).ToList();
        foreach (var chunk in states.Chunk(5000))
        {
            await customers.SaveAllAsync([.. chunk.Select(s => (s, 0L))]);
        }

        var block = CustomerKey.BlockOf("上海", 0.5);
        var matches = await ((ICustomerKeyIndex)storage.Desk().Customers).FindByKeysAsync([block]);
        Assert.Contains(new CustomerKeyMatch(block, default), matches);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NameGrams_AreWrittenOnlyOnceASimilarNameLookupAsked_ThenBySaversOfEveryInstance(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var gramTable = storage.CustomerTable + "_name_gram";
        var early = (ICustomerBatchRepository)storage.Desk().Customers;
        var states = Enumerable.Range(0, 40).Select(i => New($"KH{i:D3}", $"北京{i}号科技有限公司")).ToList();
        await early.SaveAllAsync([.. states.Select(s => (s, 0L))]);
        await early.SaveAsync(New("KH900", "上海瑞丰精密机械有限公司"), 0);

        // The default: exact keys only, not a gram written, however the store is reached.
        Assert.Equal(["Name:北京7号科技=KH007"], await Find(early, CustomerKey.ForNameKey("北京7号科技")));
        Assert.Equal(0, storage.ScalarSql($"SELECT count(*) FROM {gramTable}"));
        Assert.Equal(0, storage.ScalarSql($"SELECT turned_on FROM {gramTable}_state"));

        // Another instance's first similar-name lookup turns the index on and builds the grams of every stored customer.
        var searcher = storage.Desk().Customers;
        Assert.Equal(["Name:上海瑞丰精密机械=KH900"], await Find(searcher, CustomerKey.BlockOf("上海瑞丰精密机槭", 0.85)));
        Assert.Equal(1, storage.ScalarSql($"SELECT turned_on FROM {gramTable}_state"));
        Assert.Equal(GramCount(states.Append(New("KH900", "上海瑞丰精密机械有限公司"))), storage.ScalarSql($"SELECT count(*) FROM {gramTable}"));

        // The instance that saved while the index was off now writes grams: a new customer and a rename are found, the old name is not.
        await early.SaveAsync(New("KH901", "广州天河精密机械有限公司"), 0);
        var renamed = Customer.Restore(states[3]);
        renamed.Rename(At, "深圳南山软件有限公司", null);
        await early.SaveAsync(renamed.ToState(), states[3].Version);
        Assert.Equal(["Name:广州天河精密机械=KH901"], await Find(searcher, CustomerKey.BlockOf("广州天河精密机槭", 0.85)));
        Assert.Equal(["Name:深圳南山软件=KH003"], await Find(searcher, CustomerKey.BlockOf("深圳南山软体", 0.8)));
        Assert.DoesNotContain("Name:北京3号科技=KH003", await Find(searcher, CustomerKey.BlockOf("北京3号科技", 0.8)));
        var now = states.Where(s => s.Id.Value != "KH003").Append(renamed.ToState()).Append(New("KH900", "上海瑞丰精密机械有限公司")).Append(New("KH901", "广州天河精密机械有限公司"));
        Assert.Equal(GramCount(now), storage.ScalarSql($"SELECT count(*) FROM {gramTable}"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NameGrams_AnInterruptedBuild_ResumesWhereItStopped_InAnotherInstance(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        var states = Enumerable.Range(0, (2 * DbPageSize) + 3).Select(i => New($"KH{i:D5}", $"北京{i}号科技有限公司")).ToList();
        await customers.SaveAllAsync([.. states.Select(s => (s, 0L))]);

        // As if a build turned the index on and stopped after its first page.
        var gramTable = storage.CustomerTable + "_name_gram";
        storage.ExecuteSql($"UPDATE {gramTable}_state SET turned_on = 1, built_through = 'KH00999', built = 0");

        var reopened = storage.Desk().Customers;
        Assert.Equal(["Name:北京2002号科技=KH02002"], await Find(reopened, CustomerKey.BlockOf("北京2002号科枝", 0.85)));
        Assert.Equal(GramCount(states.Skip(DbPageSize)), storage.ScalarSql($"SELECT count(*) FROM {gramTable}"));
        Assert.Equal(1, storage.ScalarSql($"SELECT built FROM {gramTable}_state"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SimilarNames_ManyCustomersSharingOneName_CountEachCustomerTowardsTheBound(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = (ICustomerBatchRepository)storage.Desk().Customers;
        var states = Enumerable.Range(0, SimilarNames.MaxCandidates + 1).Select(i => New($"KH{i:D6}", "Acme")).ToList();
        foreach (var chunk in states.Chunk(5000))
        {
            await customers.SaveAllAsync([.. chunk.Select(s => (s, 0L))]);
        }

        var block = CustomerKey.BlockOf(CompanyNameNormalizer.Key("Acme"), 0.85);
        Assert.Contains(new CustomerKeyMatch(block, default), await ((ICustomerKeyIndex)storage.Desk().Customers).FindByKeysAsync([block]));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lookup_OfAGramOrAnEmptyKey_IsRefused_OnEveryStore(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = storage.Desk().Customers;
        await customers.SaveAsync(New("KH1", "上海某某制造有限公司"), 0);
        var index = (ICustomerKeyIndex)customers;
        await Assert.ThrowsAsync<ArgumentException>(async () => await index.FindByKeysAsync([new CustomerKey(CustomerKeyKind.NameGram, "上海")]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await index.FindByKeysAsync([new CustomerKey(CustomerKeyKind.NameBlock, string.Empty)]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await index.FindByKeysAsync([CustomerKey.ForId(new CustomerId("KH1")), default]));
        Assert.Single(await index.FindByKeysAsync([CustomerKey.ForId(new CustomerId("KH1"))]));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Keys_OfASaveThatLeavesThemAsTheyWere_AreNotRewritten_AChangedOneOnly(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        var customers = storage.Desk().Customers;
        var first = New("KH1", "上海瑞丰精密机械有限公司", "13800765432", "wang@example.com");
        await customers.SaveAsync(first, 0);
        Assert.Single(await Find(customers, CustomerKey.BlockOf("上海瑞丰精密机槭", 0.85))); // grams on

        // Count every row written to or deleted from the key and gram tables from here on.
        var log = TableWriteLog.Start(storage, provider, ["INSERT", "DELETE"], (storage.CustomerTable + "_key", "k"), (storage.CustomerTable + "_name_gram", "g"));

        var tiered = Customer.Restore(first);
        Assert.True(tiered.AssignTier(At, "VIP"));
        var second = tiered.ToState();
        await customers.SaveAsync(second, first.Version);
        Assert.Equal(0, log.Count());

        // A new e-mail: one key row out, one in; the name and its grams stay.
        var mailed = Customer.Restore(second);
        mailed.UpdateContact(At, mailed.Contacts[0] with { Email = "li@example.com" });
        await customers.SaveAsync(mailed.ToState(), second.Version);
        Assert.Equal(2, log.Count("k"));
        Assert.Equal(0, log.Count("g"));
        Assert.Equal(["Email:li@example.com=KH1"], await Find(customers, CustomerKey.TryEmail("li@example.com", out var mail) ? mail : default));
    }

    [PostgresFact]
    public async Task NameGrams_TurnedOnWhileAnotherInstanceSaves_TheBuildWaitsForThatSave_AndFindsItsCustomer()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var saver = storage.Desk();
        var searcher = storage.Desk();
        var someone = CustomerKey.ForId(new CustomerId("KH0"));
        await ((ICustomerKeyIndex)saver.Customers).FindByKeysAsync([someone]); // both instances' key backfills done
        await ((ICustomerKeyIndex)searcher.Customers).FindByKeysAsync([someone]);

        Task<IReadOnlyList<CustomerKeyMatch>> search;
        await using (var transaction = saver.Transactions.Begin())
        {
            // The save reads the gram state off (FOR SHARE until its commit) and writes no gram.
            await saver.Customers.SaveAsync(New("KH1", "上海瑞丰精密机械有限公司"), 0);
            using (ExecutionContext.SuppressFlow())
            {
                search = Task.Run(async () => await ((ICustomerKeyIndex)searcher.Customers).FindByKeysAsync([CustomerKey.BlockOf("上海瑞丰精密机槭", 0.85)]));
            }

            // The searcher's UPDATE that turns the grams on must wait for the saver's transaction: wait until the server shows it waiting
            // (or, were it not to wait, until the search is over, which fails below).
            while (!search.IsCompleted && storage.ScalarSql(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE %customer_name_gram_state%'") == 0)
            {
                await Task.Delay(10);
            }

            Assert.False(search.IsCompleted, "the grams were turned on and built while a save that read them off was still open");
            await transaction.CommitAsync();
        }

        Assert.Equal(["Name:上海瑞丰精密机械=KH1"], (await search).Select(m => m.Key.Kind + ":" + m.Key.Value + "=" + m.CustomerId.Value));
    }

    // A gram build locks the state row, then a page of customers. A save must take the state row before its customer's row, or the
    // two deadlock (the save holding its customer and waiting for the state row, the build holding the state row and waiting for the
    // customer).
    [PostgresFact]
    public async Task NameGrams_ASaveWaitingForTheGramState_HoldsNoLockOnItsCustomerYet()
    {
        using var storage = StoreProvider.Create(StoreProvider.Postgres);
        var desk = storage.Desk();
        var first = New("KH1", "上海瑞丰精密机械有限公司");
        await desk.Customers.SaveAsync(first, 0);
        var tiered = Customer.Restore(first);
        Assert.True(tiered.AssignTier(At, "VIP"));

        var (connectionString, schema) = storage.PostgresTarget;
        var customerTable = storage.CustomerTable.Replace("{schema}", schema, StringComparison.Ordinal);
        await using var build = new Npgsql.NpgsqlConnection(connectionString);
        await build.OpenAsync();
        await using var transaction = await build.BeginTransactionAsync();
        await using (var state = new Npgsql.NpgsqlCommand($"SELECT 1 FROM {customerTable}_name_gram_state WHERE id = 1 FOR UPDATE", build, transaction))
        {
            await state.ExecuteScalarAsync();
        }

        Task save;
        using (ExecutionContext.SuppressFlow())
        {
            save = Task.Run(async () => await desk.Customers.SaveAsync(tiered.ToState(), first.Version));
        }

        while (!save.IsCompleted && storage.ScalarSql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%customer_name_gram_state%'") == 0)
        {
            await Task.Delay(10);
        }

        Assert.False(save.IsCompleted, "the save did not wait for the locked gram state");
        await using (var page = new Npgsql.NpgsqlCommand($"SELECT 1 FROM {customerTable} WHERE id = 'KH1' FOR UPDATE NOWAIT", build, transaction))
        {
            Assert.Equal(1, await page.ExecuteScalarAsync()); // fails with 55P03 (lock not available) if the save locked its customer first
        }

        await transaction.RollbackAsync();
        await save;
        Assert.Equal(first.Version + 1, (await desk.Customers.FindAsync(new CustomerId("KH1")))!.Version);
    }

    /// <summary>How many gram rows the customers' names make: each distinct gram of each name key once.</summary>
    private static long GramCount(IEnumerable<CustomerState> states) => states.Sum(s => (long)SimilarNames.Grams(CompanyNameNormalizer.Key(s.Name)).Count);

    /// <summary>The databases' backfill page (<c>DbCustomerRepository.BackfillPage</c>).</summary>
    private const int DbPageSize = 1000;
}
