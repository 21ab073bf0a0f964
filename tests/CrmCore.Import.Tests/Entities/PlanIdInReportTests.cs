using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Relationships;
using NodaTime;

namespace CrmCore.Import.Tests.Entities;

/// <summary>The rows of a plan import name their plan entry (计划编号) in the report, as ticket rows name their ticket (QA wave 15 round 2,
/// item 8): the id the row gives, or the one derived for a row without one.</summary>
public sealed class PlanIdInReportTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    private const string Plans = "计划编号,客户编号,沟通方式,沟通内容要点,计划执行时间\n"
        + "P1,KH001,电话,续约,2024-03-20\n"
        + "P2,KH404,电话,回访,2024-03-21\n"
        + ",KH001,拜访,巡检,2024-03-22\n"
        + "P1,KH001,电话,重复,2024-03-23\n";

    [Fact]
    public async Task PlanRows_CarryThePlanId_InTextAndJson_AlsoWhenRejected_AndDerivedWithoutOne()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.PlanImporter().ImportAsync, Plans);

        var again = await EntityDesk.FromText(desk.PlanImporter(new TableImportOptions<PlanField> { Culture = Zh }).ImportAsync, Plans);

        var derived = PlanTable.DerivedId(new CustomerId("KH001"), Instant.FromUtc(2024, 3, 21, 16, 0), ContactChannel.Visit).Value;
        Assert.Equal(
            [
                (ImportOutcome.Unchanged, "P1", "KH001"), (ImportOutcome.Rejected, "P2", null), (ImportOutcome.Unchanged, derived, "KH001"),
                (ImportOutcome.Rejected, "P1", null),
            ],
            again.Rows.Select(r => (r.Outcome, r.PlanId, r.CustomerId)));
        var text = ImportReportWriter.ToText(again, Zh);
        Assert.Contains("table.csv:2: 无变化 KH001 （计划编号 P1）", text, StringComparison.Ordinal);
        Assert.Matches("table.csv:3:2: 拒绝 \\[客户编号\\]: .*KH404.* （计划编号 P2）\n", text);
        Assert.Contains($"table.csv:4: 无变化 KH001 （计划编号 {derived}）", text, StringComparison.Ordinal);
        Assert.Matches("table.csv:5:1: 拒绝 \\[计划编号\\]: .* （计划编号 P1）\n", text);
        Assert.Contains("table.csv:2: unchanged KH001 (plan P1)", ImportReportWriter.ToText(again, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var json = Json(again);
        Assert.Contains("\"planId\": \"P2\"", json, StringComparison.Ordinal);
        Assert.Equal(4, json.Split("\"planId\"").Length - 1);
    }

    [Fact]
    public void ImportRowLog_PlanIdOfSpilledRows_ReadsBack()
    {
        var rows = Enumerable.Range(1, 40).Select(i => new ImportRowResult
        {
            Line = i,
            Outcome = ImportOutcome.Unchanged,
            CustomerId = i % 3 == 0 ? null : "KH" + i,
            PlanId = i % 4 == 0 ? null : "JH2024030" + i,
            TicketId = i % 5 == 0 ? "WT" + i : null,
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
