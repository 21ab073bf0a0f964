using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Metrics;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Samples.Tests;

/// <summary>The README's "Embedding it" example, kept compiling and true: the same statements, on a fake clock, with what they print checked.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task EmbeddingExample_RunsAsDocumented()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        var output = new List<string>();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);

        // From here to the end: README.md, "Embedding it" (Console.WriteLine replaced by output.Add, clock steps added).
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmRules();
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<CrmCore.Desk.ServiceDesk>(); // README: ServiceDesk (the sample namespace CrmCore.Samples.ServiceDesk hides it here)

        var acme = new CustomerId("KH0001");
        await desk.RegisterCustomerAsync(acme, new CustomerProfile { Name = "上海某某制造有限公司", Industry = Industry.Manufacturing,
                                                                     FirstContactOn = new LocalDate(2026, 1, 5) }, tier: "A");
        await desk.RegisterAgentAsync(new AgentId("A001"), "李工", new TeamId("TechnicalSupport"), SkillSet.Of(new Skill("Technical")), capacity: 5);

        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = acme, Description = "系统登录异常",
                                                                Urgency = Urgency.Urgent, Type = TicketType.Fault }, by: "phone");
        var (pulled, _) = await desk.PullNextAsync(new AgentId("A001"));
        clock.AdvanceMinutes(30);
        await desk.RespondAsync(id, "A001", "正在排查");
        clock.AdvanceHours(2);
        await desk.ResolveAsync(id, "A001", "Server load fixed");
        await desk.ScheduleRevisitAsync(id, "A001");
        clock.AdvanceHours(1);
        await desk.CompleteRevisitAsync(id, "manager", "已恢复", new DeskSurvey(new CsatScore(5), new NpsScore(9), Comment: "响应很快"));
        await desk.CloseAsync(id, "manager");
        await desk.AdvanceAsync();

        foreach (var sla in (await desk.GetSlaAsync(id)).Metrics)
            output.Add($"{sla.Metric}: due {sla.DueAt}, {sla.Status}");
        var kpis = provider.GetRequiredService<KpiCalculator>().Compute(await desk.KpiInputAsync(new YearMonth(2026, 3)), new YearMonth(2026, 3));
        output.Add($"tickets {kpis.Totals.TicketCount}, resolved {kpis.Totals.ResolutionRate:P0}, CSAT {kpis.Totals.CsatAverage}");

        Assert.Equal(id, pulled);
        Assert.Equal("WT20260300001", id.Value);
        Assert.Equal(TicketStatus.Closed, (await desk.ViewAsync(id)).Ticket.Status);
        Assert.Contains("FirstResponse: due 2026-03-02T04:00:00Z, Met", output);
        Assert.Contains(output, line => line.StartsWith("Resolution: due ", StringComparison.Ordinal) && line.EndsWith(", Met", StringComparison.Ordinal));
        Assert.Equal(1, kpis.Totals.TicketCount);
        Assert.Equal(5.0, kpis.Totals.CsatAverage);
        Assert.StartsWith("tickets 1, resolved 100", output[^1], StringComparison.Ordinal);
        await Assert.ThrowsAsync<TicketTransitionException>(() => desk.StartAsync(id, "A001"));
    }
}
