using System.Globalization;
using System.Text;
using CrmCore.Import.Reports;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>The rows of ticket and survey imports name their ticket (问题编号) in the report, as asset rows name their asset (QA wave 15,
/// item 14).</summary>
public sealed class TicketIdInReportTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    private const string Tickets = "问题编号,客户编号,问题描述,提出时间,负责人\n"
        + "T1,KH001,a,2024-03-15 14:00,赵六\n"
        + "T2,KH404,b,2024-03-15 14:00,赵六\n"
        + ",KH001,c,2024-03-15 14:00,赵六\n";

    [Fact]
    public async Task TicketRows_CarryTheTicketId_InTextAndJson_AlsoWhenRejected()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Tickets);

        var again = await EntityDesk.FromText(desk.TicketImporter(new TableImportOptions<TicketField> { Culture = Zh }).ImportAsync, Tickets);

        Assert.Equal(
            [(ImportOutcome.Unchanged, "T1", "KH001"), (ImportOutcome.Rejected, "T2", null), (ImportOutcome.Rejected, null, null)],
            again.Rows.Select(r => (r.Outcome, r.TicketId, r.CustomerId)));
        var text = ImportReportWriter.ToText(again, Zh);
        Assert.Contains("table.csv:2: 无变化 KH001 （问题编号 T1）", text, StringComparison.Ordinal);
        Assert.Contains("table.csv:3:2: 拒绝 [客户编号]: 没有已存储的客户“KH404”；请先导入客户 （问题编号 T2）", text, StringComparison.Ordinal);
        Assert.Contains("table.csv:2: unchanged KH001 (ticket T1)", ImportReportWriter.ToText(again, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var json = Json(again);
        Assert.Contains("\"ticketId\": \"T1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ticketId\": \"T2\"", json, StringComparison.Ordinal);
        Assert.Equal(2, json.Split("\"ticketId\"").Length - 1); // the row without an id has none
    }

    [Fact]
    public async Task SurveyRows_CarryTheTicketId_InTextJsonAndXlsx()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Tickets);
        var surveys = "问题编号,评价时间,满意度\nT1,2024-03-17 10:00,5\nT9,2024-03-17 10:00,4\n";

        var report = await EntityDesk.FromText(desk.SurveyImporter(new TableImportOptions<SurveyField> { Culture = Zh }).ImportAsync, surveys);

        Assert.Equal([(ImportOutcome.Inserted, "T1"), (ImportOutcome.Rejected, "T9")], report.Rows.Select(r => (r.Outcome, r.TicketId)));
        var text = ImportReportWriter.ToText(report, Zh);
        Assert.Matches("table.csv:3:1: 拒绝 \\[问题编号\\]: .*T9.* （问题编号 T9）\n", text);
        Assert.Contains("\"ticketId\": \"T9\"", Json(report), StringComparison.Ordinal);
        var xlsx = ExportFiles.Cells(ExportFiles.Write(s => ImportReportWriter.WriteXlsx(report, s, Zh)));
        Assert.Contains("T9", xlsx); // the report to fix keeps the row's own 问题编号 cell
    }

    [Fact]
    public void ImportRowLog_TicketIdOfSpilledRows_ReadsBack()
    {
        var rows = Enumerable.Range(1, 40).Select(i => new ImportRowResult
        {
            Line = i,
            Outcome = ImportOutcome.Unchanged,
            CustomerId = i % 3 == 0 ? null : "KH" + i,
            TicketId = i % 4 == 0 ? null : "WT2024030" + i,
            AssetId = i % 5 == 0 ? "ZC" + i : null,
        }).ToList();
        var log = new ImportRowLog(memoryRows: 5);

        log.AddRange(rows);

        Assert.Equal(35, log.Spilled);
        Assert.Equal(rows, log.ToList());
    }

    private static string Json(ImportReport report)
    {
        using var stream = new MemoryStream();
        ImportReportWriter.WriteJson(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
