using CrmCore.Agents;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Rules.Desk;
using CrmCore.Rules.Diagnostics;
using CrmCore.Tickets;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Escalation;

/// <summary>The Escalation workflow chooses ladders; the ladders (run by the desk's escalation engine) are the one source of times.</summary>
public class EscalationLadderRuleTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 2, 0);
    private static readonly string[] Doc001 = ["urgent-major-report", "overdue"];

    [Theory]
    [InlineData("Level", "1")]
    [InlineData("Target", "\"Supervisor\"")]
    [InlineData("WithinMinutes", "60")]
    public void Load_RuleRestatesTheLadder_ErrorNamesTheProperty(string key, string value)
    {
        var json = $$"""[{ "WorkflowName": "Escalation", "Rules": [ { "RuleName": "E", "SuccessEvent": "e", "Properties": { "Ladder": "overdue", "{{key}}": {{value}} }, "Expression": "true" } ] }]""";

        var result = RuleLoader.Load("esc.json", json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.ConventionViolation, error.Code);
        Assert.Contains($"`Properties.{key}` restates the escalation ladder", error.Message, StringComparison.Ordinal);
        Assert.Equal("E", error.RuleName);
        Assert.Equal(1, error.Line);
        Assert.Contains("重复了升级路径", RuleDiagnosticMessages.TryTranslate(error.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoLadder_Error()
    {
        const string json = """[{ "WorkflowName": "Escalation", "Rules": [ { "RuleName": "E", "SuccessEvent": "e", "Expression": "true" } ] }]""";

        var error = Assert.Single(RuleLoader.Load("esc.json", json).Errors);

        Assert.Equal(RuleDiagnosticCodes.ConventionViolation, error.Code);
        Assert.Contains("Properties.Ladder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TimeDependentFact_Crm035()
    {
        const string json = """[{ "WorkflowName": "Escalation", "Rules": [ { "RuleName": "E", "SuccessEvent": "e", "Properties": { "Ladder": "overdue" }, "Expression": "ticket.IsOverdue" } ] }]""";

        var error = Assert.Single(RuleLoader.Load("esc.json", json).Errors);

        Assert.Equal(RuleDiagnosticCodes.TimeDependentFactInEscalation, error.Code);
        Assert.Contains("升级路径", RuleDiagnosticMessages.TryTranslate(error.Message), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MisspeltLadder_Crm062WithClosestNameAndPosition()
    {
        const string json = "[{ \"WorkflowName\": \"Escalation\", \"Rules\": [\n  { \"RuleName\": \"E\", \"SuccessEvent\": \"e\", \"Properties\": { \"Ladder\": \"overdeu\" }, \"Expression\": \"true\" } ] }]";

        var unchecked_ = RuleLoader.Load("esc.json", json);
        var result = RuleLoader.Load("esc.json", json, RuleLoadOptions.Default with { EscalationLadders = Doc001 });

        Assert.True(unchecked_.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(RuleDiagnosticCodes.UnknownEscalationLadder, error.Code);
        Assert.Equal("overdue", error.Suggestion);
        Assert.Equal(("esc.json", 2), (error.File, error.Line));
        Assert.Contains("known ladders: overdue, urgent-major-report", error.Message, StringComparison.Ordinal);
        Assert.Equal("`overdeu` 不是当前升级策略中的路径（已有路径：overdue, urgent-major-report）。您是不是想写 `overdue`？", RuleDiagnosticMessages.TryTranslate(error.Message));
        Assert.Equal("升级规则指向不存在的升级路径", RuleDiagnosticTitles.Get(RuleDiagnosticCodes.UnknownEscalationLadder, System.Globalization.CultureInfo.GetCultureInfo("zh-Hans")));
    }

    [Fact]
    public void Evaluate_RulesThatHold_ChooseTheirLadders()
    {
        var set = RuleLoader.Load("esc.json", Pack).GetRuleSetOrThrow();

        var fault = set.EvaluateTicket(Facts(TicketType.Fault, Urgency.General, "B"));
        var majorA = set.EvaluateTicket(Facts(TicketType.Complaint, Urgency.Major, "A"));
        var general = set.EvaluateTicket(Facts(TicketType.Consultation, Urgency.General, "B"));

        Assert.Equal(["product-issue"], fault.Ladders);
        Assert.Equal(["complex-issue"], majorA.Ladders);
        Assert.Empty(general.Ladders);
        Assert.Equal("Faults", Assert.Single(fault.Escalations).Rule);
    }

    [Fact]
    public void Choose_NoEscalationWorkflow_EveryLadder_OtherwiseTheChosenOnes()
    {
        var withWorkflow = RuleLoader.Load("esc.json", Pack).GetRuleSetOrThrow();
        var without = RuleLoader.Load("r.json", """[{ "WorkflowName": "Routing", "Rules": [ { "RuleName": "R", "SuccessEvent": "desk", "Expression": "true" } ] }]""").GetRuleSetOrThrow();
        var view = View(TicketType.Consultation, Urgency.General);

        Assert.Null(new RulesDeskPorts(() => without, RuleBackend.Compiled, new FakeClock(Start)).Choose(view));
        Assert.Empty(new RulesDeskPorts(() => withWorkflow, RuleBackend.Compiled, new FakeClock(Start)).Choose(view)!);
        Assert.Equal(["product-issue"], new RulesDeskPorts(() => withWorkflow, RuleBackend.RulesEngine, new FakeClock(Start)).Choose(View(TicketType.Fault, Urgency.General))!);
    }

    [Fact]
    public async Task Desk_RunsOnlyTheChosenLadders()
    {
        // Document 001's ladders; the rules choose only "overdue", so an urgent ticket never reaches the supervisor after one hour.
        var only = """[{ "WorkflowName": "Escalation", "Rules": [ { "RuleName": "All", "SuccessEvent": "overdue path", "Properties": { "Ladder": "overdue" }, "Expression": "true" } ] }]""";
        var pack = await RaiseUrgentAndWaitAsync(null);
        var chosen = await RaiseUrgentAndWaitAsync(only);

        Assert.Contains(pack, e => e.Ladder == "urgent-major-report" && e.Level == 1);
        Assert.DoesNotContain(chosen, e => e.Ladder == "urgent-major-report");
        Assert.Contains(chosen, e => e.Ladder == "overdue");
    }

    [Fact]
    public async Task AddCrmRules_LadderMissingFromTheRegisteredPolicy_LoadFailsWithCrm062()
    {
        var file = Path.Combine(Path.GetTempPath(), $"esc-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, Pack); // names document 003's ladders; the desk runs document 001's
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(new FakeClock(Start));
            services.AddCrmCore();
            services.AddCrmRules(o => o.RuleFiles.Add(file));
            using var provider = services.BuildServiceProvider();

            var error = Assert.Throws<CrmException>(() => provider.GetRequiredService<CrmCore.Rules.Reload.IRuleSetProvider>());

            Assert.Contains("CRM062", error.Message, StringComparison.Ordinal);
            Assert.Contains("product-issue", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private const string Pack = """
        [{ "WorkflowName": "Escalation", "Rules": [
          { "RuleName": "Faults", "SuccessEvent": "Product issue path (doc 003)", "Properties": { "Ladder": "product-issue" }, "Expression": "ticket.Type == \"Fault\"" },
          { "RuleName": "MajorForKeyAccounts", "SuccessEvent": "Complex issue of a key account", "Properties": { "Ladder": "complex-issue" },
            "Expression": "ticket.Urgency == \"Major\" && ticket.CustomerTier == \"A\"" } ] }]
        """;

    private static Facts.TicketFacts Facts(TicketType type, Urgency urgency, string tier) =>
        CrmCore.Rules.Facts.TicketFacts.From(new CrmCore.Rules.Facts.TicketFactsInput { Type = type, Urgency = urgency, CustomerTier = tier, RaisedAt = Start }, Start);

    private static TicketView View(TicketType type, Urgency urgency)
    {
        var request = new TicketRequest { CustomerId = new CustomerId("K0"), Description = "问题", Urgency = urgency, Type = type };
        return new TicketView(Ticket.Open(new TicketId("WT1"), request, new AgentId("queue"), "phone", Start).ToState(), null);
    }

    private static async Task<List<TicketEscalated>> RaiseUrgentAndWaitAsync(string? rules)
    {
        var file = rules is null ? null : Path.Combine(Path.GetTempPath(), $"esc-{Guid.NewGuid():N}.json");
        try
        {
            if (file is not null)
            {
                await File.WriteAllTextAsync(file, rules);
            }

            var clock = new FakeClock(Start);
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(clock);
            services.AddCrmCore();
            services.AddCrmRules(o =>
            {
                if (file is not null)
                {
                    o.RuleFiles.Add(file);
                }
            });
            using var provider = services.BuildServiceProvider();
            var desk = provider.GetRequiredService<ServiceDesk>();
            await desk.RegisterCustomerAsync(new CustomerId("K0"), new CustomerProfile { Name = "客户", Industry = new Industry("Retail"), FirstContactOn = new LocalDate(2025, 1, 1) }, tier: "A");
            await desk.RaiseAsync(new TicketRequest { CustomerId = new CustomerId("K0"), Description = "问题", Urgency = Urgency.Urgent, Type = TicketType.Complaint }, "phone");
            var events = new List<TicketEscalated>();
            for (var i = 0; i < 6 * 24; i++)
            {
                clock.AdvanceMinutes(60);
                events.AddRange((await desk.AdvanceAsync()).Events.OfType<TicketEscalated>());
            }

            return events;
        }
        finally
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }
}
