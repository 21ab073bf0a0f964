using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class RulesValidateTeamsTests
{
    private const string Routing = """
        [
          {
            "WorkflowName": "Routing",
            "Rules": [
              { "RuleName": "Faults", "SuccessEvent": "TechnicalSupport", "Properties": { "Skill": "technical" }, "Expression": "ticket.Type == \"Fault\"" },
              { "RuleName": "Retail", "SuccessEvent": "RetialGroup", "Properties": { "Skill": "after-sales" }, "Expression": "ticket.CustomerIndustry == \"Retail\"" }
            ]
          }
        ]
        """;

    private const string Teams = """{ "teams": ["TechnicalSupport", "RetailGroup"], "agents": [ { "team": "TechnicalSupport", "skills": ["Technical"] } ] }""";

    [Fact]
    public void Validate_WithTeams_WarnsAboutUnknownTeamAndUnheldSkill()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);
        var teams = dir.Write("teams.json", Teams);

        var run = Crm.Run("rules", "validate", rules, "--teams", teams);
        var zh = Crm.Run("rules", "validate", rules, "--teams", teams, "--lang", "zh-Hans");
        var strict = Crm.Run("rules", "validate", rules, "--teams", teams, "--warnaserror");
        var without = Crm.Run("rules", "validate", rules);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("routing.json:6:", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning CRM060", run.Out, StringComparison.Ordinal);
        Assert.Contains("'RetialGroup'", run.Out, StringComparison.Ordinal);
        Assert.Contains("warning CRM061", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("'technical'", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 error(s), 2 warning(s)", run.Out, StringComparison.Ordinal);
        Assert.Contains("路由结果“RetialGroup”不是已注册的团队。", zh.Out, StringComparison.Ordinal);
        Assert.Equal(1, strict.ExitCode);
        Assert.DoesNotContain("CRM060", without.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1]", "$")]
    [InlineData("{\"teams\": [\"\"]}", "$.teams")]
    [InlineData("{\"agents\": [{\"team\": \"X\"}]}", "$.agents[0]")]
    [InlineData("{\"teams\": [", "teams.json:1:12: the teams file is not valid JSON")]
    [InlineData("{\"teams\": [\"客服\" \"x\"]}", "teams.json:1:17: the teams file is not valid JSON")]
    [InlineData("{\"teams\": [\"😀客服\" \"x\"]}", "teams.json:1:19: the teams file is not valid JSON")]
    public void Validate_BadTeamsFile_NamesFileAndPlace(string content, string where)
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);
        var teams = dir.Write("teams.json", content);

        var run = Crm.Run("rules", "validate", rules, "--teams", teams);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("teams.json", run.Error, StringComparison.Ordinal);
        Assert.Contains(where, run.Error, StringComparison.Ordinal);
    }
}
