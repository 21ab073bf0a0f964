using System.Globalization;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>
/// A required column the table lacks is named by the header the table knows it by, in the report's language, never by the field's
/// code (wave 17, QA item 7: <c>拒绝 [PlannedAt]: PlannedAt为必填项</c>, <c>[Owner]: Owner为必填项</c>).
/// </summary>
public sealed class RequiredColumnNameTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public async Task Plans_WithoutPlannedAtColumn_NameItsHeader_InChineseAndEnglish()
    {
        const string Csv = "计划编号,客户编号,沟通方式,沟通内容要点,负责人,完成状态\nP1,KH001,电话,回访,王工,未开始\n";
        var desk = await EntityDesk.CreateAsync();

        var zh = Assert.Single((await EntityDesk.FromText(desk.PlanImporter(new TableImportOptions<PlanField> { Culture = Zh }).ImportAsync, Csv)).Rows);
        Assert.Equal((ImportOutcome.Rejected, "计划执行时间", 0), (zh.Outcome, zh.Column, zh.ColumnNumber));
        Assert.Equal("计划执行时间为必填项", zh.Reason);

        var en = Assert.Single((await EntityDesk.FromText(desk.PlanImporter().ImportAsync, Csv)).Rows);
        Assert.Equal("Planned at", en.Column);
        Assert.Contains("Planned at is required", en.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tickets_WithoutOwnerColumn_NameItsHeader_InChineseAndEnglish()
    {
        const string Csv = "问题编号,客户编号,问题描述,提出时间,状态\nT1,KH001,打印机坏了,2024-03-15 14:00,待处理\n";
        var desk = await EntityDesk.CreateAsync();

        var zh = Assert.Single((await EntityDesk.FromText(desk.TicketImporter(new TableImportOptions<TicketField> { Culture = Zh }).ImportAsync, Csv)).Rows);
        Assert.Equal((ImportOutcome.Rejected, "负责人"), (zh.Outcome, zh.Column));
        Assert.Equal("负责人为必填项", zh.Reason);

        var en = Assert.Single((await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Csv)).Rows);
        Assert.Equal(("Owner", "Owner is required"), (en.Column, en.Reason));
    }

    [Fact]
    public async Task Tickets_WithoutCustomerColumns_NameBothHeaders()
    {
        const string Csv = "问题编号,问题描述,提出时间,负责人\nT1,打印机坏了,2024-03-15 14:00,王工\n";
        var desk = await EntityDesk.CreateAsync();

        var zh = Assert.Single((await EntityDesk.FromText(desk.TicketImporter(new TableImportOptions<TicketField> { Culture = Zh }).ImportAsync, Csv)).Rows);
        Assert.Equal(("客户编号", "客户编号 / 客户名称为必填项"), (zh.Column, zh.Reason));
    }
}
