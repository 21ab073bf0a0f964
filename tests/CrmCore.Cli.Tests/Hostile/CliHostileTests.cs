using System.Text;
using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Hostile;

/// <summary>Run-time failures are visible; bad files never hide others; file text cannot forge output.</summary>
public sealed class CliHostileTests
{
    private const string Now = "2026-03-01T09:00:00+08:00";
    private const string Customers = "Id,Name,AnnualRevenue,OpenTicketCount\nC1,Alpha,100,0\nC2,Beta,100,2\n";
    private const string DivideByZero = """
        [{"WorkflowName":"ChurnRisk","Rules":[{"RuleName":"PerTicket","SuccessEvent":"x","Expression":"customer.AnnualRevenue / customer.OpenTicketCount > 10","Properties":{"Points":5}}]}]
        """;

    [Fact]
    public void RulesTest_RunTimeFailure_IsShownCountedAndExitsNonZero()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", DivideByZero);
        var customers = dir.Write("c.csv", Customers);

        var run = Crm.Run("rules", "test", rules, "--customers", customers, "--now", Now, "-o", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("C1", run.Error, StringComparison.Ordinal);
        Assert.Contains("PerTicket", run.Error, StringComparison.Ordinal);
        Assert.Contains("rule ChurnRisk/PerTicket: its condition (Expression) divides by zero", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 rule failure(s)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("C2'", run.Error, StringComparison.Ordinal);
        using var _ = JsonDocument.Parse(run.Out);
    }

    [Fact]
    public void RulesExplain_CustomerWithRunTimeFailure_ShowsItAndExitsNonZero()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", DivideByZero);
        var customers = dir.Write("c.csv", Customers);

        var run = Crm.Run("rules", "explain", rules, "--id", "C1", "--customers", customers, "--now", Now);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("PerTicket", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_RunTimeFailure_IsShownAndExitsNonZero()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", DivideByZero);
        var customers = dir.Write("c.csv", Customers);

        var run = Crm.Run("tag", rules, "--customers", customers, "--now", Now, "--out", dir.File("out.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("rule ChurnRisk/PerTicket", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingGbkAndGoodFiles_ReportsEachAndJsonStaysJson()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""");
        var bad = dir.Write("bad.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"customer.Nope"}]}]""");
        var gbk = dir.File("gbk.json");
        File.WriteAllBytes(gbk, CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes("""[{"WorkflowName":"Tagging","Rules":[{"RuleName":"大","SuccessEvent":"t","Expression":"true"}]}]"""));

        var run = Crm.Run("rules", "validate", dir.File("missing.json"), gbk, bad, good, "--format", "json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var codes = json.RootElement.EnumerateArray().Select(d => (d.GetProperty("file").GetString(), d.GetProperty("code").GetString())).ToList();
        Assert.Contains((dir.File("missing.json"), "CRM040"), codes);
        Assert.Contains((gbk, "CRM041"), codes);
        Assert.Contains(codes, c => c.Item1 == bad && c.Item2 == "CRM051");
        Assert.DoesNotContain(codes, c => c.Item1 == good);
    }

    [Fact]
    public void Validate_GbkFileWithEncodingOption_IsClean()
    {
        using var dir = new TempDirectory();
        var gbk = dir.File("gbk.json");
        File.WriteAllBytes(gbk, CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes("""[{"WorkflowName":"Tagging","Rules":[{"RuleName":"大","SuccessEvent":"t","Expression":"true"}]}]"""));

        var run = Crm.Run("rules", "validate", gbk, "--encoding", "gb18030");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void RulesTest_GbkCustomers_NamesGbkWithPositionOrReadsWithEncoding()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""");
        var customers = dir.File("c.csv");
        File.WriteAllBytes(customers, CrmCore.Decoding.StrictTextDecoder.GetEncoding("gb18030").GetBytes("Id,Name\nC1,华东精密\n"));

        var plain = Crm.Run("rules", "test", rules, "--customers", customers, "--now", Now);
        var told = Crm.Run("rules", "test", rules, "--customers", customers, "--now", Now, "--encoding", "gb18030", "-o", "json");

        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("c.csv:2:4", plain.Error, StringComparison.Ordinal);
        Assert.Contains("it looks like GBK: save as UTF-8, or pass --encoding gb18030", plain.Error, StringComparison.Ordinal);
        Assert.True(told.ExitCode == 0, told.ToString());
        Assert.Contains("华东精密", told.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ControlCharactersInFileText_AreEscaped()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", "[{\"WorkflowName\":\"Tagging\",\"Rules\":[{\"RuleName\":\"x\\u001b[31m\\nr.json:1:1: error CRM000: forged\",\"SuccessEvent\":\"t\",\"Expression\":\"customer.Nope\"}]}]");

        var run = Crm.Run("rules", "validate", rules);

        Assert.DoesNotContain("\u001b", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Out.Split('\n'), l => l.StartsWith("r.json:1:1: error CRM000", StringComparison.Ordinal));
        Assert.Contains("\\e[31m\\nr.json", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_OutEqualToInputWithRejectedRows_RefusesAndKeepsTheFile()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""");
        const string text = "Id,Name,AnnualRevenue\nC1,A,1\nC2,B,not-a-number\n";
        var customers = dir.Write("c.csv", text);

        var run = Crm.Run("tag", rules, "--customers", customers, "--now", Now, "--out", customers);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(text, File.ReadAllText(customers, Encoding.UTF8));
    }

    [Fact]
    public void Tag_Twice_ChangesNothingTheSecondTime()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"big","Expression":"customer.AnnualRevenue > 10"}]}]""");
        var customers = dir.Write("c.csv", "Id,Name,AnnualRevenue,Tags\nC1,=cmd(),100,x;y\nC2,B,1,\n");

        var first = Crm.Run("tag", rules, "--customers", customers, "--now", Now, "--out", dir.File("once.csv"));
        var second = Crm.Run("tag", rules, "--customers", dir.File("once.csv"), "--now", Now, "--out", dir.File("twice.csv"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var once = File.ReadAllText(dir.File("once.csv"));
        Assert.Equal(once, File.ReadAllText(dir.File("twice.csv")));
        Assert.Contains("'=cmd()", once, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TagNameWithSeparator_IsRejected()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"a;b","Expression":"true"},{"RuleName":"s","SuccessEvent":" c","Expression":"true"}]}]""");

        var run = Crm.Run("rules", "validate", rules);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, run.Out.Split('\n').Count(l => l.Contains("CRM012", StringComparison.Ordinal)));
    }

    [Fact]
    public void RulesTest_TableWithControlCharactersInData_IsEscaped()
    {
        using var dir = new TempDirectory();
        var rules = dir.Write("r.json", """[{"WorkflowName":"Tagging","Rules":[{"RuleName":"r","SuccessEvent":"t","Expression":"true"}]}]""");
        var customers = dir.Write("c.json", "[{\"Id\":\"C1\",\"Name\":\"Evil\\u001b[2J\\u202Eco\"}]");

        var run = Crm.Run("rules", "test", rules, "--customers", customers, "--now", Now);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("\u001b", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", run.Out, StringComparison.Ordinal);
        Assert.Contains("Evil", run.Out, StringComparison.Ordinal);
    }
}
