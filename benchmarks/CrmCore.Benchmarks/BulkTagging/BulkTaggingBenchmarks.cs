using BenchmarkDotNet.Attributes;
using CrmCore.Rules;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Tests.Bulk.Shared;
using NodaTime;

namespace CrmCore.Benchmarks.BulkTagging;

/// <summary>
/// Tiering + tagging a whole customer base on one core: the lean hand-written scalar C# over the same integer-coded columns
/// (baseline), the vectorised kernel, the scalar column loop the classifier falls back to, and a plain vectorised sum over the same
/// columns (the memory-bandwidth floor, measured in the same run). Every competitor was checked to give the hand-written results in
/// <see cref="Setup"/>. RulesEngine is left out (minutes per 1M customers; see benchmarks/results/bulk-tagging.md for its ratios).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 8, iterationCount: 12, invocationCount: 8)]
public class BulkTaggingBenchmarks
{
    private readonly Instant _now = BulkTestData.Now;
    private readonly DateTimeZone _zone = BulkTestData.Zone;
    private BulkClassifier _vectorised = null!;
    private BulkClassifier _scalar = null!;
    private CustomerStore _store = null!;
    private ulong[] _masks = [];
    private short[] _tiers = [];
    private Array[] _columns = [];
    private Action<CustomerStore, Instant, DateTimeZone, ulong[], short[]> _handWritten = null!;

    /// <summary>Number of customers.</summary>
    [Params(100_000, 1_000_000)]
    public int Customers { get; set; }

    /// <summary>"default": the shipped tiering (doc 001) + tagging files (10 rules); "synthetic": synthetic-20.json (20 rules).</summary>
    [Params("default", "synthetic")]
    public string Rules { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        var set = Rules == "default" ? BulkTestData.DefaultPack() : BulkTestData.Synthetic();
        _handWritten = Rules == "default" ? HandWrittenClassifiers.DefaultPack : HandWrittenClassifiers.Synthetic;
        _vectorised = new BulkClassifier(set);
        _scalar = new BulkClassifier(set, vectorise: false);
        if (!_vectorised.IsVectorised || !_scalar.IsColumnar)
        {
            throw new InvalidOperationException("Expected the vectorised kernel: " + string.Join("; ", _vectorised.NotVectorisedBecause));
        }

        _store = BulkTestData.Store(BulkTestData.Customers(Customers, seed: 42));
        _masks = new ulong[Customers];
        _tiers = new short[Customers];
        _columns = ColumnSum.Arrays(_store, Rules == "default" ? ColumnSum.DefaultColumns : ColumnSum.SyntheticColumns);
        _handWritten(_store, _now, _zone, _masks, _tiers);
        foreach (var bulk in new[] { _vectorised, _scalar })
        {
            bulk.ClassifyAll(_store, _now, _zone);
            if (!_store.TagMasks.SequenceEqual(_masks) || !_store.TierIndexes.SequenceEqual(_tiers))
            {
                throw new InvalidOperationException("A competitor disagrees with the hand-written classifier.");
            }
        }
    }

    /// <summary>Hand-written scalar C# over the integer-coded columns (the lean baseline).</summary>
    [Benchmark(Baseline = true)]
    public ulong HandWrittenScalar()
    {
        _handWritten(_store, _now, _zone, _masks, _tiers);
        return _masks[^1];
    }

    /// <summary>CrmCore: the vectorised kernel (eight customers per 256-bit step), one thread.</summary>
    [Benchmark]
    public int Vectorised() => _vectorised.ClassifyAll(_store, _now, _zone).Evaluated;

    /// <summary>CrmCore: the scalar column loop (the fallback for shapes the vectorised kernel cannot express), one thread.</summary>
    [Benchmark]
    public int ScalarColumnLoop() => _scalar.ClassifyAll(_store, _now, _zone).Evaluated;

    /// <summary>A plain vectorised sum over the same columns and the result columns: the memory-bandwidth floor.</summary>
    [Benchmark]
    public ulong ColumnSumBandwidth() => ColumnSum.Sum(_columns);
}
