using BenchmarkDotNet.Attributes;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CrmCore.Benchmarks.Desk;

/// <summary>
/// Per-ticket cost of <see cref="ServiceDesk.RaiseAsync"/> (customer lookup, id, routing, priority, SLA due, enqueue, save) with the
/// plain-C# default ports (baseline), the rule pack on the compiled evaluator, and the rule pack on RulesEngine's executor.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6, invocationCount: 1)]
public class DeskRaiseBenchmarks
{
    private const int Tickets = 64;
    private static readonly TicketType[] Types = [TicketType.Fault, TicketType.Complaint, TicketType.Consultation, TicketType.PreSales];
    private ServiceDesk _plain = null!;
    private ServiceDesk _compiled = null!;
    private ServiceDesk _rulesEngine = null!;

    [IterationSetup]
    public void Setup()
    {
        _plain = NewDesk(null);
        _compiled = NewDesk(RuleBackend.Compiled);
        _rulesEngine = NewDesk(RuleBackend.RulesEngine);
    }

    /// <summary>Default ports: priority by urgency, one group.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Tickets)]
    public Task<int> PlainPorts() => RaiseAll(_plain);

    /// <summary>The default rule pack, compiled evaluator.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public Task<int> RulesCompiled() => RaiseAll(_compiled);

    /// <summary>The default rule pack, RulesEngine's ExecuteAllRulesAsync.</summary>
    [Benchmark(OperationsPerInvoke = Tickets)]
    public Task<int> RulesEngineExecutor() => RaiseAll(_rulesEngine);

    private static async Task<int> RaiseAll(ServiceDesk desk)
    {
        var n = 0;
        for (var i = 0; i < Tickets; i++)
        {
            var request = new TicketRequest { CustomerId = new CustomerId("K1"), Description = "问题", Urgency = (Urgency)(i % 3), Type = Types[i % Types.Length] };
            var (_, result) = await desk.RaiseAsync(request, "phone").ConfigureAwait(false);
            n += result.Events.Count;
        }

        return n;
    }

    private static ServiceDesk NewDesk(RuleBackend? backend)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FixedClock());
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:6}");
        if (backend is { } b)
        {
            services.AddCrmRules(o => o.Backend = b);
        }

        var desk = services.BuildServiceProvider().GetRequiredService<ServiceDesk>();
        desk.RegisterCustomerAsync(new CustomerId("K1"), new CustomerProfile { Name = "某某制造", Industry = Industry.Manufacturing, FirstContactOn = new LocalDate(2025, 1, 1) }, "A")
            .GetAwaiter().GetResult();
        return desk;
    }

    private sealed class FixedClock : IClock
    {
        public Instant GetCurrentInstant() => Instant.FromUtc(2026, 3, 2, 2, 0);
    }
}
