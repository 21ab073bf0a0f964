using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

/// <summary>crm rules test / explain / diff on the sample files.</summary>
public sealed class RulesRunCommandTests
{
    private const string Rules = "samples/data/rules/crm-rules.json";
    private const string RulesV2 = "samples/data/rules/crm-rules-v2.json";
    private const string Customers = "samples/data/customers.csv";
    private const string Tickets = "samples/data/tickets.csv";
    private const string Now = "2026-03-01T09:00:00+08:00";

    [Fact]
    public void Test_Json_GivesTierTagsPriorityRouteAndFiredRules()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var customers = json.RootElement.GetProperty("customers").EnumerateArray().ToList();
        Assert.Equal(30, customers.Count);
        var first = customers.Single(c => c.GetProperty("id").GetString() == "C202401001");
        Assert.Equal("高价值", first.GetProperty("tier").GetString());
        Assert.Contains("active", first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("Tiering.Doc003/HighValue", first.GetProperty("fired").EnumerateArray().Select(t => t.GetString()));

        var spike = customers.Single(c => c.GetProperty("id").GetString() == "C202401002");
        Assert.Equal("潜力", spike.GetProperty("tier").GetString());
        Assert.Contains("近期有投诉记录", spike.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(60, spike.GetProperty("churnRisk").GetDecimal());

        var ticket = json.RootElement.GetProperty("tickets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "WT202602001");
        Assert.Equal(55, ticket.GetProperty("priority").GetDecimal());
        Assert.Equal("P2", ticket.GetProperty("band").GetString());
        Assert.Equal("ManufacturingGroup", ticket.GetProperty("route").GetString());
    }

    [Fact]
    public void Test_TableInChinese_ShowsChineseTiersAndHeadings()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", Customers, "--now", Now, "--lang", "zh-Hans");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("层级", run.Out, StringComparison.Ordinal);
        Assert.Contains("华东精密制造有限公司", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ 高价值 │", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_Csv_HasSectionColumnAndUnionHeader()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "csv");
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.StartsWith("section,id,name,tier,tags,churnRisk,churnReasons,fired,failed,customer,priority,band,route", lines[0], StringComparison.Ordinal);
        Assert.Equal(30, lines.Count(l => l.StartsWith("customers,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("tickets,WT202602001,", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_NowChangesTimeDependentTags()
    {
        var march = Crm.Run("rules", "test", Rules, "--customers", Customers, "--now", Now, "-o", "json");
        var autumn = Crm.Run("rules", "test", Rules, "--customers", Customers, "--now", "2026-07-01T00:00:00Z", "-o", "json");
        static int Active(string json) => JsonDocument.Parse(json).RootElement.GetProperty("customers").EnumerateArray()
            .Count(c => c.GetProperty("tags").EnumerateArray().Any(t => t.GetString() == "active"));
        Assert.True(Active(march.Out) > Active(autumn.Out));
    }

    [Fact]
    public void Test_BadCustomerRows_ReportedAndGoodRowsStillRun()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", "samples/data/bad/customers-bad.csv", "--now", Now, "-o", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("customers-bad.csv:3: error CLI102", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, JsonDocument.Parse(run.Out).RootElement.GetProperty("customers").GetArrayLength());
    }

    [Fact]
    public void Test_Strict_StopsBeforeRunning()
    {
        var run = Crm.Run("rules", "test", Rules, "--customers", "samples/data/bad/customers-bad.csv", "--strict", "-o", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public void Test_InvalidRules_ExitOneWithDiagnostics()
    {
        var run = Crm.Run("rules", "test", "tests/CrmCore.Cli.Tests/Golden/bad-expression.json", "--customers", Customers);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error CRM020", run.Error, StringComparison.Ordinal);
        Assert.Contains("did not load", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_BadBands_UsageError()
    {
        Assert.Equal(2, Crm.Run("rules", "test", Rules, "--customers", Customers, "--bands", "30,60").ExitCode);
    }

    [Fact]
    public void Explain_Customer_ShowsClausesAndFactValues()
    {
        var run = Crm.Run("rules", "explain", Rules, "--customers", Customers, "--id", "C202401002", "--now", Now);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Customer C202401002 上海优品零售连锁", run.Out, StringComparison.Ordinal);
        Assert.Contains("Tier: 潜力", run.Out, StringComparison.Ordinal);
        Assert.Contains("Tiering.Doc003 › Potential (潜力): held", run.Out, StringComparison.Ordinal);
        Assert.Contains("AnnualRevenue 86000 >= 100000 is false", run.Out, StringComparison.Ordinal);
        Assert.Contains("CsatAverage 3.1 < 3.5 is true", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_TicketInChinese_UsesCustomerTierFromRules()
    {
        var run = Crm.Run("rules", "explain", Rules, "--customers", Customers, "--tickets", Tickets, "--id", "WT202602001", "--now", Now, "--lang", "zh-Hans");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("工单 WT202602001（客户 C202404008）", run.Out, StringComparison.Ordinal);
        Assert.Contains("CustomerTier \"高价值\" == \"高价值\" 为真", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Csv_OneRowPerClause()
    {
        var run = Crm.Run("rules", "explain", Rules, "--customers", Customers, "--id", "C202401001", "--now", Now, "-o", "csv");
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal("workflow,rule,outcome,evaluated,held,clause,value,facts,failure", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("Tiering.Doc003,HighValue,高价值,true,true,", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_UnknownId_ExitsOne()
    {
        var run = Crm.Run("rules", "explain", Rules, "--customers", Customers, "--id", "C0");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'C0'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_V2_ShowsTierTagBandMovesAndReasons()
    {
        var run = Crm.Run("rules", "diff", Rules, RulesV2, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "json", "--sample", "100");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var high = root.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("value").GetString() == "高价值");
        Assert.Equal((20, 15, -5), (high.GetProperty("old").GetInt32(), high.GetProperty("new").GetInt32(), high.GetProperty("change").GetInt32()));
        var renewal = root.GetProperty("tags").EnumerateArray().Single(t => t.GetProperty("value").GetString() == "合同即将到期");
        Assert.Equal((0, 6), (renewal.GetProperty("old").GetInt32(), renewal.GetProperty("gained").GetInt32()));
        var moves = root.GetProperty("moves").EnumerateArray()
            .Select(m => (m.GetProperty("dimension").GetString(), m.GetProperty("from").GetString(), m.GetProperty("to").GetString(), m.GetProperty("count").GetInt32()))
            .ToList();
        Assert.Contains(("tier", "高价值", "潜力", 5), moves);
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(13 + 11, changes.Count);
        var moved = changes.Single(c => c.GetProperty("id").GetString() == "C202404007");
        Assert.Equal(["tier 高价值 → 潜力"], moved.GetProperty("changes").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("new: Tiering.Doc003/Potential (潜力)", moved.GetProperty("reasons").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Diff_Chinese_TableNamesDimensionsInChineseJsonAndCsvKeepStableNames()
    {
        var json = Crm.Run("rules", "diff", Rules, RulesV2, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "json", "--lang", "zh-Hans");
        var csv = Crm.Run("rules", "diff", Rules, RulesV2, "--customers", Customers, "--tickets", Tickets, "--now", Now, "-o", "csv", "--lang", "zh-Hans");
        var table = Crm.Run("rules", "diff", Rules, RulesV2, "--customers", Customers, "--tickets", Tickets, "--now", Now, "--lang", "zh-Hans");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Out);
        var dimensions = doc.RootElement.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("dimension").GetString()).Distinct().ToList();
        Assert.Contains("tier", dimensions);
        Assert.Contains("band", dimensions);
        Assert.DoesNotContain("层级", dimensions);
        Assert.DoesNotContain("档位", dimensions);
        Assert.DoesNotContain("分派", dimensions);
        Assert.Matches(@"\nmoves,[^\n]*,tier,", csv.Out);
        var csvMoves = csv.Out.Split('\n').Where(l => l.StartsWith("moves,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(csvMoves);
        Assert.DoesNotContain(csvMoves, l => l.Contains("层级", StringComparison.Ordinal) || l.Contains("档位", StringComparison.Ordinal));
        Assert.Matches(@"│ 层级\s+│ 高价值", table.Out);
        Assert.DoesNotMatch(@"│ (tier|band|route)\s+│", table.Out);
    }

    [Fact]
    public void Diff_SameRules_NoChanges()
    {
        var run = Crm.Run("rules", "diff", Rules, Rules, "--customers", Customers, "--tickets", Tickets, "--now", Now);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("0 of 30 customer(s) and 0 of 50 ticket(s) change", run.Out, StringComparison.Ordinal);
    }
}
