using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// A customer dry run reports what the real import then does, <see cref="ImportReport.IncompleteKeyLookups"/> included: 0 in both
/// whenever the dry run's lookups are complete (its key table within its bound, or the store's own key index), whatever state the
/// store's keys are in. Past the key table's bound the two differ, and only by what the dry run says it may have missed: the real
/// import counts no incomplete lookup, the dry run counts one for each phone, e-mail or name looked up, and a row is reported
/// differently only when its match is a stored customer the table left out.
/// </summary>
public class DryRunKeyLookupContractTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    private static readonly string[] Cities = ["北京", "上海", "广州", "深圳", "天津", "重庆", "南京", "杭州", "苏州", "成都"];

    /// <summary>A new company with KH001's phone, one with KH010's, an update of KH005 by id, a new customer, the exact name of KH002,
    /// a rejected row, and a typo of KH003's name.</summary>
    private const string Rows =
        ",甲新开有限公司,,13800000001,,,\n" +
        ",乙新开有限公司,,13800000010,,,\n" +
        "KH005,南京瑞丰精密机械有限公司,软件,,,12万,\n" +
        ",深圳新客户有限公司,,13900001111,,,\n" +
        ",上海瑞丰精密机械有限公司,,,,,\n" +
        "KH7,乙公司,,bad,,,\n" +
        ",广州瑞丰精密机槭有限公司,,,,,\n";

    private static string Name(int i) => $"{Cities[i - 1]}瑞丰精密机械有限公司";

    private static CustomerState New(string id, string name, string phone) =>
        Customer.Create(new CustomerId(id), new CustomerProfile
        {
            Name = name,
            FirstContactOn = new LocalDate(2026, 1, 1),
            Contacts = [new Contact("王经理", new ContactRole("Contact")) { Phone = phone }],
        }, Instant.FromUtc(2026, 1, 1, 0, 0)).ToState();

    /// <summary>KH001 to KH010, each with its own name and phone.</summary>
    private static async Task<InMemoryCustomerRepository> StoreAsync()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAllAsync([.. Enumerable.Range(1, 10).Select(i => (New($"KH{i:D3}", Name(i), $"1380000{i:D4}"), 0L))]);
        return store;
    }

    private static async Task<ImportReport> ImportAsync(ICustomerRepository store, bool dryRun, double nameSimilarity)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + Rows));
        return await Samples.Importer(store, new CustomerImportOptions { DryRun = dryRun, NameSimilarity = nameSimilarity, BatchSize = 3 }).ImportAsync(stream, "customers.csv");
    }

    private static (int, ImportOutcome, string?, string?, string?)[] Outcomes(ImportReport report) =>
        [.. report.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy, r.Reason))];

    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(false, 0.85)]
    [InlineData(true, 1.0)]
    [InlineData(true, 0.85)]
    public async Task DryRun_ReportsTheRealImportsIncompleteKeyLookups_WhetherTheStoresKeysAreCompleteOrNot(bool keysComplete, double nameSimilarity)
    {
        // keysComplete false: every key of the stored customers in the dry run's own table; true: the store's key index, read only.
        var store = KeyStateStore.Create(await StoreAsync(), keysComplete);

        var dry = await ImportAsync(store, dryRun: true, nameSimilarity);
        var real = await ImportAsync(store, dryRun: false, nameSimilarity);

        Assert.True(dry.DryRun);
        Assert.Equal(real.IncompleteKeyLookups, dry.IncompleteKeyLookups);
        Assert.Equal(0, real.IncompleteKeyLookups); // a real import gives the stored customers their keys first: nothing is missed
        Assert.Equal(real.IncompleteNameSearches, dry.IncompleteNameSearches);
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(Outcomes(real), Outcomes(dry));

        // The comparison means something: rows were matched to stored customers by phone and by name, and the key lookups ran where
        // the mode says they run.
        Assert.Contains(("KH010", "phone"), real.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
        Assert.Contains(("KH002", "name"), real.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
        Assert.Equal(nameSimilarity < 1, real.Rows.Any(r => (r.CustomerId, r.MatchedBy) == ("KH003", "name")));
    }

    [Fact]
    public async Task DryRunPastTheKeyTableBound_DiffersFromTheRealImport_OnlyWhereItCountsALookupIncomplete()
    {
        // The dry run's store with a bound of 3 stored customers (KH001 to KH003 held), used as the import's store, against the real
        // import into the same customers, whose keys are all found.
        var dry = await ImportAsync(new DryRunCustomerRepository(KeyStateStore.Create(await StoreAsync(), keysComplete: false), maxKeyCustomers: 3), dryRun: false, 1.0);
        var real = await ImportAsync(KeyStateStore.Create(await StoreAsync(), keysComplete: false), dryRun: false, 1.0);

        Assert.Equal(0, real.IncompleteKeyLookups);
        Assert.True(dry.IncompleteKeyLookups > 0, "the bounded dry run counted no incomplete lookup");

        // Every row whose outcome differs is one whose match in the real import is a stored customer beyond the bound, found by a key
        // the dry run could not look up (KH010's phone); the id update of KH005 and the matches of held customers are the same.
        var differing = real.Rows.Zip(dry.Rows).Where(p => (p.First.Outcome, p.First.CustomerId, p.First.MatchedBy) != (p.Second.Outcome, p.Second.CustomerId, p.Second.MatchedBy)).ToList();
        var (realRow, dryRow) = Assert.Single(differing);
        Assert.Equal((ImportOutcome.Unchanged, "KH010", "phone"), (realRow.Outcome, realRow.CustomerId, realRow.MatchedBy));
        Assert.Equal(ImportOutcome.Inserted, dryRow.Outcome);
        Assert.InRange(differing.Count, 1, dry.IncompleteKeyLookups);
        Assert.Contains(("KH001", "phone"), dry.Rows.Select(r => (r.CustomerId, r.MatchedBy)));
        Assert.Contains((ImportOutcome.Updated, "KH005"), dry.Rows.Select(r => (r.Outcome, r.CustomerId)));
        Assert.Contains(("KH002", "name"), dry.Rows.Select(r => (r.CustomerId, r.MatchedBy)));

        // And the dry run's report says so, the real import's does not.
        Assert.Contains("key table", ImportReportWriter.ToText(dry, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain("key table", ImportReportWriter.ToText(real, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
