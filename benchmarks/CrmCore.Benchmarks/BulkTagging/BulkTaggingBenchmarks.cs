using BenchmarkDotNet.Attributes;
using CrmCore.Rules;
using CrmCore.Rules.Bulk;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Bulk.Shared;
using NodaTime;
using RulesEngine.Models;

namespace CrmCore.Benchmarks.BulkTagging;

/// <summary>
/// Tiering + tagging a whole customer base: the hand-written C# classifier over the columnar store (baseline, the practical limit)
/// against the compiled bulk kernel (sequential and parallel), the fused per-customer delegate over <see cref="CustomerFacts"/> objects,
/// and RulesEngine's ExecuteAllRulesAsync called per customer (on the first 10,000 customers only, whatever N is: divide by 10,000
/// for its per-customer cost).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class BulkTaggingBenchmarks
{
    private const int RulesEngineCustomers = 10_000;

    private readonly Instant _now = BulkTestData.Now;
    private readonly DateTimeZone _zone = BulkTestData.Zone;
    private RuleSet _set = null!;
    private BulkClassifier _bulk = null!;
    private CustomerStore _store = null!;
    private CustomerFacts[] _facts = [];
    private ulong[] _masks = [];
    private short[] _tiers = [];
    private CustomerClassification[] _classifications = [];
    private Action<CustomerStore, Instant, DateTimeZone, ulong[], short[]> _handWritten = null!;
    private global::RulesEngine.RulesEngine _engine = null!;
    private string[] _workflows = [];
    private WorkflowKind[] _kinds = [];

    /// <summary>Number of customers.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Customers { get; set; }

    /// <summary>"default": the shipped tiering (doc 001) + tagging files (10 rules); "synthetic": synthetic-20.json (20 rules).</summary>
    [Params("default", "synthetic")]
    public string Rules { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        _set = Rules == "default" ? BulkTestData.DefaultPack() : BulkTestData.Synthetic();
        _handWritten = Rules == "default" ? HandWrittenClassifiers.DefaultPack : HandWrittenClassifiers.Synthetic;
        _bulk = new BulkClassifier(_set);
        if (!_bulk.IsColumnar)
        {
            throw new InvalidOperationException("Expected a columnar kernel: " + string.Join("; ", _bulk.NotColumnarBecause));
        }

        var customers = BulkTestData.Customers(Customers, seed: 42);
        _store = BulkTestData.Store(customers);
        _facts = customers.Select(c => CustomerFacts.From(c, _now, _zone)).ToArray();
        _masks = new ulong[Customers];
        _tiers = new short[Customers];
        _classifications = new CustomerClassification[Customers];
        _engine = new global::RulesEngine.RulesEngine(
            _set.Definitions.Select(d => d.ToRulesEngine()).ToArray(),
            new ReSettings { CustomTypes = [typeof(CustomerFacts), typeof(TagSet)], AutoRegisterInputType = false });
        _workflows = _set.Workflows.Select(w => w.Key).ToArray();
        _kinds = _set.Workflows.Select(w => w.Value).ToArray();
    }

    /// <summary>The hand-written classifier over the columns (the practical limit).</summary>
    [Benchmark(Baseline = true)]
    public ulong HandWritten()
    {
        _handWritten(_store, _now, _zone, _masks, _tiers);
        return _masks[^1];
    }

    /// <summary>CrmCore: the compiled bulk kernel over the columns, one thread.</summary>
    [Benchmark]
    public int CompiledBatch() => _bulk.ClassifyAll(_store, _now, _zone).Evaluated;

    /// <summary>CrmCore: the compiled bulk kernel over the columns, all cores.</summary>
    [Benchmark]
    public int CompiledBatchParallel() => _bulk.ClassifyAll(_store, _now, _zone, parallel: true).Evaluated;

    /// <summary>CrmCore: <see cref="RuleSet.Classify"/> (fused delegate) over one <see cref="CustomerFacts"/> object per customer.</summary>
    [Benchmark]
    public ulong CompiledClassifyFactObjects()
    {
        var facts = _facts;
        for (var i = 0; i < facts.Length; i++)
        {
            _classifications[i] = _set.Classify(facts[i]);
        }

        return _classifications[^1].TagMask;
    }

    /// <summary>RulesEngine 6.0.1 ExecuteAllRulesAsync per customer and workflow, on the first 10,000 customers.</summary>
    [Benchmark]
    public async Task<ulong> RulesEngine_First10k()
    {
        ulong sum = 0;
        var n = Math.Min(RulesEngineCustomers, _facts.Length);
        for (var i = 0; i < n; i++)
        {
            var input = new RuleParameter("customer", _facts[i]);
            ulong mask = 0;
            var tier = -1;
            for (var w = 0; w < _workflows.Length; w++)
            {
                var results = await _engine.ExecuteAllRulesAsync(_workflows[w], input);
                foreach (var r in results)
                {
                    if (!r.IsSuccess)
                    {
                        continue;
                    }

                    if (_kinds[w] == WorkflowKind.Tagging && _set.Tags.TryGetId(r.Rule.SuccessEvent, out var id))
                    {
                        mask |= 1UL << id;
                    }
                    else if (_kinds[w] == WorkflowKind.Tiering && tier < 0)
                    {
                        tier = _set.Tiers.ToList().IndexOf(r.Rule.SuccessEvent);
                    }
                }
            }

            sum += mask + (ulong)tier;
        }

        return sum;
    }
}
