using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Rules.Reload;
using CrmCore.Tests.Support;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Desk;

/// <summary>
/// A Priority rule that throws at run time (QA wave 18: <c>100 / ticket.ReopenCount</c> on a new ticket) on both backends: the rule
/// counts as not held, the ticket is raised and stored with the priority the other rules give, the failure is on the raise's result
/// (<see cref="TicketRuleFailed"/>, English and Chinese) and logged as a warning through the host's logger factory.
/// </summary>
public class RuleFailureDeskTests
{
    private const string BoomFile = "priority-boom.json";
    private const string BoomExpression = "100 / ticket.ReopenCount > 1";

    [Theory]
    [InlineData(RuleBackend.Compiled)]
    [InlineData(RuleBackend.RulesEngine)]
    public async Task RaiseAsync_PriorityRuleDividesByZero_RuleNotHeldTicketRaisedFailureOnResultAndLogged(RuleBackend backend)
    {
        var logs = new CapturingLoggerFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmRules(o => o.Backend = backend);
        using var provider = services.BuildServiceProvider();
        var desk = provider.GetRequiredService<ServiceDesk>();
        var customer = new CustomerId("K0");
        await desk.RegisterCustomerAsync(customer, new CustomerProfile { Name = "客户0", Industry = new Industry("Manufacturing"), FirstContactOn = new LocalDate(2025, 1, 1) }, tier: "A");
        var request = new TicketRequest { CustomerId = customer, Description = "x", Urgency = Urgency.Urgent, Type = TicketType.Fault };
        var (_, plain) = await desk.RaiseAsync(request, "phone");

        var (text, line) = PackWithBoom();
        var rules = provider.GetRequiredService<IRuleSetProvider>();
        rules.Reload([.. DefaultRulePack.Sources().Where(s => s.Name != "pack:" + DefaultRulePack.Priority), RuleSource.FromText(BoomFile, text)]).GetRuleSetOrThrow();
        var (id, raised) = await desk.RaiseAsync(request, "phone");

        Assert.Empty(plain.Events.OfType<TicketRuleFailed>());
        Assert.Equal(Assert.Single(plain.Events.OfType<TicketQueued>()).Priority, Assert.Single(raised.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(id, (await desk.ViewAsync(id)).Ticket.Id);
        var failed = Assert.Single(raised.Events.OfType<TicketRuleFailed>());
        Assert.Equal((id, "Priority", "Boom", BoomFile, line), (failed.TicketId, failed.Workflow, failed.Rule, failed.File, failed.Line));
        Assert.True(failed.Column > 0);
        var where = string.Create(CultureInfo.InvariantCulture, $"{BoomFile}:{line}:{failed.Column}: ");
        Assert.Equal(where + "rule Priority/Boom: its condition (Expression) divides by zero; the rule counts as failed (not held; its outcome is not used)", failed.Reason);
        Assert.Equal(where + "规则 Priority/Boom：其条件（Expression）除以零；该规则视为执行失败（不成立，其结果不采用）", failed.ReasonZhHans);
        Assert.Equal(failed.ReasonZhHans, failed.Describe(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(failed.Reason, failed.Describe(CultureInfo.GetCultureInfo("en-GB")));
        var logged = Assert.Single(logs.Entries, w => w.EventId == 3005); // RuleSetProvider's rule failure warning
        Assert.Equal(failed.Reason, logged.Message);
        Assert.IsType<DivideByZeroException>(logged.Exception);
        Assert.Equal(1, rules.Current!.RuleSet.FailureCount);
    }

    /// <summary>The pack's priority file with a last rule that divides by zero on a ticket never reopened, and the line of its expression.</summary>
    private static (string Text, int Line) PackWithBoom()
    {
        var pack = Encoding.UTF8.GetString(DefaultRulePack.GetSource(DefaultRulePack.Priority).Content.Span).TrimEnd();
        var end = pack.LastIndexOf(']', pack.LastIndexOf(']') - 1);
        var text = pack[..end].TrimEnd() + ",\n      {\n        \"RuleName\": \"Boom\",\n        \"SuccessEvent\": \"boom\",\n        \"Properties\": { \"Points\": 7 },\n"
            + "        \"Expression\": \"" + BoomExpression + "\"\n      }\n    " + pack[end..];
        var line = text[..text.IndexOf(BoomExpression, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        return (text, line);
    }
}
