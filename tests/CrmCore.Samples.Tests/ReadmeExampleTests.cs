using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Rules.Facts;
using CrmCore.Rules.Reload;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Samples.Tests;

/// <summary>The README's embedding example, kept compiling and true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void EmbeddingExample_RunsAsDocumented()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmRules();
        services.AddCrmMetrics();
        using var provider = services.BuildServiceProvider();

        var clock = provider.GetRequiredService<IClock>();
        var tickets = provider.GetRequiredService<TicketFactory>();
        var ticket = tickets.Open(
            new TicketRequest { CustomerId = new CustomerId("KH0001"), Description = "系统登录异常", Urgency = Urgency.Urgent, Type = TicketType.Fault },
            owner: new AgentId("A001"),
            by: "A001");
        ticket.Start(clock.GetCurrentInstant(), "A001");
        ticket.Resolve(clock.GetCurrentInstant(), "A001", "Server load fixed");
        ticket.ConfirmResolution(clock.GetCurrentInstant(), "customer");
        ticket.Close(clock.GetCurrentInstant(), "A001");
        Assert.Equal(TicketStatus.Closed, ticket.Status);
        Assert.Equal("WT20260300001", ticket.Id.Value);
        Assert.Throws<TicketTransitionException>(() => ticket.Start(clock.GetCurrentInstant(), "A001"));

        var rules = provider.GetRequiredService<IRuleSetProvider>().Current!.RuleSet;
        var facts = CustomerFacts.From(
            new CustomerFactsInput { AnnualRevenue = 620_000m, Industry = "制造业" },
            clock.GetCurrentInstant(),
            DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
        var result = rules.EvaluateCustomer(facts);
        var why = rules.ExplainCustomer(facts).ToText(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("A", result.Tier);
        Assert.Contains("620000", why, StringComparison.Ordinal);
        Assert.Contains("500000", why, StringComparison.Ordinal);
    }
}
