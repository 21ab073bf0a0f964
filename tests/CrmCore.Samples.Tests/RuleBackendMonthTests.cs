using System.Globalization;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Samples.ServiceDesk;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Samples.Tests;

public class RuleBackendMonthTests
{
    // Small enough for RulesEngine's executor to finish in seconds; every ticket still goes through priority and routing.
    private static readonly SampleSettings Month = new() { Customers = 150, Tickets = 500, Seed = 11, Store = SampleStore.Memory };

    [Fact]
    public void Build_RulesEngineBackend_ThePortsRunOnRulesEngine()
    {
        using var provider = SampleServices.Build(Month with { RuleBackend = RuleBackend.RulesEngine }, new FakeClock(Instant.FromUtc(2026, 2, 1, 0, 0)));

        var ports = Assert.IsType<RulesDeskPorts>(provider.GetRequiredService<IPriorityScorer>());
        Assert.Equal(RuleBackend.RulesEngine, ports.Backend);
    }

    [Fact]
    public void Run_CompiledAndRulesEngineBackends_PrintTheSameMonth()
    {
        var compiled = ServiceDeskMonth.Run(Month with { RuleBackend = RuleBackend.Compiled });
        var rulesEngine = ServiceDeskMonth.Run(Month with { RuleBackend = RuleBackend.RulesEngine });

        Assert.Equal(Month.Tickets, compiled.Tickets.Count);
        Assert.Equal(
            compiled.Assignments.Select(a => (a.Ticket.Id, a.Ticket.Group, a.Ticket.StaticPriority, a.Agent)),
            rulesEngine.Assignments.Select(a => (a.Ticket.Id, a.Ticket.Group, a.Ticket.StaticPriority, a.Agent)));
        Assert.Equal(Print(compiled), Print(rulesEngine));
    }

    private static string Print(MonthOutcome outcome)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(outcome, writer);
        return writer.ToString();
    }
}
