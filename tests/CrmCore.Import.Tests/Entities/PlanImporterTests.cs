using System.Globalization;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Relationships;
using NodaTime;

namespace CrmCore.Import.Tests.Entities;

public sealed class PlanImporterTests
{
    [Fact]
    public async Task SampleFile_EveryRowOneOutcome_WithColumnAndReason()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await desk.PlanImporter().ImportAsync(Samples.Path("客户沟通计划表.csv"));

        Assert.Equal(("plans", 2), (report.Entity, report.HeaderLine));
        Assert.Empty(report.UnmappedColumns); // 客户等级 and 计划沟通周期 are known and ignored
        Assert.Equal(
            [
                (3, ImportOutcome.Inserted, null), (4, ImportOutcome.Inserted, null), (5, ImportOutcome.Inserted, null),
                (6, ImportOutcome.Rejected, "客户编号"), (7, ImportOutcome.Rejected, "实际执行时间"), (8, ImportOutcome.Rejected, "沟通方式"),
                (9, ImportOutcome.Rejected, "计划执行时间"), (10, ImportOutcome.Rejected, "沟通内容要点"),
                (11, ImportOutcome.Skipped, null), (12, ImportOutcome.Skipped, null),
            ],
            report.Rows.Select(r => (r.Line, r.Outcome, r.Column)));
        EntityDesk.AssertAddsUp(report);
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Contains("no stored customer is 'KH009'", rejected[6].Reason, StringComparison.Ordinal);
        Assert.Contains("实际执行时间 is required", rejected[7].Reason, StringComparison.Ordinal);
        Assert.Contains("'飞鸽传书' is not one of Call, Visit, Email", rejected[8].Reason, StringComparison.Ordinal);
        Assert.Contains("is already on line 3", rejected[9].Reason, StringComparison.Ordinal);
        Assert.Contains("沟通内容要点 is required", rejected[10].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SampleFile_StoresEntries_DashesAreBlank_NamesFindTheCustomer()
    {
        var desk = await EntityDesk.CreateAsync();
        await desk.PlanImporter().ImportAsync(Samples.Path("客户沟通计划表.csv"));

        var entries = await AllAsync(desk.Plans);
        Assert.Equal(3, entries.Count);
        var call = entries.Single(e => e.Customer.Value == "KH002");
        Assert.Equal((ContactChannel.Call, PlanStatus.NotStarted, (Instant?)null, (string?)null), (call.Channel, call.Status, call.ActualAt, call.Feedback));
        Assert.Equal(new LocalDate(2024, 3, 22), call.DueOn);
        var visit = entries.Single(e => e.Channel == ContactChannel.Visit);
        Assert.Equal(("KH001", PlanStatus.Completed, "满意"), (visit.Customer.Value, visit.Status, visit.Feedback));
        Assert.Equal(Instant.FromUtc(2024, 3, 27, 3, 30), visit.ActualAt);
        Assert.Equal(PlanTable.DerivedId(visit.Customer, visit.PlannedAt, visit.Channel), visit.Id);
        Assert.All(entries, e => ContactPlanEntry.Restore(e));
    }

    [Fact]
    public async Task ImportTwice_SecondRunChangesNothing_AndAChangedCellUpdates()
    {
        var desk = await EntityDesk.CreateAsync();
        const string csv = "客户编号,沟通方式,沟通内容要点,计划执行时间,完成状态,客户反馈\nKH001,电话,续约,2024-03-20,未开始,\n";
        await EntityDesk.FromText(desk.PlanImporter().ImportAsync, csv);

        var again = await EntityDesk.FromText(desk.PlanImporter().ImportAsync, csv);
        var changed = await EntityDesk.FromText(desk.PlanImporter().ImportAsync, csv.Replace("未开始,", "进行中,有意向", StringComparison.Ordinal));

        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(again.Rows).Outcome);
        Assert.Equal(ImportOutcome.Updated, Assert.Single(changed.Rows).Outcome);
        var entry = Assert.Single(await AllAsync(desk.Plans));
        Assert.Equal((PlanStatus.InProgress, "有意向", 2L), (entry.Status, entry.Feedback, entry.Version));
    }

    [Fact]
    public async Task DryRun_WritesNothing()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await desk.PlanImporter(new TableImportOptions<PlanField> { DryRun = true, Culture = CultureInfo.InvariantCulture })
            .ImportAsync(Samples.Path("客户沟通计划表.csv"));

        Assert.Equal(3, report.Totals.Inserted);
        Assert.Empty(await AllAsync(desk.Plans));
    }

    internal static async Task<List<ContactPlanEntryState>> AllAsync(IContactPlanRepository plans)
    {
        var all = new List<ContactPlanEntryState>();
        await foreach (var e in plans.ListAsync(new ContactPlanQuery()))
        {
            all.Add(e);
        }

        return all;
    }
}
