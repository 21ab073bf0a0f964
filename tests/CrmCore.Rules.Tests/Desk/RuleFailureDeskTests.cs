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
        var (provider, logs, _) = Desk(backend);
        using var __ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var customer = await RegisterAsync(desk);
        var request = new TicketRequest { CustomerId = customer, Description = "x", Urgency = Urgency.Urgent, Type = TicketType.Fault };
        var (_, plain) = await desk.RaiseAsync(request, "phone");

        var (text, line) = PackWithBoom();
        Reload(provider, [DefaultRulePack.Priority], RuleSource.FromText(BoomFile, text));
        var rules = provider.GetRequiredService<IRuleSetProvider>();
        var (id, raised) = await desk.RaiseAsync(request, "phone");

        Assert.Empty(plain.Events.OfType<TicketRuleFailed>());
        Assert.Equal(Assert.Single(plain.Events.OfType<TicketQueued>()).Priority, Assert.Single(raised.Events.OfType<TicketQueued>()).Priority);
        Assert.Equal(id, (await desk.ViewAsync(id)).Ticket.Id);
        var failed = Assert.Single(raised.Events.OfType<TicketRuleFailed>());
        Assert.Equal((id, "Priority", "Boom", BoomFile, line), (failed.TicketId, failed.Workflow, failed.Rule, failed.File, failed.Line));
        AssertTexts(failed, BoomFile, line, "Priority/Boom");
        var logged = Assert.Single(logs.Entries, w => w.EventId == 3005); // RuleSetProvider's rule failure warning
        Assert.Equal(failed.Reason, logged.Message);
        Assert.IsType<DivideByZeroException>(logged.Exception);
        Assert.Equal(1, rules.Current!.RuleSet.FailureCount);
    }

    /// <summary>
    /// Wave 19: an Escalation rule that throws while <see cref="ServiceDesk.AdvanceAsync"/> chooses a due ticket's escalation path is on
    /// the advance's result (<see cref="TicketRuleFailed"/>, English and Chinese, file and line), not only logged; a Priority failure of
    /// the same ticket is not (the advance scores nothing).
    /// </summary>
    [Theory]
    [InlineData(RuleBackend.Compiled)]
    [InlineData(RuleBackend.RulesEngine)]
    public async Task AdvanceAsync_EscalationRuleDividesByZero_FailureOnTheAdvancesResultAndLogged(RuleBackend backend)
    {
        var (provider, logs, clock) = Desk(backend);
        using var _ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var customer = await RegisterAsync(desk);
        var escalation = PackWith(DefaultRulePack.Escalation, "EscalationBoom", "\"Properties\": { \"Ladder\": \"overdue\" }");
        var priority = PackWithBoom();
        Reload(provider, [DefaultRulePack.Escalation, DefaultRulePack.Priority], RuleSource.FromText("escalation-boom.json", escalation.Text), RuleSource.FromText(BoomFile, priority.Text));
        var (id, _) = await desk.RaiseAsync(new TicketRequest { CustomerId = customer, Description = "x", Urgency = Urgency.Urgent, Type = TicketType.Fault }, "phone");
        var before = logs.Entries.Count(e => e.EventId == 3005);
        clock.Advance(Duration.FromDays(3));

        var advanced = await desk.AdvanceAsync();

        var failed = Assert.Single(advanced.Events.OfType<TicketRuleFailed>());
        Assert.Equal((id, "Escalation", "EscalationBoom", "escalation-boom.json", escalation.Line), (failed.TicketId, failed.Workflow, failed.Rule, failed.File, failed.Line));
        Assert.Equal(clock.GetCurrentInstant(), failed.OccurredAt);
        AssertTexts(failed, "escalation-boom.json", escalation.Line, "Escalation/EscalationBoom");
        Assert.True(logs.Entries.Count(e => e.EventId == 3005) > before);
    }

    /// <summary>
    /// Wave 19 review: one broken Escalation rule is reported once per ticket by the advances, not at every instant a ticket comes due
    /// (advances every 30 minutes for 6 days reported it 7 times for one ticket, and an advance whose only event was the failure).
    /// Calling the advance twice at the same instant still gives nothing new.
    /// </summary>
    [Theory]
    [InlineData(RuleBackend.Compiled)]
    [InlineData(RuleBackend.RulesEngine)]
    public async Task AdvanceAsync_BrokenEscalationRule_IsReportedOncePerTicket_NotAtEveryDueInstant(RuleBackend backend)
    {
        var (provider, _, clock) = Desk(backend);
        using var _ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var customer = await RegisterAsync(desk);
        var request = new TicketRequest { CustomerId = customer, Description = "x", Urgency = Urgency.Urgent, Type = TicketType.Fault };
        var (first, _) = await desk.RaiseAsync(request, "phone");
        var (second, _) = await desk.RaiseAsync(request, "phone");
        var escalation = PackWith(DefaultRulePack.Escalation, "EscalationBoom", "\"Properties\": { \"Ladder\": \"overdue\" }");
        Reload(provider, [DefaultRulePack.Escalation], RuleSource.FromText("escalation-boom.json", escalation.Text));
        var failures = new List<TicketRuleFailed>();
        var dueAdvances = 0;

        for (var step = 0; step < 6 * 48; step++)
        {
            clock.Advance(Duration.FromMinutes(30));
            var advanced = await desk.AdvanceAsync();
            failures.AddRange(advanced.Events.OfType<TicketRuleFailed>());
            dueAdvances += advanced.Events.Any(e => e is SlaWarningRaised or SlaBreached or TicketEscalated) ? 1 : 0;
            Assert.Empty((await desk.AdvanceAsync()).Events);
        }

        Assert.True(dueAdvances >= 2, $"the tickets came due at {dueAdvances} advance(s) only");
        Assert.Equal(new[] { first.Value, second.Value }.Order(StringComparer.Ordinal), failures.Select(f => f.TicketId.Value).Order(StringComparer.Ordinal));
        Assert.All(failures, f => Assert.Equal(("Escalation", "EscalationBoom", escalation.Line), (f.Workflow, f.Rule, f.Line)));
    }

    /// <summary>
    /// Wave 19 review: a broken ChurnRisk rule is reported once per customer by the advances' daily churn assessment, not every day; a
    /// changed broken rule is reported once more; <see cref="ServiceDesk.AssessChurnAsync"/>, which the host asks for, reports every
    /// failure of its own assessment.
    /// </summary>
    [Fact]
    public async Task AdvanceAsync_BrokenChurnRiskRule_IsReportedOncePerCustomer_NotEveryDay_AndAgainWhenTheRuleChanges()
    {
        var (provider, _, clock) = Desk(RuleBackend.Compiled);
        using var _ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        const string Properties = "\"Properties\": { \"ReasonZhHans\": \"炸\", \"Points\": 5 }";
        var churn = PackWith(DefaultRulePack.ChurnRisk, "ChurnBoom", Properties, CustomerBoom);
        Reload(provider, [DefaultRulePack.ChurnRisk], RuleSource.FromText("churn-boom.json", churn.Text));
        var customer = await RegisterAsync(desk);
        var failures = new List<CustomerRuleFailed>();

        for (var day = 0; day < 5; day++)
        {
            failures.AddRange((await desk.AdvanceAsync()).Events.OfType<CustomerRuleFailed>());
            clock.Advance(Duration.FromDays(1));
        }

        var (_, assessed) = await desk.AssessChurnAsync();
        var changed = PackWith(DefaultRulePack.ChurnRisk, "ChurnBoomRenamed", Properties, CustomerBoom);
        Reload(provider, [DefaultRulePack.ChurnRisk], RuleSource.FromText("churn-boom.json", changed.Text));
        var afterChange = (await desk.AdvanceAsync()).Events.OfType<CustomerRuleFailed>().ToList();
        clock.Advance(Duration.FromDays(1));
        var dayAfter = (await desk.AdvanceAsync()).Events.OfType<CustomerRuleFailed>().ToList();

        Assert.Equal((customer, "ChurnBoom"), (Assert.Single(failures).CustomerId, failures[0].Rule));
        Assert.Equal("ChurnBoom", Assert.Single(assessed.Events.OfType<CustomerRuleFailed>()).Rule);
        Assert.Equal("ChurnBoomRenamed", Assert.Single(afterChange).Rule);
        Assert.Empty(dayAfter);
    }

    /// <summary>
    /// Wave 19: a Tiering rule that throws while the desk classifies a customer is on the result of the registration and of
    /// <see cref="ServiceDesk.ClassifyCustomerAsync"/> (<see cref="CustomerRuleFailed"/>), not only logged.
    /// </summary>
    [Theory]
    [InlineData(RuleBackend.Compiled)]
    [InlineData(RuleBackend.RulesEngine)]
    public async Task ClassifyCustomer_TieringRuleDividesByZero_FailureOnTheResultAndLogged(RuleBackend backend)
    {
        var (provider, logs, clock) = Desk(backend);
        using var _ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var tiering = PackWith(DefaultRulePack.Tiering, "TierBoom", "\"Properties\": { \"Description\": \"x\" }", CustomerBoom);
        Reload(provider, [DefaultRulePack.Tiering], RuleSource.FromText("tiering-boom.json", tiering.Text));
        var customer = new CustomerId("K1");

        var registered = await desk.RegisterCustomerAsync(customer, Profile());
        var classified = await desk.ClassifyCustomerAsync(customer);

        foreach (var result in new[] { registered, classified })
        {
            var failed = Assert.Single(result.Events.OfType<CustomerRuleFailed>());
            Assert.Equal((customer, "Tiering", "TierBoom", "tiering-boom.json", tiering.Line), (failed.CustomerId, failed.Workflow, failed.Rule, failed.File, failed.Line));
            Assert.Equal(clock.GetCurrentInstant(), failed.OccurredAt);
            AssertTexts(failed, "tiering-boom.json", tiering.Line, "Tiering/TierBoom");
        }

        Assert.True(logs.Entries.Count(e => e.EventId == 3005) >= 2);
    }

    /// <summary>
    /// Wave 19: a ChurnRisk rule that throws is on the result of <see cref="ServiceDesk.AssessChurnAsync"/> and of the advance that runs
    /// the day's churn assessment (<see cref="CustomerRuleFailed"/>), not only logged; the classification reports none of it.
    /// </summary>
    [Theory]
    [InlineData(RuleBackend.Compiled)]
    [InlineData(RuleBackend.RulesEngine)]
    public async Task AssessChurn_ChurnRiskRuleDividesByZero_FailureOnAssessAndAdvanceResults(RuleBackend backend)
    {
        var (provider, logs, _) = Desk(backend);
        using var __ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var churn = PackWith(DefaultRulePack.ChurnRisk, "ChurnBoom", "\"Properties\": { \"ReasonZhHans\": \"炸\", \"Points\": 5 }", CustomerBoom);
        Reload(provider, [DefaultRulePack.ChurnRisk], RuleSource.FromText("churn-boom.json", churn.Text));
        var customer = await RegisterAsync(desk);
        var classified = await desk.ClassifyCustomerAsync(customer);

        var (_, assessed) = await desk.AssessChurnAsync();
        var advanced = await desk.AdvanceAsync();

        Assert.Empty(classified.Events.OfType<CustomerRuleFailed>());
        foreach (var result in new[] { assessed, advanced })
        {
            var failed = Assert.Single(result.Events.OfType<CustomerRuleFailed>());
            Assert.Equal((customer, "ChurnRisk", "ChurnBoom", "churn-boom.json", churn.Line), (failed.CustomerId, failed.Workflow, failed.Rule, failed.File, failed.Line));
            AssertTexts(failed, "churn-boom.json", churn.Line, "ChurnRisk/ChurnBoom");
        }

        Assert.True(logs.Entries.Count(e => e.EventId == 3005) >= 2);
    }

    /// <summary>
    /// Wave 19: without ICU, where .NET makes no culture by name (invariant globalization mode with predefined cultures only, the
    /// default of that mode), a rule failure's <see cref="DeskRuleFailed.ReasonZhHans"/> is still Chinese, for a ticket and a customer.
    /// Run in a child process (this test assembly, <see cref="ChildProcess"/>): the mode is fixed when a process starts.
    /// </summary>
    [Fact]
    public void RuleFailures_WithoutCultureData_ReasonZhHansIsStillChinese()
    {
        var (exit, output, error) = ChildProcess.Run("rule-failures",
            new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = "1" });

        Assert.True(exit == 0, error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("no culture by name: True", lines[0]);
        Assert.Contains(lines, l => l.EndsWith("规则 Tiering/TierBoom：其条件（Expression）除以零；该规则视为执行失败（不成立，其结果不采用）", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("规则 Priority/Boom：其条件（Expression）除以零；该规则视为执行失败（不成立，其结果不采用）", StringComparison.Ordinal));
        Assert.Equal(3, lines.Length);
    }

    /// <summary>The child process of <see cref="RuleFailures_WithoutCultureData_ReasonZhHansIsStillChinese"/>: registers a customer whose
    /// Tiering rule fails and raises a ticket whose Priority rule fails, and prints whether .NET refuses cultures by name, then each
    /// failure's Chinese text.</summary>
    internal static async Task<int> PrintRuleFailuresAsync(TextWriter output)
    {
        var (provider, _, _) = Desk(RuleBackend.Compiled);
        using var _ = provider;
        var desk = provider.GetRequiredService<ServiceDesk>();
        var tiering = PackWith(DefaultRulePack.Tiering, "TierBoom", "\"Properties\": { \"Description\": \"x\" }", CustomerBoom);
        Reload(provider, [DefaultRulePack.Tiering, DefaultRulePack.Priority], RuleSource.FromText("tiering-boom.json", tiering.Text), RuleSource.FromText(BoomFile, PackWithBoom().Text));
        var customer = new CustomerId("K1");
        var registered = await desk.RegisterCustomerAsync(customer, Profile());
        var (_, raised) = await desk.RaiseAsync(new TicketRequest { CustomerId = customer, Description = "x", Urgency = Urgency.Urgent, Type = TicketType.Fault }, "phone");

        var refused = Record.Exception(() => CultureInfo.GetCultureInfo("zh-Hans")) is CultureNotFoundException;
        await output.WriteLineAsync($"no culture by name: {refused}");
        foreach (var failed in registered.Events.Concat(raised.Events).OfType<DeskRuleFailed>())
        {
            await output.WriteLineAsync(failed.ReasonZhHans);
        }

        return 0;
    }

    private const string CustomerBoom = "100 / customer.ComplaintsLast60Days > 1";

    private static (ServiceProvider Provider, CapturingLoggerFactory Logs, FakeClock Clock) Desk(RuleBackend backend)
    {
        var logs = new CapturingLoggerFactory();
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0));
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(clock);
        services.AddSingleton<ILoggerFactory>(logs);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddCrmCore(o => o.TicketIdPattern = "WT{yyyyMM}{seq:5}");
        services.AddCrmMetrics();
        services.AddCrmRules(o => o.Backend = backend);
        return (services.BuildServiceProvider(), logs, clock);
    }

    private static CustomerProfile Profile() => new() { Name = "客户0", Industry = new Industry("Manufacturing"), FirstContactOn = new LocalDate(2025, 1, 1) };

    private static async Task<CustomerId> RegisterAsync(ServiceDesk desk)
    {
        var customer = new CustomerId("K0");
        await desk.RegisterCustomerAsync(customer, Profile(), tier: "A");
        return customer;
    }

    /// <summary>Reloads the default pack with <paramref name="replaced"/> files swapped for <paramref name="sources"/>.</summary>
    private static void Reload(ServiceProvider provider, string[] replaced, params RuleSource[] sources) =>
        provider.GetRequiredService<IRuleSetProvider>()
            .Reload([.. DefaultRulePack.Sources().Where(s => !replaced.Any(r => s.Name == "pack:" + r)), .. sources]).GetRuleSetOrThrow();

    private static void AssertTexts(DeskRuleFailed failed, string file, int line, string rule)
    {
        Assert.True(failed.Column > 0);
        var where = string.Create(CultureInfo.InvariantCulture, $"{file}:{line}:{failed.Column}: ");
        Assert.Equal(where + $"rule {rule}: its condition (Expression) divides by zero; the rule counts as failed (not held; its outcome is not used)", failed.Reason);
        Assert.Equal(where + $"规则 {rule}：其条件（Expression）除以零；该规则视为执行失败（不成立，其结果不采用）", failed.ReasonZhHans);
        Assert.Equal(failed.ReasonZhHans, failed.Describe(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(failed.Reason, failed.Describe(CultureInfo.GetCultureInfo("en-GB")));
    }

    /// <summary>A pack file with a first rule <paramref name="name"/> (with <paramref name="properties"/>) whose expression divides by zero,
    /// and the line of that expression.</summary>
    private static (string Text, int Line) PackWith(string file, string name, string properties, string expression = BoomExpression)
    {
        var pack = Encoding.UTF8.GetString(DefaultRulePack.GetSource(file).Content.Span);
        var start = pack.IndexOf('[', pack.IndexOf("\"Rules\"", StringComparison.Ordinal)) + 1;
        var text = pack[..start] + "\n      {\n        \"RuleName\": \"" + name + "\",\n        \"SuccessEvent\": \"boom\",\n        " + properties + ",\n"
            + "        \"Expression\": \"" + expression + "\"\n      }," + pack[start..];
        var line = text[..text.IndexOf(expression, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        return (text, line);
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
