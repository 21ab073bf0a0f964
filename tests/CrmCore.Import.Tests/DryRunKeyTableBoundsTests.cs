using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// The dry run's in-memory key table (for stores whose customers lack keys) is bounded: past the bound the run goes on, ids are still
/// found exactly, the customers the run would write are always found, and every other lookup is counted incomplete (similar-name
/// searches reported cut, as the report counts them), never silently.
/// </summary>
public class DryRunKeyTableBoundsTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    private static readonly string[] Cities = ["北京", "上海", "广州", "深圳", "天津", "重庆", "南京", "杭州", "苏州", "成都"];

    private static string Name(int i) => $"{Cities[i - 1]}瑞丰精密机械有限公司";

    /// <summary>Ten stored customers, KH001 to KH010, each with its own name and phone; the store's customers wait for their keys.</summary>
    private static async Task<KeyStateStore> StoreAsync()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAllAsync([.. Enumerable.Range(1, 10).Select(i => (New($"KH{i:D3}", Name(i), $"1380000{i:D4}"), 0L))]);
        return KeyStateStore.Create(store, keysComplete: false);
    }

    private static CustomerState New(string id, string name, string phone) =>
        Customer.Create(new CustomerId(id), new CustomerProfile
        {
            Name = name,
            FirstContactOn = new LocalDate(2026, 1, 1),
            Contacts = [new Contact("王经理", new ContactRole("Contact")) { Phone = phone }],
        }, Instant.FromUtc(2026, 1, 1, 0, 0)).ToState();

    /// <summary>The phone key of the last stored customer, which a bound of 3 leaves out.</summary>
    private static CustomerKey LastPhone() => CustomerKey.Of(New("KH010", Name(10), "13800000010")).Single(k => k.Kind == CustomerKeyKind.Phone);

    [Fact]
    public async Task FindByKeys_PastTheBound_HoldsOnlyTheBound_CountsTheLookupIncomplete_StillFindsIds()
    {
        var bounded = new DryRunCustomerRepository(await StoreAsync(), maxKeyCustomers: 3);
        var unbounded = new DryRunCustomerRepository(await StoreAsync());
        CustomerKey[] keys = [LastPhone(), new CustomerKey(CustomerKeyKind.Id, "KH010")];

        var cut = await bounded.FindByKeysAsync(keys);
        var whole = await unbounded.FindByKeysAsync(keys);

        Assert.Equal(3, bounded.HeldKeyCustomers);
        Assert.Equal(10, unbounded.HeldKeyCustomers);
        Assert.Equal(1, bounded.IncompleteKeyLookups); // the phone; the id was read from the store
        Assert.Equal(0, unbounded.IncompleteKeyLookups);
        Assert.Equal([(CustomerKeyKind.Id, "KH010")], cut.Select(m => (m.Key.Kind, m.CustomerId.Value)));
        Assert.Equal([(CustomerKeyKind.Id, "KH010"), (CustomerKeyKind.Phone, "KH010")], whole.Select(m => (m.Key.Kind, m.CustomerId.Value)));
    }

    [Fact]
    public async Task FindByKeys_PastTheBound_SimilarNameSearchAnswersCut()
    {
        var bounded = new DryRunCustomerRepository(await StoreAsync(), maxKeyCustomers: 3);
        var unbounded = new DryRunCustomerRepository(await StoreAsync());
        var block = CustomerKey.BlockOf(CompanyNameNormalizer.Key(Name(1)), 0.85);

        var cut = await bounded.FindByKeysAsync([block]);
        var whole = await unbounded.FindByKeysAsync([block]);

        Assert.Single(cut, m => m.Key == block && m.CustomerId.IsEmpty);
        Assert.Contains(cut, m => m.CustomerId == new CustomerId("KH001")); // held: still found
        Assert.DoesNotContain(whole, m => m.CustomerId.IsEmpty);
    }

    [Fact]
    public async Task FindByKeys_PastTheBound_WhatTheRunWroteIsAlwaysFound()
    {
        var bounded = new DryRunCustomerRepository(await StoreAsync(), maxKeyCustomers: 1);
        await bounded.FindByKeysAsync([new CustomerKey(CustomerKeyKind.Id, "KH001")]);
        var written = New("KH900", "广州新客户有限公司", "13900000900");
        var changed = New("KH005", Name(5), "13900000005"); // a stored customer not held, given a new phone
        var stored = await bounded.FindAsync(new CustomerId("KH005"));

        await bounded.SaveAllAsync([(written, 0L), (changed with { Version = stored!.Version + 1 }, stored.Version)]);
        var found = await bounded.FindByKeysAsync([.. CustomerKey.Of(written).Where(k => k.Kind == CustomerKeyKind.Phone), .. CustomerKey.Of(changed).Where(k => k.Kind == CustomerKeyKind.Phone)]);

        Assert.Equal(["KH005", "KH900"], found.Select(m => m.CustomerId.Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DryRunImport_PastTheBound_GoesOn_ReportsSimilarNameSearchesIncomplete_WritesNothing()
    {
        // A typo of a held name (KH001's) and of one left out (KH010's): both searched by similar name, both reported incomplete; the
        // held one is still matched, and the run accounts for every row.
        var rows = ",北京瑞丰精密机槭有限公司,,,,,\n,成都瑞丰精密机槭有限公司,,,,,\n";
        var store = await StoreAsync();
        var before = (await Samples.AllAsync(store)).Select(s => (s.Id, s.Version)).ToList();

        var bounded = await ImportAsync(new DryRunCustomerRepository(store, maxKeyCustomers: 3), rows);
        var unbounded = await ImportAsync(new DryRunCustomerRepository(await StoreAsync()), rows);

        Assert.Equal(0, unbounded.IncompleteNameSearches);
        Assert.Equal(2, bounded.IncompleteNameSearches);
        Assert.Equal(2, bounded.Rows.Count);
        Assert.Equal(("KH001", "name"), (bounded.Rows[0].CustomerId, bounded.Rows[0].MatchedBy));
        Assert.Equal(("KH010", "name"), (unbounded.Rows[1].CustomerId, unbounded.Rows[1].MatchedBy));
        Assert.Equal(before, (await Samples.AllAsync(store)).Select(s => (s.Id, s.Version)).ToList());
    }

    [Fact]
    public async Task DryRunImport_PastTheBound_ExactNamesOnly_ReportsItsKeyLookupsIncomplete_InEveryWriter()
    {
        // NameSimilarity 1 (the default): no similar-name search, so only the key-lookup count can say that the run is incomplete. The
        // row holds the phone of KH010, which a bound of 3 leaves out: the bounded run takes it for a new customer, the unbounded one
        // finds KH010.
        var rows = ",广州新开精密机械有限公司,,13800000010,,,\n";
        var dry = new DryRunCustomerRepository(await StoreAsync(), maxKeyCustomers: 3);

        var bounded = await ImportAsync(dry, rows, nameSimilarity: 1);
        var unbounded = await ImportAsync(new DryRunCustomerRepository(await StoreAsync()), rows, nameSimilarity: 1);

        Assert.Equal(0, bounded.IncompleteNameSearches);
        Assert.True(dry.IncompleteKeyLookups > 0);
        Assert.Equal(dry.IncompleteKeyLookups, bounded.IncompleteKeyLookups);
        Assert.Equal(0, unbounded.IncompleteKeyLookups);
        Assert.Equal(ImportOutcome.Inserted, bounded.Rows[0].Outcome);
        Assert.Equal(("KH010", "phone"), (unbounded.Rows[0].CustomerId, unbounded.Rows[0].MatchedBy));

        var count = bounded.IncompleteKeyLookups.ToString(CultureInfo.InvariantCulture);
        var bound = DryRunCustomerRepository.MaxKeyCustomers.ToString("N0", CultureInfo.InvariantCulture);
        var english = ImportReportWriter.ToText(bounded, CultureInfo.InvariantCulture);
        Assert.Contains($"{count} phone, e-mail and company-name lookups of this dry run went past the most stored customers its in-memory key table holds ({bound})", english, StringComparison.Ordinal);
        Assert.Contains($"本次试运行有 {count} 次电话、邮箱和公司名称查找超出了内存键表可容纳的已存客户数（{bound}）", ImportReportWriter.ToText(bounded, new CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain("key table", ImportReportWriter.ToText(unbounded, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain("内存键表", ImportReportWriter.ToText(unbounded, new CultureInfo("zh-Hans")), StringComparison.Ordinal);

        using (var json = new MemoryStream())
        {
            ImportReportWriter.WriteJson(bounded, json);
            using var parsed = JsonDocument.Parse(json.ToArray());
            Assert.Equal(bounded.IncompleteKeyLookups, parsed.RootElement.GetProperty("incompleteKeyLookups").GetInt32());
        }

        using (var json = new MemoryStream())
        {
            ImportReportWriter.WriteJson(unbounded, json);
            using var parsed = JsonDocument.Parse(json.ToArray());
            Assert.Equal(0, parsed.RootElement.GetProperty("incompleteKeyLookups").GetInt32());
        }

        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(bounded, xlsx, CultureInfo.InvariantCulture);
        xlsx.Position = 0;
        var notes = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: false, sheetName: "Notes").Cast<IDictionary<string, object?>>().Select(r => r.Values.First()?.ToString()).ToList();
        // The run's notes first, then the row's own (it has no contact name and no first-contact date).
        Assert.Equal(["Notes", english.Split('\n').Single(l => l.Contains("key table", StringComparison.Ordinal)).TrimEnd('\r')], notes.Take(2));
        Assert.All(notes.Skip(2), n => Assert.StartsWith("line 2: note: no ", n, StringComparison.Ordinal));
    }

    private static async Task<ImportReport> ImportAsync(ICustomerRepository store, string rows, double nameSimilarity = 0.85)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + rows));
        return await Samples.Importer(store, new CustomerImportOptions { NameSimilarity = nameSimilarity }).ImportAsync(stream, "customers.csv");
    }
}
