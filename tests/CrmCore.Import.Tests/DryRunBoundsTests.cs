using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// The dry run's memory and store reads: its in-memory similar-name index is bounded (a search past the bound is reported incomplete,
/// the run goes on), and when every key is held in memory the store's key index is not asked at all.
/// </summary>
public class DryRunBoundsTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    private const string Stored = "上海瑞丰精密机械有限公司";

    /// <summary>A typo of <see cref="Stored"/> and a new customer: both searched by similar name.</summary>
    private const string Rows = ",上海瑞丰精密机槭有限公司,,,,,\n,深圳新客户有限公司,,,,,\n";

    private static CustomerState New(string id, string name) =>
        Customer.Create(new CustomerId(id), new CustomerProfile { Name = name, FirstContactOn = new LocalDate(2026, 1, 1) }, Instant.FromUtc(2026, 1, 1, 0, 0)).ToState();

    /// <summary>KH000 named <see cref="Stored"/> (listed first), then ten other companies; the store's name grams are off.</summary>
    private static async Task<InMemoryCustomerRepository> StoreAsync()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAllAsync([(New("KH000", Stored), 0L), .. Enumerable.Range(1, 10).Select(i => (New($"KH{i:D3}", $"北京{i}号科技有限公司"), 0L))]);
        return store;
    }

    /// <summary>Room for <see cref="Stored"/>'s grams and not for one more name.</summary>
    private static int RoomForTheFirstNameOnly() => SimilarNames.Grams(CompanyNameNormalizer.Key(Stored)).Count + 1;

    private static async Task<ImportReport> ImportAsync(ICustomerRepository store, bool dryRun = false)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Header + Rows));
        return await Samples.Importer(store, new CustomerImportOptions { NameSimilarity = 0.85, DryRun = dryRun }).ImportAsync(stream, "customers.csv");
    }

    [Fact]
    public async Task FindByKeys_NameIndexFull_ReportsTheSearchCut_StillFindsTheHeldNames()
    {
        var block = CustomerKey.BlockOf(CompanyNameNormalizer.Key("上海瑞丰精密机槭有限公司"), 0.85);
        var bounded = new DryRunCustomerRepository(await StoreAsync(), RoomForTheFirstNameOnly());
        var unbounded = new DryRunCustomerRepository(await StoreAsync());

        var cut = await bounded.FindByKeysAsync([block]);
        var whole = await unbounded.FindByKeysAsync([block]);

        Assert.Contains(cut, m => m.Key == block && m.CustomerId.IsEmpty);
        Assert.Contains(cut, m => m.CustomerId == new CustomerId("KH000"));
        Assert.DoesNotContain(whole, m => m.CustomerId.IsEmpty);
        Assert.Contains(whole, m => m.CustomerId == new CustomerId("KH000"));
    }

    [Fact]
    public async Task Import_NameIndexFull_ReportsEverySimilarNameSearchIncomplete_AndGoesOn()
    {
        // The dry-run store with a small bound, used as the import's store: what the import reports of its lookups.
        var store = await StoreAsync();
        var before = (await Samples.AllAsync(store)).Select(s => (s.Id, s.Version)).ToList();
        var bounded = await ImportAsync(new DryRunCustomerRepository(store, RoomForTheFirstNameOnly()));
        var unbounded = await ImportAsync(new DryRunCustomerRepository(await StoreAsync()));

        Assert.Equal(2, bounded.IncompleteNameSearches);
        Assert.Equal(0, unbounded.IncompleteNameSearches);
        Assert.Equal(unbounded.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy)), bounded.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy)));
        Assert.Equal(("KH000", "name"), (bounded.Rows[0].CustomerId, bounded.Rows[0].MatchedBy));
        Assert.Equal(before, (await Samples.AllAsync(store)).Select(s => (s.Id, s.Version)).ToList());
    }

    [Fact]
    public async Task DryRun_EveryKeyInMemory_NeverAsksTheStoresKeyIndex_ReportsAsTheRealImport()
    {
        var waiting = KeyStateStore.Create(await StoreAsync(), keysComplete: false);
        var complete = KeyStateStore.Create(await StoreAsync(), keysComplete: true);
        var real = await ImportAsync(await StoreAsync());

        var dry = await ImportAsync(waiting, dryRun: true);
        var control = await ImportAsync(complete, dryRun: true);

        Assert.Equal(0, waiting.KeyLookups);
        Assert.True(complete.KeyLookups > 0);
        Assert.True(waiting.Lists > 0);
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(real.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy, r.Reason)), dry.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.MatchedBy, r.Reason)));
        Assert.Equal(real.Totals, control.Totals);
    }
}

/// <summary>
/// A memory store that counts its key lookups and lists, and says (as <see cref="ICustomerKeyIndexState"/>, internal to CrmCore and
/// visible to these tests) whether its customers all have their keys.
/// </summary>
internal sealed class KeyStateStore(InMemoryCustomerRepository inner, bool keysComplete) : ICustomerBatchRepository, ICustomerKeyIndex, ICustomerKeyIndexState
{
    public int KeyLookups { get; private set; }

    public int Lists { get; private set; }

    public static KeyStateStore Create(InMemoryCustomerRepository inner, bool keysComplete) => new(inner, keysComplete);

    public ValueTask<bool> KeysCompleteAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(keysComplete);

    public ValueTask<bool> SimilarNamesReadyAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

    public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

    public ValueTask SaveAllAsync(IReadOnlyList<(CustomerState State, long ExpectedVersion)> writes, CancellationToken cancellationToken = default) => inner.SaveAllAsync(writes, cancellationToken);

    public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default)
    {
        Lists++;
        return inner.ListAsync(cancellationToken);
    }

    public ValueTask<IReadOnlyList<CustomerKeyMatch>> FindByKeysAsync(IReadOnlyCollection<CustomerKey> keys, CancellationToken cancellationToken = default)
    {
        KeyLookups++;
        return inner.FindByKeysAsync(keys, cancellationToken);
    }
}
