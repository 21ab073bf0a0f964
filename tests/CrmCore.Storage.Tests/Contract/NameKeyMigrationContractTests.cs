using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// The migration of the company-name keys of names beyond the basic plane (SQLite V019, PostgreSQL V022). Before it, the key dropped
/// a character such as 𠮷 (𠮷野家 had the key of 野家); a database written then holds that stale key. Each test builds a database at the
/// schema version before the migration (the provider's own schema script, cut before the migration), writes customers and their keys
/// there as the old code wrote them, and opens a store, which migrates it.
/// </summary>
public sealed class NameKeyMigrationContractTests
{
    private const string Migration = "customer_name_keys_beyond_basic_plane";

    private const string Name = "𠮷野家餐饮有限公司";

    /// <summary>A name with the character inside: its stale key (上海祥餐饮) has a gram the current key lacks (海祥).</summary>
    private const string Inside = "上海𠮷祥餐饮有限公司";

    private static readonly Instant At = Instant.FromUtc(2026, 3, 2, 9, 30, 15);

    public static TheoryData<string> Databases => StoreProvider.Databases();

    /// <summary>
    /// The key as the code before the migration computed it: each half of a surrogate pair was not a letter, so it ended a token as a
    /// space does, and was dropped.
    /// </summary>
    private static string OldKey(string name) =>
        CompanyNameNormalizer.Key(new string([.. name.Select(c => char.IsSurrogate(c) ? ' ' : c)]));

    /// <summary>The provider's whole schema script up to this migration: a database at the version before it.</summary>
    private static string ScriptBefore(StoreProvider storage, string provider)
    {
        var script = Script(storage, provider);
        var at = script.IndexOf("__" + Migration, StringComparison.Ordinal);
        Assert.True(at > 0, "the schema script has no migration " + Migration);
        return script[..script.LastIndexOf("-- V", at, StringComparison.Ordinal)] + "COMMIT;";
    }

    /// <summary>The migration's own section of the provider's schema script, to run again by hand.</summary>
    private static string MigrationSection(StoreProvider storage, string provider)
    {
        var script = Script(storage, provider);
        var start = script.IndexOf('\n', script.IndexOf("__" + Migration, StringComparison.Ordinal)) + 1;
        return script[start..script.IndexOf("INSERT INTO ", start, StringComparison.Ordinal)];
    }

    private static string Script(StoreProvider storage, string provider) =>
        provider == StoreProvider.Sqlite ? SqliteSchema.Script() : PostgreSqlSchema.Script(storage.PostgresTarget.Schema);

