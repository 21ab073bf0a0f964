using BenchmarkDotNet.Attributes;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Benchmarks.Desk;

/// <summary>
/// The daily churn assessment over 2,000 customers and 20,000 tickets in the in-memory stores: the first assessment of a desk reads
/// every customer and ticket (baseline, what every day cost before the churn ledger), a later day's reads only the ledger the desk kept.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8, invocationCount: 1)]
public class DeskChurnBenchmarks
{
    private const int Customers = 2_000;
    private const int Tickets = 20_000;
    private static readonly TicketType[] Types = [TicketType.Fault, TicketType.Complaint, TicketType.Consultation];
    private readonly InMemoryTicketRepository _tickets = new();
    private readonly InMemoryCustomerRepository _customers = new();
    private ServiceDesk _warm = null!;
    private ServiceDesk _fresh = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var desk = NewDesk();
        for (var c = 0; c < Customers; c++)
        {
            desk.RegisterCustomerAsync(new CustomerId($"K{c}"), new CustomerProfile { Name = $"客户{c}", FirstContactOn = new LocalDate(2025, 1, 1) }, "A").GetAwaiter().GetResult();
        }

        for (var t = 0; t < Tickets; t++)
        {
            var request = new TicketRequest { CustomerId = new CustomerId($"K{t % Customers}"), Description = "问题", Type = Types[t % Types.Length] };
            desk.RaiseAsync(request, "phone").GetAwaiter().GetResult();
        }

        _warm = NewDesk();
        _warm.AssessChurnAsync().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void IterationSetup() => _fresh = NewDesk();

    /// <summary>A desk's first assessment: one listing of every customer and every ticket.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> FirstDay_FullRead() => (await _fresh.AssessChurnAsync().ConfigureAwait(false)).Assessments.Count;

    /// <summary>A later day: the ledger the desk kept from its saves, no store read.</summary>
    [Benchmark]
    public async Task<int> NextDay_Ledger() => (await _warm.AssessChurnAsync().ConfigureAwait(false)).Assessments.Count;

    private ServiceDesk NewDesk()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock());
        services.AddSingleton<ITicketRepository>(_tickets);
        services.AddSingleton<ISurveyRepository>(_tickets);
        services.AddSingleton<ICustomerRepository>(_customers);
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:6}");
        services.AddCrmMetrics();
        return services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
    }

    private sealed class FixedClock : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUtc(2026, 3, 2, 2, 0);
    }
}
