using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class DataCommandTests
{
    private const string TicketHeader =
        "Id,CustomerId,Urgency,Type,Channel,Department,Product,RaisedAt,FirstResponseAt,ResolvedAt,ClosedAt,Status,Team,Agent,ReopenCount,ResolvedOnFirstContact,SlaDueAt,ResolutionSlaBreached,FirstResponseBusinessMinutes";

    // The QA file (QA 16 item 10): line 2 answered and resolved before it was raised, in +08:00; lines 3-4 negative counts.
    private const string WeirdTickets = TicketHeader + """

        WT1,C202401001,Urgent,Complaint,Email,客服部,产品B,2026-02-05T10:00:00+08:00,2026-02-04T10:00:00+08:00,2026-02-03T17:00:00+08:00,,Resolved,客户关系组,赵敏,0,false,,,
        WT1,C202401001,Urgent,Complaint,Email,客服部,产品B,2026-02-05T10:00:00+08:00,2026-02-05T11:00:00+08:00,,,Closed,客户关系组,赵敏,-3,true,,,
        WT2,CXXXX,General,Fault,Phone,技术部,云平台,2026-02-06T10:00:00+08:00,,,,Resolved,技术支持,周工,0,false,,,-5

        """;

    [Fact]
    public void Check_TicketAnsweredAndResolvedBeforeRaised_RejectedWithTheTimesAsWritten()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("weird.csv", WeirdTickets);

        var run = Crm.Run("data", "check", "--tickets", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                $"{path}:2: error CLI109: 'FirstResponseAt' 2026-02-04T10:00:00+08:00 is before 'RaisedAt' 2026-02-05T10:00:00+08:00",
                $"{path}:2: error CLI109: 'ResolvedAt' 2026-02-03T17:00:00+08:00 is before 'RaisedAt' 2026-02-05T10:00:00+08:00",
                $"{path}:3: error CLI102: 'ReopenCount': '-3' is not valid: expected a number of at least 0",
                $"{path}:4: error CLI102: 'FirstResponseBusinessMinutes': '-5' is not valid: expected a number of at least 0",
                $"{path}: 0 row(s) read, 3 rejected, 4 problem(s)",
            ],
            run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Check_TicketOutOfOrderInChinese_SaysItInChinese()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("weird.csv", WeirdTickets);

        var run = Crm.Run("data", "check", "--tickets", path, "--lang", "zh-Hans");

        Assert.Contains($"{path}:2: 错误 CLI109: “ResolvedAt” 2026-02-03T17:00:00+08:00 早于“RaisedAt” 2026-02-05T10:00:00+08:00", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RejectsExactlyTheTicketRowsTheReportRejects()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("weird.csv", WeirdTickets);

        var check = Crm.Run("data", "check", "--tickets", path);
        var report = Crm.Run("report", "--tickets", path, "--month", "2026-02");

        static string[] Problems(string error) => error.Split('\n').Where(l => l.Contains(": error CLI", StringComparison.Ordinal)).ToArray();
        Assert.Equal(1, report.ExitCode);
        Assert.Equal(4, Problems(check.Error).Length);
        Assert.Equal(Problems(check.Error), Problems(report.Error));
    }

    /// <summary>
    /// Every rule of the metrics package's own ticket check (<c>ServiceRecord.Validate</c>) is one the tickets schema already applies, so a row
    /// that <c>crm data check</c> passes is never turned away by <c>crm report</c> (CLI202) afterwards.
    /// </summary>
    [Theory]
    [InlineData("Id,CustomerId,RaisedAt,FirstResponseAt\nWT1,C1,2026-02-05T10:00:00+08:00,2026-02-05T09:59:59+08:00", "CLI109")]
    [InlineData("Id,CustomerId,RaisedAt,ResolvedAt\nWT1,C1,2026-02-05T10:00:00+08:00,2026-02-05T01:00:00Z", "CLI109")]
    [InlineData("Id,CustomerId,RaisedAt,ClosedAt\nWT1,C1,2026-02-05T10:00:00Z,2026-02-05T10:00:00+08:00", "CLI109")]
    [InlineData("Id,CustomerId,RaisedAt,FirstResponseBusinessMinutes\nWT1,C1,2026-02-05T10:00:00Z,-0.5", "CLI102")]
    [InlineData("Id,CustomerId,RaisedAt,ReopenCount\nWT1,C1,2026-02-05T10:00:00Z,-1", "CLI102")]
    [InlineData("Id,CustomerId,RaisedAt,ContactCount\nWT1,C1,2026-02-05T10:00:00Z,0", "CLI102")]
    [InlineData("Id,CustomerId,RaisedAt\n ,C1,2026-02-05T10:00:00Z", "CLI104")]
    [InlineData("Id,CustomerId,RaisedAt\nWT1, ,2026-02-05T10:00:00Z", "CLI104")]
    public void Check_EveryTicketTheReportWouldRefuse_IsRejectedByTheCheck(string csv, string code)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", csv + "\n");

        var check = Crm.Run("data", "check", "--tickets", path, "-o", "csv");
        var report = Crm.Run("report", "--tickets", path, "--month", "2026-02");

        Assert.Equal(1, check.ExitCode);
        Assert.Contains($"t.csv:2: error {code}: ", check.Error, StringComparison.Ordinal);
        Assert.EndsWith(",tickets,0,1,1", check.Out.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains($"t.csv:2: error {code}: ", report.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("CLI202", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TicketsAtTheSameInstantInAnotherOffset_AreInOrder()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("t.csv", "Id,CustomerId,RaisedAt,FirstResponseAt,ResolvedAt,ClosedAt\nWT1,C1,2026-02-05T10:00:00+08:00,2026-02-05T02:00:00Z,2026-02-05T02:00:00Z,2026-02-05T10:00:00+08:00\n");

        var run = Crm.Run("data", "check", "--tickets", path);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Theory]
    [InlineData("zh-Hans", "│ 客户 ", "│ 工单 ", "│ 满意度调查 ")]
    [InlineData("en", "│ customers ", "│ tickets ", "│ surveys ")]
    public void Check_Table_NamesTheKindsInTheLanguage(string language, string customers, string tickets, string surveys)
    {
        var run = Crm.Run(
            "data", "check", "--lang", language,
            "--customers", RepoPaths.Sample("customers.csv"),
            "--tickets", RepoPaths.Sample("tickets.csv"),
            "--surveys", RepoPaths.Sample("surveys.csv"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(customers, run.Out, StringComparison.Ordinal);
        Assert.Contains(tickets, run.Out, StringComparison.Ordinal);
        Assert.Contains(surveys, run.Out, StringComparison.Ordinal);
    }
    [Fact]
    public void Check_Samples_AllRowsRead()
    {
        var run = Crm.Run(
            "data", "check", "--output", "json",
            "--customers", RepoPaths.Sample("customers.csv"),
            "--tickets", RepoPaths.Sample("tickets.csv"),
            "--surveys", RepoPaths.Sample("surveys.csv"));
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var counts = json.RootElement.EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("rows").GetInt32(), e.GetProperty("rejected").GetInt32())).ToArray();
        Assert.Equal(("customers", 30, 0), counts[0]);
        Assert.Equal("tickets", counts[1].Item1);
        Assert.True(counts[1].Item2 > 0);
        Assert.Equal("surveys", counts[2].Item1);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public void Check_JsonLinesSample_SameCustomersAsCsv()
    {
        var run = Crm.Run("data", "check", "-o", "csv", "--customers", RepoPaths.Sample("customers.jsonl"));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["file,kind,rows,rejected,problems", "samples/data/customers.jsonl,customers,10,0,0"], run.Out.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Check_JsonArrayTickets_SameRowsAsCsv()
    {
        var json = Crm.Run("rules", "test", "samples/data/rules/crm-rules.json", "--customers", RepoPaths.Sample("customers.csv"),
            "--tickets", RepoPaths.Sample("tickets.json"), "--now", "2026-03-01T09:00:00+08:00", "-o", "csv");
        var csv = Crm.Run("rules", "test", "samples/data/rules/crm-rules.json", "--customers", RepoPaths.Sample("customers.csv"),
            "--tickets", RepoPaths.Sample("tickets.csv"), "--now", "2026-03-01T09:00:00+08:00", "-o", "csv");
        Assert.True(json.ExitCode == 0, json.ToString());
        var fromJson = json.Out.Split('\n').Where(l => l.StartsWith("tickets,", StringComparison.Ordinal)).ToList();
        var fromCsv = csv.Out.Split('\n').Where(l => l.StartsWith("tickets,", StringComparison.Ordinal)).Take(fromJson.Count).ToList();
        Assert.Equal(8, fromJson.Count);
        Assert.Equal(fromCsv, fromJson);
    }

    [Fact]
    public void Check_BadCsv_PrintsEveryProblemInCompilerStyle()
    {
        var path = RepoPaths.Sample("bad/customers-bad.csv");
        var run = Crm.Run("data", "check", "--customers", path);
        var expected = $"""
            {path}:1: error CLI101: unknown column 'AnnualRevenu'
            {path}:3: error CLI102: 'AnnualRevenue': '12万' is not valid: expected a number such as 1234.5
            {path}:3: error CLI103: 'FirstCooperation': '2025-13-01' is not a valid date or time: expected a date yyyy-MM-dd
            {path}:4: error CLI104: required field 'Id' is missing
            {path}:5: error CLI102: 'CsatAverage': '7' is not valid: expected a number between 1 and 5
            {path}:5: error CLI105: 'DoNotContact': 'maybe' is not allowed: expected true or false
            {path}: 2 row(s) read, 3 rejected, 6 problem(s)

            """;
        Assert.Equal(expected, run.Error);
    }

    [Fact]
    public void Check_BadJsonLinesInChinese_LocalizedProblemsWithColumns()
    {
        var path = RepoPaths.Sample("bad/customers-bad.jsonl");
        var run = Crm.Run("data", "check", "--customers", path, "--lang", "zh-Hans");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{path}:2:38: 错误 CLI102: “AnnualRevenue”：“12万”无效：应为数字，例如 1234.5", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{path}:3:56: 错误 CLI101: 未知列“Colour”", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{path}:5: 错误 CLI104: 缺少必填字段“Id”", run.Error, StringComparison.Ordinal);
        Assert.Contains("拒绝", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Strict_StopsAtFirstProblem()
    {
        var path = RepoPaths.Sample("bad/customers-bad.csv");
        var run = Crm.Run("data", "check", "--customers", path, "--strict");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"{path}:1: error CLI101: unknown column 'AnnualRevenu'", $"{path}: stopped at the first problem (--strict)"],
            run.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Check_FormatOverride_ReadsJsonLinesWithOtherExtension()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("customers.txt", "{\"Id\":\"C1\",\"Name\":\"甲\"}\n");
        var run = Crm.Run("data", "check", "--customers", file, "--format", "jsonl", "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("\"rows\": 1", run.Out, StringComparison.Ordinal);
    }
}