    private static long SchemaVersion(StoreProvider storage, string provider) =>
        storage.ScalarSql(provider == StoreProvider.Sqlite ? "SELECT max(version) FROM crm_schema_version" : "SELECT max(version) FROM {schema}.schema_version");

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Writes a customer row and its keys (id, the given name key) directly, as the code before the migration wrote them.</summary>
    private static void WriteOld(StoreProvider storage, string provider, string id, string name, string nameKey)
    {
        var created = provider == StoreProvider.Sqlite ? At.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture) : "'2026-03-02T09:30:15Z'";
        storage.ExecuteSql(
            $"INSERT INTO {storage.CustomerTable} (id, version, name, short_name, industry, employees, revenue_amount, revenue_currency, source, " +
            "first_contact_on, created_at, contacts, first_cooperation_on, annual_amount, annual_currency, products, orders_per_year, account_manager, " +
            "preference_tags, tier, tags, do_not_contact_since, do_not_contact_reason, last_interaction_at) VALUES " +
            $"({Quote(id)}, 1, {Quote(name)}, NULL, '', NULL, NULL, NULL, '', '2026-01-01', {created}, '[]', NULL, '0', 'CNY', '[]', NULL, NULL, '[]', NULL, '[]', NULL, NULL, NULL)");
        storage.ExecuteSql($"INSERT INTO {storage.CustomerTable}_key (kind, key_value, customer_id) VALUES (1, {Quote(id)}, {Quote(id)})");
        if (nameKey.Length > 0)
        {
            storage.ExecuteSql($"INSERT INTO {storage.CustomerTable}_key (kind, key_value, customer_id) VALUES (4, {Quote(nameKey)}, {Quote(id)})");
        }
    }

    /// <summary>Writes a customer's grams of a name key directly, as a save with the gram index on wrote them.</summary>
    private static void WriteGrams(StoreProvider storage, string id, string nameKey)
    {
        foreach (var gram in SimilarNames.Grams(nameKey))
        {
            storage.ExecuteSql($"INSERT INTO {storage.CustomerTable}_name_gram (gram, customer_id) VALUES ({SimilarNames.Code(gram[0], gram[1])}, {Quote(id)})");
        }
    }

    /// <summary>A customer's gram codes, in order.</summary>
    private static long[] GramsOf(StoreProvider storage, string id)
    {
        var count = storage.ScalarSql($"SELECT count(*) FROM {storage.CustomerTable}_name_gram WHERE customer_id = {Quote(id)}");
        return [.. Enumerable.Range(0, (int)count).Select(i => storage.ScalarSql(
            $"SELECT gram FROM {storage.CustomerTable}_name_gram WHERE customer_id = {Quote(id)} ORDER BY gram LIMIT 1 OFFSET {i}"))];
    }

    private static long[] Codes(string nameKey) => [.. SimilarNames.Grams(nameKey).Select(g => (long)SimilarNames.Code(g[0], g[1])).Order()];

    /// <summary>Every value of the key table, as text, sorted.</summary>
    private static string[] KeyRows(StoreProvider storage, string provider)
    {
        var table = (provider == StoreProvider.Sqlite ? "crm_customer_key" : "customer_key") + ": ";
        return [.. storage.AllText().Where(t => t.StartsWith(table, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    private static async Task<string[]> Find(ICustomerRepository customers, params CustomerKey[] keys) =>
        [.. (await ((ICustomerKeyIndex)customers).FindByKeysAsync(keys)).Select(m => m.Key.Kind + ":" + m.Key.Value + "=" + m.CustomerId.Value)];

    private static async Task<ImportReport> ImportAsync(StoreProvider storage, string rows, double similarity = 1)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n" + rows));
        var options = new CustomerImportOptions { NameSimilarity = similarity };
        return await new CustomerImporter(storage.Desk().Customers, new FakeClock(Instant.FromUtc(2026, 3, 10, 2, 0)), options).ImportAsync(stream, "customers.csv");
    }

    [Fact]
    public void OldKey_IsTheKeyOfTheNameWithoutItsCharactersBeyondTheBasicPlane()
    {
        Assert.Equal("野家餐饮", OldKey(Name));
        Assert.Equal("𠮷野家餐饮", CompanyNameNormalizer.Key(Name));
        Assert.Equal("上海祥餐饮", OldKey(Inside));
        Assert.Equal("ab", OldKey("A𠮷B Co., Ltd."));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migration_StaleNameKeyOfANameBeyondTheBasicPlane_IsReplaced_FoundByItsKey_ReimportedAsTheSameCustomer(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.ExecuteSql(ScriptBefore(storage, provider));
        var before = SchemaVersion(storage, provider);
        WriteOld(storage, provider, "KH1", Name, OldKey(Name));
        WriteOld(storage, provider, "KH2", "野家餐饮有限公司", "野家餐饮"); // another company, whose key the stale one was
        WriteOld(storage, provider, "KH3", "上海某某制造有限公司", "上海某某制造");

        var customers = storage.Desk().Customers;
        Assert.Equal(["Name:𠮷野家餐饮=KH1"], await Find(customers, CustomerKey.ForNameKey(CompanyNameNormalizer.Key(Name))));
        Assert.True(SchemaVersion(storage, provider) > before); // the store's first use migrated the database
        Assert.Equal(["Name:野家餐饮=KH2"], await Find(customers, CustomerKey.ForNameKey("野家餐饮")));
        Assert.Equal(["Id:KH1=KH1", "Name:上海某某制造=KH3"], await Find(customers, CustomerKey.ForId(new CustomerId("KH1")), CustomerKey.ForNameKey("上海某某制造")));

        // A re-import of the same name finds the stored customer instead of adding a second one.
        var report = await ImportAsync(storage, "," + Name + ",,,,,\n");
        Assert.Equal([(ImportOutcome.Unchanged, "KH1")], report.Rows.Select(r => (r.Outcome, r.CustomerId)));
        Assert.Equal(3, storage.ScalarSql($"SELECT count(*) FROM {storage.CustomerTable}"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migration_WithTheGramIndexOn_ReplacesTheStaleGrams_SoASimilarNameFindsTheCustomer(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.ExecuteSql(ScriptBefore(storage, provider));
        WriteOld(storage, provider, "KH1", Name, OldKey(Name));
        WriteOld(storage, provider, "KH2", "野家餐饮有限公司", "野家餐饮");
        WriteOld(storage, provider, "KH3", Inside, OldKey(Inside));
        WriteGrams(storage, "KH1", OldKey(Name));
        WriteGrams(storage, "KH2", "野家餐饮");
        WriteGrams(storage, "KH3", OldKey(Inside));
        storage.ExecuteSql($"UPDATE {storage.CustomerTable}_name_gram_state SET turned_on = 1, built_through = 'KH3', built = 1");

        var customers = storage.Desk().Customers;
        // 𠮷野家餐饭 is one edit from 𠮷野家餐饮 (6 UTF-16 units): 0.83. The search reads the grams fewest customers hold, 𠮷's among them.
        Assert.Equal(["Name:𠮷野家餐饮=KH1"], await Find(customers, CustomerKey.BlockOf("𠮷野家餐饭", 0.8)));
        Assert.Equal(Codes(CompanyNameNormalizer.Key(Name)), GramsOf(storage, "KH1"));
        Assert.Equal(Codes("野家餐饮"), GramsOf(storage, "KH2"));
        Assert.Equal(Codes(CompanyNameNormalizer.Key(Inside)), GramsOf(storage, "KH3")); // the stale 海祥 gone

        // An import matching by similar names merges the typo into the stored customer.
        var report = await ImportAsync(storage, ",𠮷野家餐饭有限公司,,,,,\n", similarity: 0.8);
        Assert.Equal([("KH1", "name")], report.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migration_ACustomerSavedBeforeTheBackfill_GetsItsCurrentKeyAndGrams_TheStaleOnesGo(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.ExecuteSql(ScriptBefore(storage, provider));
        WriteOld(storage, provider, "KH1", Inside, OldKey(Inside));
        WriteGrams(storage, "KH1", OldKey(Inside));
        storage.ExecuteSql($"UPDATE {storage.CustomerTable}_name_gram_state SET turned_on = 1, built_through = 'KH1', built = 1");

        // A desk saves the customer (a new tier) before any key lookup, so before the key backfill.
        var customers = storage.Desk().Customers;
        var stored = (await customers.FindAsync(new CustomerId("KH1")))!;
        var tiered = Customer.Restore(stored);
        Assert.True(tiered.AssignTier(At, "VIP"));
        await customers.SaveAsync(tiered.ToState(), stored.Version);

        Assert.Equal(Codes(CompanyNameNormalizer.Key(Inside)), GramsOf(storage, "KH1"));
        Assert.Empty(await Find(storage.Desk().Customers, CustomerKey.ForNameKey(OldKey(Inside))));
        Assert.Equal(["Name:上海𠮷祥餐饮=KH1"], await Find(storage.Desk().Customers, CustomerKey.ForNameKey(CompanyNameNormalizer.Key(Inside))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migration_RunAgain_ChangesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.ExecuteSql(ScriptBefore(storage, provider));
        WriteOld(storage, provider, "KH1", Name, OldKey(Name));
        WriteOld(storage, provider, "KH2", "野家餐饮有限公司", "野家餐饮");
        WriteOld(storage, provider, "KH3", Inside, OldKey(Inside));
        WriteGrams(storage, "KH1", OldKey(Name));
        WriteGrams(storage, "KH3", OldKey(Inside));
        storage.ExecuteSql($"UPDATE {storage.CustomerTable}_name_gram_state SET turned_on = 1, built_through = 'KH3', built = 1");
        var key = CustomerKey.ForNameKey(CompanyNameNormalizer.Key(Name));
        Assert.Equal(["Name:𠮷野家餐饮=KH1"], await Find(storage.Desk().Customers, key));
        var keys = KeyRows(storage, provider);
        var grams = GramsOf(storage, "KH3");
        Assert.Equal(Codes(CompanyNameNormalizer.Key(Inside)), grams);

        storage.ExecuteSql(MigrationSection(storage, provider));

        Assert.Equal(["Name:𠮷野家餐饮=KH1"], await Find(storage.Desk().Customers, key));
        Assert.Equal(keys, KeyRows(storage, provider));
        Assert.Equal(grams, GramsOf(storage, "KH3"));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Migration_OfADatabaseWithOnlyBasicPlaneNames_WritesNothing(string provider)
    {
        using var storage = StoreProvider.Create(provider);
        storage.ExecuteSql(ScriptBefore(storage, provider));
        var names = new[] { "野家餐饮有限公司", "上海某某制造（中国）有限公司", "Acme Trading Co., Ltd.", "ＡＢＣ１２３ Inc", "北京(中国)科技集团" };
        for (var i = 0; i < names.Length; i++)
        {
            WriteOld(storage, provider, $"KH{i}", names[i], OldKey(names[i]));
            WriteGrams(storage, $"KH{i}", OldKey(names[i]));
            Assert.Equal(CompanyNameNormalizer.Key(names[i]), OldKey(names[i])); // the same key before and after
        }

        storage.ExecuteSql($"UPDATE {storage.CustomerTable}_name_gram_state SET turned_on = 1, built_through = 'KH4', built = 1");
        var keys = KeyRows(storage, provider);
        var log = TableWriteLog.Start(storage, provider, ["INSERT", "UPDATE", "DELETE"],
            (storage.CustomerTable, "c"), (storage.CustomerTable + "_key", "k"), (storage.CustomerTable + "_name_gram", "g"));

        var customers = storage.Desk().Customers;
        Assert.Equal(["Name:上海某某制造=KH1"], await Find(customers, CustomerKey.ForNameKey("上海某某制造")));
        Assert.Equal(["Name:acmetrading=KH2"], await Find(customers, CustomerKey.BlockOf("acmetradng", 0.8)));

        Assert.Equal(0, log.Count());
        Assert.Equal(keys, KeyRows(storage, provider));
    }
}
