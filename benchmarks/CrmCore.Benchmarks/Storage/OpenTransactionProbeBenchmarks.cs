using BenchmarkDotNet.Attributes;
using CrmCore.CallerId;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Storage.Sqlite;
using NodaTime;

namespace CrmCore.Benchmarks.Storage;

/// <summary>
/// What the "is a transaction open on this flow" probe costs outside a transaction (a customer save through
/// <see cref="CallerIdCustomerRepository"/>, a desk command's events) on SQLite: before 2026-12-02 it began a store transaction and
/// disposed it only to see that it did not join one (baseline); now it asks the transactions (<c>IOpenTransactionProbe</c>). "Before"
/// runs today's code over the same transactions with the probe hidden (a pass-through that only begins), which is the old path exactly.
/// The probe alone, and a whole customer save through the wrapper (one SQLite write, then the caller-id index).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, id: "short")]
public class OpenTransactionProbeBenchmarks
{
    private string _directory = null!;
    private SqliteStorage _storage = null!;
    private IStoreTransactions _transactions = null!;
    private IStoreTransactions _hidden = null!;
    private CallerIdCustomerRepository _wrapper = null!;
    private CallerIdCustomerRepository _hiddenWrapper = null!;
    private CustomerState _state = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("crm-probe-").FullName;
        _storage = new SqliteStorage(new SqliteStorageOptions { DataSource = Path.Combine(_directory, "probe.db") });
        _transactions = _storage.Transactions;
        _hidden = new BeginOnly(_transactions);
        _wrapper = CallerIdCustomerRepository.Over(_storage.Customers, new CallerIdIndex(), _transactions);
        _hiddenWrapper = CallerIdCustomerRepository.Over(_storage.Customers, new CallerIdIndex(), _hidden);
        _state = new CustomerState
        {
            Id = new CustomerId("KH0000001"),
            Version = 1,
            Name = "上海某某制造有限公司",
            FirstContactOn = new LocalDate(2026, 1, 5),
            CreatedAt = Instant.FromUtc(2026, 1, 5, 0, 0),
            Contacts = [new Contact("张伟", ContactRole.DecisionMaker) { Phone = "13812345678" }],
        };
        _storage.Customers.SaveAsync(_state, 0).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Before: begin a store transaction, see that it joined none, dispose it.</summary>
    [Benchmark(Baseline = true)]
    public ValueTask<bool> ProbeByBeginning() => OpenTransaction.RegisterAsync(_hidden, static _ => { });

    /// <summary>After: ask the transactions.</summary>
    [Benchmark]
    public ValueTask<bool> ProbeByAsking() => OpenTransaction.RegisterAsync(_transactions, static _ => { });

    /// <summary>Before: a save through the wrapper, whose probe begins a transaction.</summary>
    [Benchmark]
    public async Task SaveWithProbeByBeginning()
    {
        var next = Next();
        await _hiddenWrapper.SaveAsync(next, next.Version - 1).ConfigureAwait(false);
    }

    /// <summary>After: a save through the wrapper, whose probe asks.</summary>
    [Benchmark]
    public async Task SaveWithProbeByAsking()
    {
        var next = Next();
        await _wrapper.SaveAsync(next, next.Version - 1).ConfigureAwait(false);
    }

    private CustomerState Next() => _state = _state with { Version = _state.Version + 1 };

    /// <summary>The store's transactions without their probe: only <see cref="IStoreTransactions.Begin"/>.</summary>
    private sealed class BeginOnly(IStoreTransactions inner) : IStoreTransactions
    {
        public IStoreTransaction Begin() => inner.Begin();
    }
}
