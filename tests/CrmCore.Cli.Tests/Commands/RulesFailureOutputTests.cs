using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>
/// QA 16 item 4: a rule that fails at run time is shown as failed, not held, in <c>rules explain</c> and <c>rules test</c> (table,
/// CSV and JSON), and its failure is told in plain words (English and zh-Hans) naming the rule file, the rule and the cause.
/// </summary>
public sealed class RulesFailureOutputTests : IDisposable
{
    private const string Customers = "samples/data/customers.csv";
    private const string Tickets = "samples/data/tickets.csv";
    private const string Now = "2026-03-01T09:00:00+08:00";

    // /tmp/qa16/r/prio.json: Urgent's points overflow decimal, Neg gives -50, Div divides by ReopenCount (0 on most tickets).
    private const string Priority = """
        [
          { "WorkflowName": "Priority", "Rules": [
             { "RuleName": "Urgent", "SuccessEvent": "urgent", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "1e30" } } }, "Expression": "ticket.Urgency == \"Urgent\"" },
             { "RuleName": "Neg", "SuccessEvent": "neg", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "-50" } } }, "Expression": "true" },
             { "RuleName": "Div", "SuccessEvent": "div", "Actions": { "OnSuccess": { "Name": "OutputExpression", "Context": { "Expression": "100 / ticket.ReopenCount" } } }, "Expression": "true" }
          ] }
        ]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Explain_TicketInChinese_FailedRulesShownFailedAndPlainMessages()
    {
        var rules = _dir.Write("prio.json", Priority);

        var run = Crm.Run("rules", "explain", rules, "--customers", Customers, "--tickets", Tickets, "--id", "WT202602001", "--now", Now, "--lang", "zh-Hans");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("优先级：-50 分（P3）", run.Out, StringComparison.Ordinal);
        Assert.Contains("Priority › Urgent (urgent): 执行失败：其分数（OutputExpression）超出数值范围（视为不成立）", run.Out, StringComparison.Ordinal);
        Assert.Contains("Priority › Div (div): 执行失败：其分数（OutputExpression）除以零（视为不成立）", run.Out, StringComparison.Ordinal);
        Assert.Contains("Priority › Neg (neg): 成立", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Priority › Urgent (urgent): 成立", run.Out, StringComparison.Ordinal);
        Assert.Contains(rules + ":3:", run.Error, StringComparison.Ordinal);
        Assert.Contains("规则 Priority/Urgent：其分数（OutputExpression）超出数值范围；该规则视为执行失败", run.Error, StringComparison.Ordinal);
        Assert.Contains("规则 Priority/Div：其分数（OutputExpression）除以零", run.Error, StringComparison.Ordinal);
        Assert.Contains("2 次规则执行失败", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TicketJson_FailedRuleNotHeldWithFailure()
    {
        var rules = _dir.Write("prio.json", Priority);

        var run = Crm.Run("rules", "explain", rules, "--customers", Customers, "--tickets", Tickets, "--id", "WT202602001", "--now", Now, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("held").GetBoolean(), r.GetProperty("failure").GetString()))
            .ToList();
        Assert.Contains(("Urgent", false, "its points (OutputExpression) are too large or too small for a number"), rows);
        Assert.Contains(("Div", false, "its points (OutputExpression) divide by zero"), rows);
        Assert.Contains(("Neg", true, null), rows);
        Assert.Contains("rule Priority/Urgent: its points (OutputExpression) are too large or too small for a number", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Csv_FailedRulesListedAsFailedNotFired()
    {
        var rules = _dir.Write("prio.json", Priority);

        var run = Crm.Run("rules", "test", rules, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "csv");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        var header = lines[0].Split(',').ToList();
        var ticket = lines.Single(l => l.StartsWith("tickets,WT202602001,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("Priority/Neg", ticket[header.IndexOf("fired")]);
        Assert.Equal("Priority/Urgent;Priority/Div", ticket[header.IndexOf("failed")]);
        Assert.Equal("-50", ticket[header.IndexOf("priority")]);
    }

    [Fact]
    public void Test_Json_FailedRulesListedAsFailedNotFired()
    {
        var rules = _dir.Write("prio.json", Priority);

        var run = Crm.Run("rules", "test", rules, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var ticket = json.RootElement.GetProperty("tickets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "WT202602001");
        Assert.Equal(["Priority/Neg"], ticket.GetProperty("fired").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Priority/Urgent", "Priority/Div"], ticket.GetProperty("failed").EnumerateArray().Select(e => e.GetString()));
    }
}
