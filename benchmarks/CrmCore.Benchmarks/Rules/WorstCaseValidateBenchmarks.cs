using BenchmarkDotNet.Attributes;
using CrmCore.Rules;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Tests.Hostile;
using NodaTime;

namespace CrmCore.Benchmarks.Rules;

/// <summary>
/// Worst case of validating, evaluating and explaining an accepted rule file at the largest allowed size
/// (<see cref="RuleLoadOptions.MaxFileBytes"/>): every rule at the node limit after inlining. The baseline loads the whole
/// default rule pack in the same run. Also the hostile files of issue 12 that are now rejected (parameter doubling, one line).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class WorstCaseValidateBenchmarks
{
    private RuleSource[] _pack = [];
    private string _worst = string.Empty;
    private string _doubling = string.Empty;
    private RuleSet _worstSet = null!;
    private CustomerFacts _customer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pack = DefaultRulePack.FileNames.Select(DefaultRulePack.GetSource).ToArray();
        _worst = WorstCaseFile.Build(RuleLoadOptions.Default.MaxFileBytes);
        _worstSet = RuleLoader.Load("worst.json", _worst).GetRuleSetOrThrow();
        _customer = CustomerFacts.From(new CustomerFactsInput { AnnualRevenue = 10, Tags = ["x1", "x2"] }, Instant.FromUtc(2026, 6, 15, 4, 0), DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        var globals = string.Join(",", Enumerable.Range(1, 60).Select(i => $"{{\"Name\":\"p{i}\",\"Expression\":\"p{i - 1} + p{i - 1}\"}}"));
        _doubling = "[{\"WorkflowName\":\"Tagging\",\"GlobalParams\":[{\"Name\":\"p0\",\"Expression\":\"customer.AnnualRevenue\"}," + globals
            + "],\"Rules\":[{\"RuleName\":\"r\",\"SuccessEvent\":\"t\",\"Expression\":\"p60 > 0\"}]}]";
    }

    /// <summary>The default rule pack (seven files), loaded as one set.</summary>
    [Benchmark(Baseline = true)]
    public bool DefaultPack() => RuleLoader.Load(_pack).Success;

    /// <summary>Validate (load and compile) the worst accepted file at the maximum size.</summary>
    [Benchmark]
    public bool ValidateWorstCase() => RuleLoader.Load("worst.json", _worst).Success;

    /// <summary>Evaluate and explain one customer on the worst accepted file (already loaded).</summary>
    [Benchmark]
    public int EvaluateAndExplainWorstCase() => _worstSet.EvaluateCustomer(_customer).Tags.Count + _worstSet.ExplainCustomer(_customer).GetHashCode();

    /// <summary>Sixty parameters that each double the previous one (2^60 nodes once inlined): rejected with CRM032.</summary>
    [Benchmark]
    public bool RejectParameterDoubling() => RuleLoader.Load("doubling.json", _doubling).Success;
}
