using System.Globalization;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>
/// A ticket row whose 客户名称 is another company than the customer its 客户编号 finds is kept under the id, with a note naming both
/// (wave 17, QA item 6: <c>T004,乙公司,D001</c> was stored under D001 and reported as a plain insert). Names are compared by
/// company-name key, as the customer import compares them.
/// </summary>
public sealed class TicketCustomerNameTests
{
    private const string Header = "问题编号,客户名称,客户编号,问题描述,提出时间,负责人,状态\n";

    [Fact]
    public async Task NameOfAnotherCompany_IsKeptUnderTheId_WithANote()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "T004,贸易公司,KH001,错配,2024-03-20,李工,待处理\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Inserted, "KH001"), (row.Outcome, row.CustomerId));
        var note = Assert.Single(row.Notes!);
        Assert.Equal((TicketTable.NameDiffers, "客户名称", 2), (note.Code, note.Column, note.ColumnNumber));
        Assert.Equal("customer name '贸易公司' differs from KH001's name '科技': the ticket is kept under KH001", note.Text);
        Assert.Equal("KH001", (await desk.Tickets.FindAsync(new TicketId("T004")))!.CustomerId.Value);
        Assert.Contains("customer name '贸易公司' differs", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameOfAnotherCompany_NoteInChinese()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(
            desk.TicketImporter(new TableImportOptions<TicketField> { Culture = CultureInfo.GetCultureInfo("zh-Hans") }).ImportAsync,
            Header + "T004,贸易公司,KH001,错配,2024-03-20,李工,待处理\n");

        Assert.Equal("客户名称“贸易公司”与 KH001 的名称“科技”不同：问题按客户编号 KH001 保存", Assert.Single(Assert.Single(report.Rows).Notes!).Text);
    }

    [Theory]
    [InlineData("科技")]
    [InlineData(" 科 技 ")]
    [InlineData("")]
    public async Task SameNameInAnotherForm_OrNoName_GetsNoNote(string name)
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + $"T005,{name},KH001,打印机坏了,2024-03-20,李工,待处理\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Inserted, row.Outcome);
        Assert.Null(row.Notes);
    }
}
