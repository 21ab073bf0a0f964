using CrmCore.Cli.Tests.Infrastructure;

namespace CrmCore.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    private static readonly string[] Samples =
        ["--tickets", "samples/data/tickets.csv", "--surveys", "samples/data/surveys.csv", "--customers", "samples/data/customers.csv", "--month", "2026-02"];

    [Fact]
    public void Report_Samples_TextWithTargetsAndThemes()
    {
        var run = Crm.Run(["report", .. Samples]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Monthly service report 2026-02 (Asia/Shanghai)", run.Out, StringComparison.Ordinal);
        Assert.Contains("churn rate 3.3%", run.Out, StringComparison.Ordinal);
        Assert.Contains("等待时间太长", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ChineseHtml_WritesChartsAndLabels()
    {
        using var dir = new TempDirectory();
        var html = dir.File("r.html");
        var run = Crm.Run(["report", .. Samples, "--html", html, "--lang", "zh-Hans"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("月度服务报告 2026-02", run.Out, StringComparison.Ordinal);
        var text = File.ReadAllText(html);
        Assert.Contains("<html lang=\"zh-Hans\">", text, StringComparison.Ordinal);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BadMonth_UsageError()
    {
        Assert.Equal(2, Crm.Run("report", "--tickets", "samples/data/tickets.csv", "--month", "2026-13").ExitCode);
    }

    [Fact]
    public void Report_TicketClosedBeforeRaised_ReportedWithLineAndExitOne()
    {
        using var dir = new TempDirectory();
        var tickets = dir.Write("t.csv", "Id,CustomerId,RaisedAt,ClosedAt\nWT1,C1,2026-02-02T10:00:00Z,2026-02-01T10:00:00Z\nWT2,C1,2026-02-02T10:00:00Z,\n");
        var run = Crm.Run("report", "--tickets", tickets, "--month", "2026-02");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("t.csv:2: error CLI202: 'WT1' cannot be used in the report", run.Error, StringComparison.Ordinal);
        Assert.Contains("tickets: 1", run.Out, StringComparison.Ordinal);
    }
}
