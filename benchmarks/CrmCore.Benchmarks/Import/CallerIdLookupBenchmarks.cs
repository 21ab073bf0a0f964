using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CrmCore.CallerId;
using CrmCore.Customers;
using NodaTime;

namespace CrmCore.Benchmarks.Import;

/// <summary>
/// Caller-id lookup at 1M customers (goal: under 200 ns, 0 B). The baseline is the bare dictionary probe of an already canonical
/// string key, the least a lookup can cost; the index also normalises whatever form the number comes in.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessLongRun))]
public class CallerIdLookupBenchmarks
{
    private const int Customers = 1_000_000;
    private CallerIdIndex _index = null!;
    private Dictionary<string, CustomerId> _plain = null!;
    private string _canonical = null!;
    private string _spaced = null!;
    private string _email = null!;

    [GlobalSetup]
    public void Setup()
    {
        _index = new CallerIdIndex();
        _plain = new Dictionary<string, CustomerId>(Customers, StringComparer.Ordinal);
        var created = Instant.FromUtc(2026, 1, 1, 0, 0);
        for (var i = 0; i < Customers; i++)
        {
            var id = new CustomerId($"KH{i:D7}");
            var phone = $"+86138{i:D8}";
            _index.Upsert(new CustomerState
            {
                Id = id,
                Version = 1,
                Name = "客户" + i,
                FirstContactOn = new LocalDate(2026, 1, 1),
                CreatedAt = created,
                Contacts = [new Contact("联系人", ContactRole.DecisionMaker) { Phone = phone, Email = $"c{i}@example.cn" }],
            });
            _plain[phone] = id;
        }

        _canonical = "+8613800765432";
        _spaced = "138 0076 5432";
        _email = "C765432@Example.cn";
    }

    [Benchmark(Baseline = true, Description = "Dictionary<string> probe, canonical key")]
    public CustomerId PlainDictionary() => _plain[_canonical];

    [Benchmark(Description = "CallerIdIndex, canonical +86 form")]
    public CustomerId Canonical() => _index.TryFind(_canonical, out var id) ? id : default;

    [Benchmark(Description = "CallerIdIndex, '138 0076 5432'")]
    public CustomerId Spaced() => _index.TryFind(_spaced, out var id) ? id : default;

    [Benchmark(Description = "CallerIdIndex, e-mail in another case")]
    public CustomerId Email() => _index.TryFind(_email, out var id) ? id : default;

    /// <summary>
    /// One job in this process, 1 warm-up and 5 iterations, with an hour's timeout: building 1M customers per benchmark on a loaded
    /// machine takes longer than the in-process toolchain's default timeout, which stopped the earlier run before its summary.
    /// </summary>
    private sealed class InProcessLongRun : ManualConfig
    {
        public InProcessLongRun() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5));
    }
}
