using CrmCore.Agents;
using CrmCore.Desk;
using CrmCore.Rules.Diagnostics;
using CrmCore.Rules.Integration;
using CrmCore.Rules.Reload;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Rules.Tests.Integration;

public class RoutingNamesCheckTests
{
    private const string Routing = """
        [
          {
            "WorkflowName": "Routing",
            "Rules": [
              { "RuleName": "Faults", "SuccessEvent": "TechnicalSupport", "Properties": { "Skill": "technical" }, "Expression": "ticket.Type == \"Fault\"" },
              { "RuleName": "Retail", "SuccessEvent": "RetialGroup", "Properties": { "Skill": "after-sales" }, "Expression": "ticket.CustomerIndustry == \"Retail\"" },
              { "RuleName": "Default", "SuccessEvent": "GeneralServiceGroup", "Expression": "true" }
            ]
          }
        ]
        """;

    private static RuleSet Load() => RuleLoader.Load([RuleSource.FromText("routing.json", Routing)]).GetRuleSetOrThrow();

    private static Agent AgentOf(string id, string team, params string[] skills) =>
        new(new AgentId(id), id, new TeamId(team), SkillSet.Of(skills.Select(s => new Skill(s))), 5);

    private static readonly TeamId[] Teams = [new("TechnicalSupport"), new("RetailGroup"), new("GeneralServiceGroup")];

    [Fact]
    public void Check_UnknownTeam_IsPositionedWarningWithSuggestion()
    {
        var findings = RoutingNamesCheck.Check(Load(), Teams, [AgentOf("a1", "TechnicalSupport", "Technical", "After-Sales")]);

        var d = Assert.Single(findings);
        Assert.Equal(RuleDiagnosticCodes.UnknownRoutingTeam, d.Code);
        Assert.Equal(RuleSeverity.Warning, d.Severity);
        Assert.Equal("routing.json", d.File);
        Assert.Equal("Retail", d.RuleName);
        Assert.Equal("Routing", d.WorkflowName);
        Assert.Equal(6, d.Line);
        Assert.True(d.Column > 0);
        Assert.Equal("RetailGroup", d.Suggestion);
        Assert.Contains("'RetialGroup'", d.Message, StringComparison.Ordinal);
        Assert.Equal("路由结果“RetialGroup”不是已注册的团队。是否应为“RetailGroup”？", d.MessageZhHans);
    }

    [Fact]
    public void Check_SkillsCompareCaseInsensitively_AndUnheldSkillIsReported()
    {
        var set = Load();
        Assert.DoesNotContain(
            RoutingNamesCheck.Check(set, Teams, [AgentOf("a1", "RetailGroup", "TECHNICAL", "After-Sales")]),
            d => d.Code == RuleDiagnosticCodes.UnheldRoutingSkill);

        var findings = RoutingNamesCheck.Check(set, Teams, [AgentOf("a1", "RetailGroup", "technical")])
            .Where(d => d.Code == RuleDiagnosticCodes.UnheldRoutingSkill).ToList();

        var d = Assert.Single(findings);
        Assert.Equal("Retail", d.RuleName);
        Assert.Equal(6, d.Line);
        Assert.Contains("'after-sales'", d.Message, StringComparison.Ordinal);
        Assert.Equal("没有任何已注册坐席具备技能“after-sales”，按此路由的工单将无人处理。", d.MessageZhHans);
    }

    [Fact]
    public void Check_TeamsServedByAgentsCountAsRegistered()
    {
        var findings = RoutingNamesCheck.Check(
            Load(),
            [],
            [AgentOf("a1", "TechnicalSupport", "technical", "after-sales"), AgentOf("a2", "RetialGroup"), AgentOf("a3", "GeneralServiceGroup")]);

        Assert.Empty(findings);
    }

    [Fact]
    public void Check_NothingRegistered_ReportsEveryTeamAndSkill()
    {
        var findings = RoutingNamesCheck.Check(Load(), [], []);

        Assert.Equal(3, findings.Count(d => d.Code == RuleDiagnosticCodes.UnknownRoutingTeam));
        Assert.Equal(2, findings.Count(d => d.Code == RuleDiagnosticCodes.UnheldRoutingSkill));
        Assert.All(findings.Where(d => d.Code == RuleDiagnosticCodes.UnknownRoutingTeam), d => Assert.Contains("No team is registered", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DefaultPack_AgainstTheDefaultPackTeams_IsClean()
    {
        var set = DefaultRulePack.Load().GetRuleSetOrThrow();
        string[] teams = ["TechnicalSupport", "ManufacturingGroup", "RetailGroup", "ServicesGroup", "TechGroup", "GeneralServiceGroup"];

        Assert.Empty(RoutingNamesCheck.Check(set, teams.Select(t => new TeamId(t)), [AgentOf("a1", "TechGroup", "Technical", "AFTER-SALES")]));
    }

    [Fact]
    public void Monitor_ChecksAtEveryPublishAndOnRecheck()
    {
        var provider = new RuleSetProvider();
        var teams = new List<TeamId>();
        var agents = new List<Agent>();
        using var monitor = new RoutingNamesMonitor(provider, () => teams, () => agents);
        var checks = 0;
        monitor.Checked += (_, _) => checks++;
        Assert.Empty(monitor.Findings);

        provider.Reload([RuleSource.FromText("routing.json", Routing)]);
        Assert.Equal(1, checks);
        Assert.Equal(5, monitor.Findings.Count);

        teams.AddRange(Teams);
        agents.Add(AgentOf("a1", "RetailGroup", "technical", "after-sales"));
        var left = Assert.Single(monitor.Recheck());
        Assert.Equal(RuleDiagnosticCodes.UnknownRoutingTeam, left.Code);
        Assert.Equal("Retail", left.RuleName);
        Assert.Same(left, Assert.Single(monitor.Findings));
        Assert.Equal(2, checks);
    }

    [Fact]
    public async Task AddCrmRules_MonitorSeesDeskAgents()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 2, 0)));
        services.AddCrmCore();
        services.AddCrmRules();
        await using var sp = services.BuildServiceProvider();
        var desk = sp.GetRequiredService<ServiceDesk>();
        var monitor = sp.GetRequiredService<RoutingNamesMonitor>();
        Assert.Contains(monitor.Findings, d => d.Code == RuleDiagnosticCodes.UnknownRoutingTeam && d.RuleName == "FaultsToTechnicalSupport");

        desk.RegisterAgent(new AgentId("a1"), "张三", new TeamId("TechnicalSupport"), SkillSet.Of(new Skill("Technical")), 5);

        var after = monitor.Recheck();
        Assert.DoesNotContain(after, d => d.RuleName == "FaultsToTechnicalSupport");
        Assert.Contains(after, d => d.RuleName == "Retail" && d.Code == RuleDiagnosticCodes.UnknownRoutingTeam);
    }
}
