using System.Text.Json;
using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class DataCommandTests
{
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
