using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>
/// How a ticket or plan row finds its customer: by id, by company name, or by short name (简称) when no company name matches (document
/// 001's tracking table writes 科技 for the customer master's 北京某某科技有限公司); a row that finds none is rejected naming the stored
/// customers it may mean, and is never resolved by guess.
/// </summary>
public sealed class CustomerDirectoryTests
{
    private const string Header = "问题编号,客户名称,客户编号,问题描述,提出时间,负责人,状态\n";

    private static async Task<EntityDesk> DeskAsync(string customersCsv)
    {
        var desk = new EntityDesk();
        var report = await Samples.Importer(desk.Customers).ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(customersCsv)), "customers.csv");
        Assert.Equal(0, report.Totals.Rejected);
        return desk;
    }

    private static Task<EntityDesk> MasterAsync() => DeskAsync(
        "客户编号,客户名称,简称,所属行业\n"
        + "KH0001,北京某某科技有限公司,科技,科技/互联网\n"
        + "KH0002,上海某某贸易有限公司,贸易公司,零售业\n"
        + "KH0003,广州某某科技服务有限公司,,服务业\n");

    [Fact]
    public async Task ShortName_FindsTheCustomer_AndIsNoOtherName()
    {
        var desk = await MasterAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync,
            Header + "T1,科技,,登录失败,2024-03-15 14:00,赵六,处理中\nT2,贸易公司,KH0002,物流延迟,2024-03-18 09:30,孙七,处理中\n");

        Assert.Equal([(ImportOutcome.Inserted, "KH0001"), (ImportOutcome.Inserted, "KH0002")], report.Rows.Select(r => (r.Outcome, r.CustomerId)));
        Assert.Null(report.Rows[1].Notes);
        Assert.Equal("KH0001", (await desk.Tickets.FindAsync(new TicketId("T1")))!.CustomerId.Value);
    }

    [Fact]
    public async Task CompanyName_WinsOverAnotherCustomersShortName()
    {
        // 科技 is KH0001's short name and KH0009's company name: the company name decides.
        var desk = await DeskAsync("客户编号,客户名称,简称\nKH0001,北京某某科技有限公司,科技\nKH0009,科技,\n");

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "T1,科技,,登录失败,2024-03-15 14:00,赵六,处理中\n");

        Assert.Equal("KH0009", Assert.Single(report.Rows).CustomerId);
    }

    [Fact]
    public async Task ShortNameOfTwoCustomers_IsAmbiguous()
    {
        var desk = await DeskAsync("客户编号,客户名称,简称\nKH0001,北京某某科技有限公司,科技\nKH0002,上海某某科技有限公司,科技\n");

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "T1,科技,,登录失败,2024-03-15 14:00,赵六,处理中\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Rejected, "CustomerAmbiguous"), (row.Outcome, row.ReasonCode));
        Assert.Null(await desk.Tickets.FindAsync(new TicketId("T1")));
    }

    [Fact]
    public async Task UnknownName_IsRejected_NamingTheCustomersItMayMean_ClosestFirst()
    {
        var desk = await MasterAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "T1,某某科技,,登录失败,2024-03-15 14:00,赵六,处理中\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Rejected, "CustomerUnknown", "客户名称"), (row.Outcome, row.ReasonCode, row.Column));
        Assert.Equal("no stored customer is '某某科技'; import the customers first, or give the customer id (客户编号) of the one meant: "
            + "KH0001 北京某某科技有限公司, KH0003 广州某某科技服务有限公司", row.Reason);
        Assert.Null(await desk.Tickets.FindAsync(new TicketId("T1")));
    }

    [Fact]
    public async Task UnknownId_WithOtherLeadingZeros_NamesTheStoredId_InChinese()
    {
        var desk = await MasterAsync();
        var zh = new TableImportOptions<TicketField> { Culture = CultureInfo.GetCultureInfo("zh-Hans") };

        var report = await EntityDesk.FromText(desk.TicketImporter(zh).ImportAsync, Header + "T1,,KH001,登录失败,2024-03-15 14:00,赵六,处理中\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Rejected, "CustomerUnknown", "客户编号"), (row.Outcome, row.ReasonCode, row.Column));
        Assert.Equal("没有已存储的客户“KH001”；请先导入客户，或改填所指客户的客户编号：KH0001 北京某某科技有限公司", row.Reason);
    }

    [Theory]
    [InlineData("T1,不存在公司,,登录失败,2024-03-15 14:00,赵六,处理中")]
    [InlineData("T1,,KH9999,登录失败,2024-03-15 14:00,赵六,处理中")]
    [InlineData("T1,某,,登录失败,2024-03-15 14:00,赵六,处理中")]
    public async Task NothingLikeIt_KeepsThePlainReason(string line)
    {
        var desk = await MasterAsync();

        var row = Assert.Single((await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + line + "\n")).Rows);

        Assert.Equal(ImportOutcome.Rejected, row.Outcome);
        Assert.EndsWith("; import the customers first", row.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plans_FindTheirCustomerByShortName_Too()
    {
        var desk = await MasterAsync();

        var report = await EntityDesk.FromText(desk.PlanImporter().ImportAsync,
            "客户编号,客户名称,沟通方式,沟通内容要点,负责人,计划执行时间,完成状态\n,贸易公司,电话,物流问题跟进,李经理,2024-03-22,未开始\n");

        var row = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Inserted, "KH0002"), (row.Outcome, row.CustomerId));
    }

    [Fact]
    public async Task Suggestions_AreComparedOncePerName_AndStopWhenTheBudgetIsSpent()
    {
        var desk = await MasterAsync();
        // A budget of one pass over the three stored customers: the first name is compared, the same name again comes from the cache,
        // another name finds the budget spent and names no one.
        var directory = new CustomerDirectory(desk.Customers, suggestionBudget: 3);
        await directory.LoadAsync(CancellationToken.None);

        Assert.Equal("KH0002 上海某某贸易有限公司", directory.SuggestNames("贸易"));
        Assert.Equal("KH0002 上海某某贸易有限公司", directory.SuggestNames("贸易"));
        Assert.Null(directory.SuggestNames("某某科技"));

        var roomy = new CustomerDirectory(desk.Customers, suggestionBudget: 6);
        await roomy.LoadAsync(CancellationToken.None);
        Assert.Equal("KH0002 上海某某贸易有限公司", roomy.SuggestNames("贸易"));
        Assert.Equal("KH0001 北京某某科技有限公司, KH0003 广州某某科技服务有限公司", roomy.SuggestNames("某某科技"));
    }
}
