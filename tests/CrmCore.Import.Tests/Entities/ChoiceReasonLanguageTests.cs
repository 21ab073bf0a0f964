using System.Globalization;
using System.Text;
using CrmCore.Import.Mapping;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>A value outside its list is rejected with the list in the reader's language: the Chinese values the table accepts in
/// zh-Hans, the English names in English, in the text, JSON and .xlsx reports alike (QA wave 15, item 7).</summary>
public sealed class ChoiceReasonLanguageTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    private const string Tickets = "问题编号,客户编号,问题描述,提出时间,紧急程度,负责人,状态\n"
        + "T1,KH001,a,2024-03-15 14:00,特急,赵六,待处理\n"
        + "T2,KH001,b,2024-03-15 14:00,紧急,赵六,挂起\n";

    [Fact]
    public async Task Tickets_ZhHans_ListTheChineseValues_InTextJsonAndXlsx()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter(new TableImportOptions<TicketField> { Culture = Zh }).ImportAsync, Tickets);

        const string urgency = "“特急”不是 一般、紧急、重大 之一（或映射文件映射到其中之一的值）";
        const string status = "“挂起”不是 待处理、处理中、等待客户、已解决、待回访、已关闭、无需处理 之一";
        Assert.Equal(urgency, report.Rows[0].Reason);
        Assert.StartsWith(status, report.Rows[1].Reason, StringComparison.Ordinal);
        var text = ImportReportWriter.ToText(report, Zh);
        Assert.Contains(urgency, text, StringComparison.Ordinal);
        Assert.Contains(status, text, StringComparison.Ordinal);
        Assert.Contains(urgency, Json(report), StringComparison.Ordinal);
        var xlsx = ExportFiles.Write(s => ImportReportWriter.WriteXlsx(report, s, Zh));
        var cells = ExportFiles.Cells(xlsx);
        Assert.Contains(urgency, cells);
        Assert.Contains(cells, c => c.StartsWith(status, StringComparison.Ordinal));
        Assert.DoesNotContain("General", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tickets_English_ListTheNames()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Tickets);

        Assert.Equal("'特急' is not one of General, Urgent, Major (or a value the mapping file maps to one)", report.Rows[0].Reason);
        Assert.StartsWith("'挂起' is not one of Pending, InProgress, WaitingForCustomer, Resolved, AwaitingRevisit, Closed, NoActionNeeded", report.Rows[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_ZhHans_ListTheChineseChannelsStatusesAndKinds()
    {
        var desk = await EntityDesk.CreateAsync();
        var csv = "计划编号,客户编号,沟通方式,沟通内容要点,计划执行时间,完成状态,计划类型\n"
            + "P1,KH001,飞鸽传书,问候,2024-04-01,未开始,手动计划\n"
            + "P2,KH001,电话,问候,2024-04-01,搁置,手动计划\n"
            + "P3,KH001,电话,问候,2024-04-01,未开始,临时\n";

        var report = await EntityDesk.FromText(desk.PlanImporter(new TableImportOptions<PlanField> { Culture = Zh }).ImportAsync, csv);

        Assert.Equal(3, report.Totals.Rejected);
        Assert.StartsWith("“飞鸽传书”不是 电话、拜访、邮件、短信、关怀信息、主管致电 之一", report.Rows[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("“搁置”不是 未开始、进行中、已完成、已取消 之一", report.Rows[1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("“临时”不是 定期沟通、生日关怀、节日关怀、合同到期提醒、流失预警跟进、沉默客户关怀、手动计划 之一", report.Rows[2].Reason, StringComparison.Ordinal);
        Assert.Contains("“飞鸽传书”不是 电话、拜访", Json(report), StringComparison.Ordinal);
    }

    [Fact]
    public void List_IsMadeOncePerValueMap_AndFollowsEachMap()
    {
        var builtIn = ImportMappings.Tickets.Values[TicketField.Urgency];
        var own = new Dictionary<string, string> { ["特急"] = "Urgent" };

        var first = FieldChoices.List(typeof(Urgency), builtIn, Zh);

        Assert.Equal("一般、紧急、重大", first);
        Assert.Same(first, FieldChoices.List(typeof(Urgency), builtIn, Zh)); // a million rejections, one list
        Assert.Equal("General、特急、Major", FieldChoices.List(typeof(Urgency), own, Zh)); // names where a map has no value
        Assert.Equal("General, Urgent, Major", FieldChoices.List(typeof(Urgency), own, CultureInfo.InvariantCulture));
    }

    private static string Json(ImportReport report)
    {
        using var stream = new MemoryStream();
        ImportReportWriter.WriteJson(report, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
