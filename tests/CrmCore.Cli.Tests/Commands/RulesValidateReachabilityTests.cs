using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// QA 16 items 5, 11 and 13 through <c>crm</c>: rules that never fire are warned about, tickets no rule routes are shown with the
/// fallback and counted, every problem is counted with its code and place, and Chinese output has no English diagnostics.
/// </summary>
public sealed class RulesValidateReachabilityTests
{
    /// <summary>
    /// The reachability warnings as <c>crm rules validate</c> prints them: this test's own file (it began as /tmp/qa16/r/never.json;
    /// the library's judgement of that file is <c>RuleReachabilityTests</c> in CrmCore.Rules.Tests). Its contract, which the tests below
    /// assert line by line: three Tagging rules that can never hold (CRM070: a contradiction at 5:78, the literal false at 6:73, a count
    /// below 0 at 7:82), one Tagging rule that can hold (`ContractExpired`: days to the contract end are negative once it has ended)
    /// and so prints nothing, and a Tiering rule after a catch-all (CRM071 at 15:7): 4 warnings, no error. Change a rule here and
    /// change its line below.
    /// </summary>
    private const string Never = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "RuleName": "Contradiction", "SuccessEvent": "never1", "Expression": "customer.AnnualRevenue > 100 && customer.AnnualRevenue < 50" },
              { "RuleName": "FalseLit", "SuccessEvent": "never2", "Expression": "false" },
              { "RuleName": "NegativeEmployees", "SuccessEvent": "never3", "Expression": "customer.Employees < 0" },
              { "RuleName": "ContractExpired", "SuccessEvent": "expired", "Expression": "customer.DaysToContractEnd < 0" }
            ]
          },
          {
            "WorkflowName": "Tiering",
            "Rules": [
              { "RuleName": "All", "SuccessEvent": "A", "Expression": "true" },
              { "RuleName": "Shadowed", "SuccessEvent": "B", "Expression": "customer.AnnualRevenue > 0" }
            ]
          }
        ]
        """;

    /// <summary>/tmp/qa16/r/disabled.json.</summary>
    private const string Disabled = """
        [
          { "WorkflowName": "Tiering", "Rules": [ { "RuleName": "Big", "SuccessEvent": "A", "Enabled": false, "Expression": "customer.AnnualRevenue >= 1" } ] },
          { "WorkflowName": "Tagging", "Rules": [ { "RuleName": "Case", "SuccessEvent": "x", "Expression": "customer.annualrevenue >= 1" },
                                                  { "RuleName": "Str", "SuccessEvent": "y", "Expression": "customer.Industry == 制造业" },
                                                  { "RuleName": "Single", "SuccessEvent": "z", "Expression": "customer.Industry == '制造业'" } ] }
        ]
        """;

    /// <summary>/tmp/qa16/r/syntax.json.</summary>
    private const string Syntax = """
        [
          {
            "WorkflowName": "Tagging",
            "Rules": [
              { "RuleName": "A", "SuccessEvent": "a", "Expression": "customer.AnnualRevenue > 10", },
            ]
          }
        """;

    /// <summary>/tmp/qa16/r/routing.json.</summary>
    private const string Routing = """
        [
          {
            "WorkflowName": "Routing",
            "Rules": [
              { "RuleName": "Complaints", "SuccessEvent": "客户关系组", "Properties": { "Skill": "complaint" }, "Expression": "ticket.Type == \"Complaint\"" },
              { "RuleName": "Faults", "SuccessEvent": "TechnicalSupprt", "Properties": { "Skill": "quantum" }, "Expression": "ticket.Type == \"Fault\"" }
            ]
          }
        ]
        """;

    [Fact]
    public void Validate_NeverJson_WarnsWithFileLineColumnAndRule()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("never.json", Never);

        var run = Crm.Run("rules", "validate", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var warnings = run.Out.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Contains(": warning CRM", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 4, run.ToString());
        Assert.StartsWith($"{file}:5:78: warning CRM070: This rule can never hold: its conditions on `customer.AnnualRevenue`", warnings[0], StringComparison.Ordinal);
        Assert.EndsWith("[rule Contradiction]", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"{file}:6:73: warning CRM070: ", warnings[1], StringComparison.Ordinal);
        Assert.EndsWith("[rule FalseLit]", warnings[1], StringComparison.Ordinal);
        // Employees is never below 0 (wave 17: the input refuses a negative count).
        Assert.Equal($"{file}:7:82: warning CRM070: This rule can never hold: `customer.Employees` is never below 0, so `< 0` is never met. [rule NegativeEmployees]", warnings[2]);
        Assert.StartsWith($"{file}:15:7: warning CRM071: ", warnings[3], StringComparison.Ordinal);
        Assert.EndsWith("[rule Shadowed]", warnings[3], StringComparison.Ordinal);
        Assert.DoesNotContain("ContractExpired", run.Out, StringComparison.Ordinal); // a rule that can hold is not warned about
        Assert.Contains("1 file(s): 0 error(s), 4 warning(s)", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, Crm.Run("rules", "validate", file, "--warnaserror").ExitCode);
    }

    [Fact]
    public void Validate_DisabledJsonInChinese_WarnsAboutTheWorkflowAndSpeaksChineseOnly()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("disabled.json", Disabled);

        var run = Crm.Run("rules", "validate", file, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{file}:2:3: 警告 CRM072: 工作流的所有规则都已停用：每条规则都设置了 `\"Enabled\": false`", run.Out, StringComparison.Ordinal);
        Assert.Contains("[工作流 Tiering]", run.Out, StringComparison.Ordinal);
        Assert.Contains("`annualrevenue` 的声明写法是 `AnnualRevenue`", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("declared as", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Rule can never hold", "Rule is never reached", "Every rule of the workflow is disabled")]
    [InlineData("zh-Hans", "规则永远不会成立", "规则永远不会被评估", "工作流的所有规则都已停用")]
    public void Validate_ReachabilityWarnings_DoNotRepeatTheTitle(string lang, string title070, string title071, string title072)
    {
        using var dir = new TempDirectory();
        var never = dir.Write("never.json", Never);
        var disabled = dir.Write("disabled.json", Disabled);

        var run = Crm.Run("rules", "validate", never, disabled, "--lang", lang);

        var lines = run.Out.Split('\n');
        foreach (var (code, title, count) in new[] { ("CRM070", title070, 3), ("CRM071", title071, 1), ("CRM072", title072, 1) })
        {
            var found = lines.Where(l => l.Contains($" {code}: ", StringComparison.Ordinal)).ToList();
            Assert.True(found.Count == count, run.ToString());
            Assert.All(found, l => Assert.True(Occurrences(l, title) <= 1, l));
        }
    }

    [Fact]
    public void Validate_MissingFileAndSyntaxError_CountsBothWithTheirCodes()
    {
        using var dir = new TempDirectory();
        var syntax = dir.Write("syntax.json", Syntax);
        var missing = dir.File("nonexist.json");

        var run = Crm.Run("rules", "validate", missing, syntax);
        var zh = Crm.Run("rules", "validate", missing, syntax, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{missing}: error CRM040: file '{missing}' was not found", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{syntax}:5:92: error CRM001: The file is not valid JSON: a comma before `}}` is not allowed", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 file(s): 2 error(s), 0 warning(s)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("was not found", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{missing}: 错误 CRM040: 文件无法读取：找不到文件", zh.Out, StringComparison.Ordinal);
        Assert.Contains("错误 CRM001: JSON 格式错误：`}` 前面不能有逗号", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", zh.Out, StringComparison.Ordinal);
        Assert.Contains("2 个文件：2 个错误，0 个警告", zh.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyFolder_NamesTheFolder()
    {
        using var dir = new TempDirectory();
        var empty = Directory.CreateDirectory(dir.File("empty")).FullName;

        var run = Crm.Run("rules", "validate", empty, "--lang", "zh-Hans");
        var json = Crm.Run("rules", "validate", empty, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{empty}: 错误 CRM006: 缺少必填字段：此文件夹中没有规则文件（*.json）", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("No workflow found", run.Out, StringComparison.Ordinal);
        Assert.Contains("1 个文件：1 个错误", run.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(json.Out);
        var d = Assert.Single(doc.RootElement.EnumerateArray().ToList());
        Assert.Equal(empty, d.GetProperty("file").GetString());
        Assert.Equal("CRM006", d.GetProperty("code").GetString());
    }

    [Fact]
    public void Test_TicketsNoRuleRoutes_ShowTheFallbackAndAreCounted()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);

        var run = Crm.Run("rules", "test", rules, "--customers", "samples/data/customers.csv", "--tickets", "samples/data/tickets.csv", "--now", "2026-03-01T09:00:00+08:00", "-o", "json");
        var zh = Crm.Run("rules", "test", rules, "--customers", "samples/data/customers.csv", "--tickets", "samples/data/tickets.csv", "--now", "2026-03-01T09:00:00+08:00", "--lang", "zh-Hans", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var tickets = json.RootElement.GetProperty("tickets").EnumerateArray().ToList();
        var unrouted = tickets.Where(t => !t.GetProperty("fired").EnumerateArray().Any(f => f.GetString()!.StartsWith("Routing/", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(unrouted);
        Assert.NotEqual(tickets.Count, unrouted.Count);
        Assert.All(unrouted, t => Assert.Equal("GeneralServiceGroup", t.GetProperty("route").GetString()));
        Assert.All(unrouted, t => Assert.True(t.GetProperty("fallback").GetBoolean()));
        Assert.All(tickets.Except(unrouted), t => Assert.False(t.GetProperty("fallback").GetBoolean()));
        Assert.DoesNotContain(tickets.Except(unrouted), t => t.GetProperty("route").GetString()!.Contains("fallback", StringComparison.Ordinal));
        Assert.Contains($"{unrouted.Count} of {tickets.Count} ticket(s) matched no Routing rule; the desk sends them to the fallback group GeneralServiceGroup", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{tickets.Count} 张工单中有 {unrouted.Count} 张没有命中任何路由规则", zh.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Test_UnroutedTicketsInJson_PlainGroupNameAndFallbackTrueInEveryLanguage(string lang)
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);

        var run = Crm.Run("rules", "test", rules, "--customers", "samples/data/customers.csv", "--tickets", "samples/data/tickets.csv", "--now", "2026-03-01T09:00:00+08:00", "--lang", lang, "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("兜底", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(fallback)", run.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(run.Out);
        var tickets = json.RootElement.GetProperty("tickets").EnumerateArray().ToList();
        var fallback = tickets.Where(t => t.GetProperty("fallback").GetBoolean()).ToList();
        Assert.NotEmpty(fallback);
        Assert.All(fallback, t => Assert.Equal("GeneralServiceGroup", t.GetProperty("route").GetString()));
        Assert.All(tickets.Except(fallback), t => Assert.NotEqual("GeneralServiceGroup", t.GetProperty("route").GetString()));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    public void Test_UnroutedTicketsInCsv_PlainGroupNameAndFallbackColumnInEveryLanguage(string lang)
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);

        var run = Crm.Run("rules", "test", rules, "--customers", "samples/data/customers.csv", "--tickets", "samples/data/tickets.csv", "--now", "2026-03-01T09:00:00+08:00", "--lang", lang, "-o", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("兜底", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(fallback)", run.Out, StringComparison.Ordinal);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = CsvLine(lines[0]);
        var route = header.IndexOf("route");
        var fallback = header.IndexOf("fallback");
        Assert.True(route > 0 && fallback > 0, lines[0]);
        var tickets = lines.Skip(1).Select(CsvLine).Where(r => r[0] == "tickets").ToList();
        Assert.NotEmpty(tickets);
        var unrouted = tickets.Where(r => r[fallback] == "true").ToList();
        Assert.NotEmpty(unrouted);
        Assert.All(unrouted, r => Assert.Equal("GeneralServiceGroup", r[route]));
        Assert.All(tickets.Except(unrouted), r => Assert.Equal("false", r[fallback]));
    }

    [Theory]
    [InlineData("en", "GeneralServiceGroup (fallback)")]
    [InlineData("zh-Hans", "GeneralServiceGroup（兜底）")]
    public void Test_UnroutedTicketsInTable_LocalisedFallbackLabelAndNoFallbackColumn(string lang, string label)
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("routing.json", Routing);

        var run = Crm.Run("rules", "test", rules, "--customers", "samples/data/customers.csv", "--tickets", "samples/data/tickets.csv", "--now", "2026-03-01T09:00:00+08:00", "--lang", lang);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(label, run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("│ true", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("│ false", run.Out, StringComparison.Ordinal);
    }

    /// <summary>One CSV record (quoted fields with doubled quotes).</summary>
    private static List<string> CsvLine(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.OrdinalIgnoreCase))
        {
            count++;
        }

        return count;
    }
}
