using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests;

/// <summary>
/// Ids are codes: stored and compared in their folded form (<c>C－001</c> is <c>C-001</c>), the form stores already hold, in the customer
/// table and wherever another table names a customer or a ticket (wave 15 review, item 5).
/// </summary>
public sealed class IdFoldTests
{
    [Fact]
    public async Task ACustomerIdWithFullWidthPunctuation_IsTheIdWithHalfWidth_AndMatchesTheStoredCustomer()
    {
        var store = new InMemoryCustomerRepository();
        await ImportCustomers(store, "客户编号,客户名称,联系人,联系方式\nC-001,宏达(中国)有限公司,王总,13800000081\n");

        var report = await ImportCustomers(store, "客户编号,客户名称,联系人,联系方式\nC－001,宏达贸易,王总,13800000082\n");

        var row = Assert.Single(report.Rows);
        Assert.NotEqual(ImportOutcome.Inserted, row.Outcome);
        Assert.Equal("C-001", row.CustomerId);
        var customer = Assert.Single(await Samples.AllAsync(store));
        Assert.Equal("C-001", customer.Id.Value);
    }

    [Fact]
    public async Task ANewCustomerId_IsStoredFolded()
    {
        var store = new InMemoryCustomerRepository();
        await ImportCustomers(store, "客户编号,客户名称\nＫＨ－００１／Ａ,甲公司\n");

        Assert.Equal("KH-001/A", Assert.Single(await Samples.AllAsync(store)).Id.Value);
    }

    [Fact]
    public async Task TicketPlanAndSurveyIds_WithFullWidthPunctuation_FindTheirCustomerAndTicket()
    {
        var desk = await EntityDesk.CreateAsync();
        await ImportCustomers(desk.Customers, "客户编号,客户名称\nKH-9,玖公司\n");

        var tickets = await EntityDesk.FromText(
            desk.TicketImporter().ImportAsync,
            "问题编号,客户编号,问题描述,提出时间,负责人,状态,解决时间\nWT－001,KH－9,慢,2024-03-01,周工,已解决,2024-03-02\n");
        var plans = await EntityDesk.FromText(
            desk.PlanImporter().ImportAsync, "客户编号,沟通方式,沟通内容要点,计划执行时间,完成状态,客户反馈\nKH－9,电话,续约,2024-03-20,未开始,\n");
        var surveys = await EntityDesk.FromText(desk.SurveyImporter().ImportAsync, "问题编号,评价时间,满意度\nWT－001,2024-03-03,4\n");

        Assert.Equal((1, 1, 1), (tickets.Totals.Inserted, plans.Totals.Inserted, surveys.Totals.Inserted));
        var ticket = Assert.Single(await desk.Tickets.ListAsync(TicketQuery.All).ToListAsync());
        Assert.Equal(("WT-001", "KH-9"), (ticket.Id.Value, ticket.CustomerId.Value));
        Assert.Equal("KH-9", Assert.Single(await PlanImporterTests.AllAsync(desk.Plans)).Customer.Value);
        Assert.Equal(4, Assert.Single(ticket.Surveys).Csat.Value);

        var again = await EntityDesk.FromText(
            desk.TicketImporter().ImportAsync,
            "问题编号,客户编号,问题描述,提出时间,负责人,状态,解决时间\nWT-001,KH-9,慢,2024-03-01,周工,已解决,2024-03-02\n");
        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(again.Rows).Outcome);
    }

    private static Task<ImportReport> ImportCustomers(InMemoryCustomerRepository store, string csv) =>
        Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "customers.csv");
}
