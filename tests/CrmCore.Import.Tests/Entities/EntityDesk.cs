using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Relationships;

namespace CrmCore.Import.Tests.Entities;

/// <summary>In-memory desk stores with document 001's two sample customers (KH001 科技, KH002 贸易公司), and importers over them.</summary>
internal sealed class EntityDesk
{
    public InMemoryCustomerRepository Customers { get; } = new();

    public InMemoryTicketRepository Tickets { get; } = new();

    public InMemoryContactPlanRepository Plans { get; } = new();

    public static async Task<EntityDesk> CreateAsync()
    {
        var desk = new EntityDesk();
        using var customers = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,所属行业,客户等级\nKH001,科技,科技/互联网,A\nKH002,贸易公司,零售业,B\n"));
        var report = await Samples.Importer(desk.Customers).ImportAsync(customers, "customers.csv");
        Assert.Equal(2, report.Totals.Inserted);
        return desk;
    }

    public TicketImporter TicketImporter(TableImportOptions<TicketField>? options = null) =>
        new(Tickets, Customers, Samples.Clock(), options ?? new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture });

    public PlanImporter PlanImporter(TableImportOptions<PlanField>? options = null) =>
        new(Plans, Customers, Samples.Clock(), options ?? new TableImportOptions<PlanField> { Culture = CultureInfo.InvariantCulture });

    public SurveyImporter SurveyImporter(TableImportOptions<SurveyField>? options = null) =>
        new(Tickets, Samples.Clock(), options ?? new TableImportOptions<SurveyField> { Culture = CultureInfo.InvariantCulture });

    public static Task<ImportReport> FromText(Func<Stream, string, CancellationToken, Task<ImportReport>> import, string csv) =>
        import(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "table.csv", CancellationToken.None);

    public static void AssertAddsUp(ImportReport report)
    {
        var t = report.Totals;
        Assert.Equal(report.Rows.Count, t.RowsRead);
        foreach (var outcome in Enum.GetValues<ImportOutcome>())
        {
            Assert.True(report.Rows.Count(r => r.Outcome == outcome) >= 0);
        }

        Assert.Equal(report.Rows.Count(r => r.Outcome == ImportOutcome.Rejected), t.Rejected);
        Assert.Equal(report.Rows.Count(r => r.Outcome == ImportOutcome.Inserted), t.Inserted);
    }
}
