using System.Text;
using CrmCore.CallerId;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>An import through each decorator of a customer store (caller id, dry run) keeps the store's batch atomicity and key index.</summary>
public class DecoratorBatchTests
{
    private const string Csv = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\nKH1,甲公司,零售业,,,10万,\nKH2,乙公司,,13800000002,,,\n";

    private static async Task<InMemoryCustomerRepository> StoreWithKh1Async()
    {
        var store = new InMemoryCustomerRepository();
        var stored = Customer.Create(new CustomerId("KH1"), new CustomerProfile { Name = "甲公司", FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0));
        await store.SaveAsync(stored.ToState(), 0);
        return store;
    }

    private static async Task<ImportReport> ImportAsync(ICustomerRepository store, bool dryRun = false)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        return await Samples.Importer(store, new CustomerImportOptions { DryRun = dryRun }).ImportAsync(stream, "test.csv");
    }

    [Fact]
    public async Task CallerId_ImportThrough_KeepsBatchAtomicityAndTheKeyIndex()
    {
        var inner = await StoreWithKh1Async();
        var store = new InterferingStore(inner, new CustomerId("KH1"));
        var wrapper = CallerIdCustomerRepository.Over(store, await CallerIdIndex.BuildAsync(inner));

        var report = await ImportAsync(wrapper);

        Assert.Equal(2, report.Totals.Rejected);
        Assert.Null(await inner.FindAsync(new CustomerId("KH2")));
        Assert.False(wrapper.Index.TryFind("13800000002", out _));
        Assert.Equal(0, store.SingleSaves);
        Assert.True(store.KeyLookups > 0);
    }

    [Fact]
    public async Task CallerId_BatchCommitted_IndexFollowsEveryCustomer()
    {
        var inner = await StoreWithKh1Async();
        var wrapper = CallerIdCustomerRepository.Over(inner, await CallerIdIndex.BuildAsync(inner));

        var report = await ImportAsync(wrapper);

        Assert.Equal((1, 1), (report.Totals.Inserted, report.Totals.Updated));
        Assert.True(wrapper.Index.TryFind("138 0000 0002", out var found));
        Assert.Equal(new CustomerId("KH2"), found);
    }

    [Fact]
    public void CallerId_Over_OffersExactlyWhatTheStoreOffers()
    {
        var index = new CallerIdIndex();
        var full = CallerIdCustomerRepository.Over(new InMemoryCustomerRepository(), index);
        var plain = CallerIdCustomerRepository.Over(new PlainStore(), index);

        Assert.IsAssignableFrom<ICustomerBatchRepository>(full);
        Assert.IsAssignableFrom<ICustomerKeyIndex>(full);
        Assert.False(plain is ICustomerBatchRepository);
        Assert.False(plain is ICustomerKeyIndex);
    }

    [Fact]
    public async Task DryRun_SomeoneElseWritesDuringTheBatch_ReportsTheBatchRejectedAsTheRealImportDoes()
    {
        var real = await ImportAsync(new InterferingStore(await StoreWithKh1Async(), new CustomerId("KH1"), onRead: true));
        var dryStore = new InterferingStore(await StoreWithKh1Async(), new CustomerId("KH1"), onRead: true);
        var dry = await ImportAsync(dryStore, dryRun: true);

        Assert.Equal(2, real.Totals.Rejected);
        Assert.All(real.Rows.Where(r => r.Outcome == ImportOutcome.Rejected), r => Assert.Equal("BatchConflict", r.ReasonCode));
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(real.Rows.Select(r => (r.Line, r.Outcome, r.Reason, r.ReasonCode)), dry.Rows.Select(r => (r.Line, r.Outcome, r.Reason, r.ReasonCode)));
        Assert.Equal(0, dryStore.SingleSaves);
    }

    [Fact]
    public async Task DryRun_OverAStoreWithoutBatchWrites_RejectsOnlyTheChangedCustomersRowsAsTheRealImportDoes()
    {
        var real = await ImportAsync(new PlainStore(new InterferingStore(await StoreWithKh1Async(), new CustomerId("KH1"), onRead: true)));
        var dry = await ImportAsync(new PlainStore(new InterferingStore(await StoreWithKh1Async(), new CustomerId("KH1"), onRead: true)), dryRun: true);

        Assert.Equal(1, real.Totals.Rejected);
        Assert.Equal("Conflict", real.Rows.Single(r => r.Outcome == ImportOutcome.Rejected).ReasonCode);
        Assert.Equal(real.Totals, dry.Totals);
        Assert.Equal(real.Rows.Select(r => (r.Line, r.Outcome, r.Reason, r.ReasonCode)), dry.Rows.Select(r => (r.Line, r.Outcome, r.Reason, r.ReasonCode)));
    }

    [Fact]
    public async Task DryRun_FindByKeys_MergesStoreAndOverlayInThePortsOrder()
    {
        var store = new InMemoryCustomerRepository();
        foreach (var id in new[] { "KH1", "KH3" })
        {
            await store.SaveAsync(Customer.Create(new CustomerId(id), new CustomerProfile { Name = "甲公司" + id, FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0)).ToState(), 0);
        }

        var dry = new DryRunCustomerRepository(store);
        await dry.SaveAsync(Customer.Create(new CustomerId("KH2"), new CustomerProfile { Name = "甲公司KH2", FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0)).ToState(), 0);
        CustomerKey[] keys = [.. new[] { "KH1", "KH2", "KH3" }.Select(id => new CustomerKey(CustomerKeyKind.Id, id))];

        var matches = await dry.FindByKeysAsync(keys);

        Assert.Equal(["KH1", "KH2", "KH3"], matches.Select(m => m.CustomerId.Value));
    }

    [Fact]
    public async Task DryRun_BatchWithAStaleVersion_LeavesTheOverlayAsItWas()
    {
        // KH1 is current, KH3 is written from a stale version: the batch conflicts, and nothing of it may stay in the overlay; a later
        // change of KH1 in the store must then show through the dry run (a copy left behind would hide it).
        var store = new InMemoryCustomerRepository();
        foreach (var id in new[] { "KH1", "KH3" })
        {
            await store.SaveAsync(Customer.Create(new CustomerId(id), new CustomerProfile { Name = "甲公司" + id, FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0)).ToState(), 0);
        }

        var kh1 = (await store.FindAsync(new CustomerId("KH1")))!;
        var kh3 = (await store.FindAsync(new CustomerId("KH3")))!;
        var dry = new DryRunCustomerRepository(store);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await dry.SaveAllAsync(
            [(kh1 with { Version = kh1.Version + 1, ShortName = "dry" }, kh1.Version), (kh3 with { Version = kh3.Version + 5 }, kh3.Version + 4)]));
        await store.SaveAsync(kh1 with { Version = kh1.Version + 1, ShortName = "someone else" }, kh1.Version);

        var seen = (await dry.FindAsync(new CustomerId("KH1")))!;
        Assert.Equal(kh1.Version + 1, seen.Version);
        Assert.Equal("someone else", seen.ShortName);
    }

    /// <summary>A store with neither batch writes nor a key index.</summary>
    /// <summary>A store with single saves only (no batch writes, no key index), over another store.</summary>
    private sealed class PlainStore(ICustomerRepository inner) : ICustomerRepository
    {
        public PlainStore()
            : this(new InMemoryCustomerRepository())
        {
        }

        public ValueTask<CustomerState?> FindAsync(CustomerId id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);

        public ValueTask SaveAsync(CustomerState state, long expectedVersion, CancellationToken cancellationToken = default) => inner.SaveAsync(state, expectedVersion, cancellationToken);

        public IAsyncEnumerable<CustomerState> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
    }
}
