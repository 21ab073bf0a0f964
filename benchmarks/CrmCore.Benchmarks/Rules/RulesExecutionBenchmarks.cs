using BenchmarkDotNet.Attributes;
using CrmCore.Rules;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reference;
using NodaTime;

namespace CrmCore.Benchmarks.Rules;

/// <summary>
/// Per-customer cost of tiering + tagging with the default pack: RulesEngine's ExecuteAllRulesAsync (baseline) against the
/// compiled rule set (per-rule delegates) and the fused classification delegate.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class RulesExecutionBenchmarks
{
    private const int Customers = 64;
    private CustomerFacts[] _facts = [];
    private RuleSet _set = null!;
    private RuleSet _classificationOnly = null!;
    private RulesEngineReferenceEvaluator _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = Instant.FromUtc(2026, 6, 15, 4, 0);
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        _classificationOnly = RuleLoader.Load([DefaultRulePack.GetSource(DefaultRulePack.Tiering), DefaultRulePack.GetSource(DefaultRulePack.Tagging)]).GetRuleSetOrThrow();
        _set = _classificationOnly;
        _reference = new RulesEngineReferenceEvaluator(_classificationOnly);
        _facts = Enumerable.Range(0, Customers).Select(i => CustomerFacts.From(
            new CustomerFactsInput
            {
                AnnualRevenue = i * 10_000,
                LastInteractionAt = now - Duration.FromDays(i * 4),
                FirstCooperationOn = new LocalDate(2026, 1, 1).PlusMonths(-(i % 9)),
                ComplaintsLast60Days = i % 3,
                ConsultationsLast60Days = i % 7,
                DoNotContact = i % 11 == 0,
            },
            now,
            zone)).ToArray();
    }

    /// <summary>RulesEngine 6.0.1 ExecuteAllRulesAsync for Tiering and Tagging, per customer.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Customers)]
    public async Task<int> RulesEngineExecuteAllRules()
    {
        var n = 0;
        foreach (var f in _facts)
        {
            var e = await _reference.EvaluateCustomerAsync(f);
            n += e.Tags.Count;
        }

        return n;
    }

    /// <summary>The compiled rule set's general path (per-rule delegates, result objects), per customer.</summary>
    [Benchmark(OperationsPerInvoke = Customers)]
    public int CompiledEvaluateCustomer()
    {
        var n = 0;
        foreach (var f in _facts)
        {
            n += _set.EvaluateCustomer(f).Tags.Count;
        }

        return n;
    }

    /// <summary>The fused tiering + tagging delegate (tag bitmask + tier index), per customer.</summary>
    [Benchmark(OperationsPerInvoke = Customers)]
    public ulong CompiledClassify()
    {
        ulong n = 0;
        foreach (var f in _facts)
        {
            var c = _classificationOnly.Classify(f);
            n += c.TagMask + (ulong)c.TierIndex;
        }

        return n;
    }
}
