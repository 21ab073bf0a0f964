using System.Globalization;
using CrmCore.Desk;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Tests.Entities;

public sealed class TicketImporterTests
{
    private const string Header = "问题编号,客户名称,问题描述,提出时间,紧急程度,负责人,状态,解决时间\n";

    [Fact]
    public async Task SampleFile_EveryRowOneOutcome_WithColumnAndReason()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        Assert.Equal(("tickets", 2), (report.Entity, report.HeaderLine));
        Assert.Equal(["备注"], report.UnmappedColumns);
        Assert.Equal(
            [
                (3, ImportOutcome.Inserted, null), (4, ImportOutcome.Inserted, null), (5, ImportOutcome.Inserted, null),
                (6, ImportOutcome.Rejected, "紧急程度(一般/紧急/重大)"), (7, ImportOutcome.Rejected, "客户名称"), (8, ImportOutcome.Rejected, "负责人"),
                (9, ImportOutcome.Rejected, "问题编号"), (10, ImportOutcome.Rejected, "解决时间"), (11, ImportOutcome.Rejected, "客户满意度(1-5分)"),
                (12, ImportOutcome.Skipped, null), (13, ImportOutcome.Skipped, null),
            ],
            report.Rows.Select(r => (r.Line, r.Outcome, r.Column)));
        EntityDesk.AssertAddsUp(report);
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Contains("'特急' is not one of General, Urgent, Major", rejected[6].Reason, StringComparison.Ordinal);
        Assert.Contains("no stored customer is '不存在公司'", rejected[7].Reason, StringComparison.Ordinal);
        Assert.Contains("负责人 is required", rejected[8].Reason, StringComparison.Ordinal);
        Assert.Contains("WT202403001 is already on line 3", rejected[9].Reason, StringComparison.Ordinal);
        Assert.Contains("解决时间 is before 提出时间", rejected[10].Reason, StringComparison.Ordinal);
        Assert.Contains("'6' is not a whole number from 1 to 5", rejected[11].Reason, StringComparison.Ordinal);
        Assert.Equal((12, 5), (rejected[10].ColumnNumber, rejected[6].ColumnNumber));
    }

    [Fact]
    public async Task SampleFile_StoresTicketsWithLifecycleHistory_SurveyAndProgress()
    {
        var desk = await EntityDesk.CreateAsync();
        await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        var resolved = await desk.Tickets.FindAsync(new TicketId("WT202403001"));
        Assert.NotNull(resolved);
        Assert.Equal(("KH001", Urgency.Urgent, TicketStatus.Resolved, "赵六", "技术部"), (resolved.CustomerId.Value, resolved.Urgency, resolved.Status, resolved.Owner.Value, resolved.Department));
        Assert.Equal(Instant.FromUtc(2024, 3, 15, 6, 0), resolved.RaisedAt);
        Assert.Equal(Instant.FromUtc(2024, 3, 15, 9, 30), resolved.ResolvedAt);
        Assert.Equal(Instant.FromUtc(2024, 3, 16, 10, 0), resolved.ExpectedResolutionAt);
        Assert.Equal([TicketStatus.Pending, TicketStatus.InProgress, TicketStatus.Resolved], resolved.StatusHistory.Select(c => c.To));
        Assert.Equal(5, resolved.Survey!.Csat.Value);
        Assert.Equal("已排查为服务器负载过高，临时扩容后恢复", Assert.Single(resolved.Timeline).Text); // full-width punctuation kept, as for customers
        Ticket.Restore(resolved); // the stored state is one the desk accepts

        var inProgress = await desk.Tickets.FindAsync(new TicketId("WT202403002"));
        Assert.Equal(("KH002", TicketStatus.InProgress, (Instant?)null), (inProgress!.CustomerId.Value, inProgress.Status, inProgress.ResolvedAt));
        Assert.Equal(Instant.FromUtc(2024, 3, 18, 1, 30), inProgress.RaisedAt);
        var pending = await desk.Tickets.FindAsync(new TicketId("WT202403003"));
        Assert.Equal((TicketStatus.Pending, Instant.FromUtc(2024, 3, 20, 2, 0)), (pending!.Status, pending.RaisedAt));
    }

    [Fact]
    public async Task ImportTwice_SecondRunChangesNothing()
    {
        var desk = await EntityDesk.CreateAsync();
        await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));
        var versions = await VersionsAsync(desk.Tickets);

        var again = await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        Assert.Equal(3, again.Totals.Unchanged);
        Assert.Equal((0, 0), (again.Totals.Inserted, again.Totals.Updated));
        Assert.Equal(versions, await VersionsAsync(desk.Tickets));
    }

    [Fact]
    public async Task ChangedStatus_MovesAlongTheLifecycle_AndAnImpossibleMoveIsRejected()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "WT1,科技,登录慢,2024-03-01 09:00,一般,赵六,处理中,\n");

        var resolved = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "WT1,科技,登录慢,2024-03-01 09:00,一般,赵六,已解决,2024-03-02 10:00\n");
        var back = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, Header + "WT1,科技,登录慢,2024-03-01 09:00,一般,赵六,待处理,\n");

        Assert.Equal(ImportOutcome.Updated, Assert.Single(resolved.Rows).Outcome);
        var ticket = await desk.Tickets.FindAsync(new TicketId("WT1"));
        Assert.Equal((TicketStatus.Resolved, 2L), (ticket!.Status, ticket.Version));
        Assert.Equal([TicketStatus.Pending, TicketStatus.InProgress, TicketStatus.Resolved], ticket.StatusHistory.Select(c => c.To));
        var rejected = Assert.Single(back.Rows);
        Assert.Equal((ImportOutcome.Rejected, "状态"), (rejected.Outcome, rejected.Column));
        Assert.Contains("ticket WT1 is Resolved and the lifecycle has no way to Pending", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_ReportsEverything_WritesNothing()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await desk.TicketImporter(new TableImportOptions<TicketField> { DryRun = true, Culture = CultureInfo.InvariantCulture })
            .ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        Assert.True(report.DryRun);
        Assert.Equal(3, report.Totals.Inserted);
        Assert.Empty(await VersionsAsync(desk.Tickets));
    }

    [Fact]
    public async Task MappingFile_RenamesColumns_MapsValues_AndFillsConstants()
    {
        var desk = await EntityDesk.CreateAsync();
        var json = """
            {
              "columns": { "工单": "Id", "客户": "CustomerId", "内容": "Description", "时间": "RaisedAt", "优先级": "Urgency", "处理人": "Owner", "备注": "Ignore" },
              "constants": { "Channel": "Email" },
              "values": { "Urgency": { "高": "Major", "低": "General" } }
            }
            """;
        var mapping = ImportMappings.Tickets.With(ImportMappingFile.Parse<TicketField>(json, "map.json"));

        var report = await EntityDesk.FromText(
            desk.TicketImporter(new TableImportOptions<TicketField> { Mapping = mapping, Culture = CultureInfo.InvariantCulture }).ImportAsync,
            "工单,客户,内容,时间,优先级,处理人,备注\nA1,KH001,断网,2024-03-01 08:00,高,周工,x\nA2,KH002,咨询,2024-03-01 09:00,中,周工,y\n");

        Assert.Empty(report.UnmappedColumns);
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        var ticket = await desk.Tickets.FindAsync(new TicketId("A1"));
        Assert.Equal((Urgency.Major, "Email"), (ticket!.Urgency, ticket.Channel.Code));
    }

    [Fact]
    public void MappingFile_UnknownField_NamesTheTicketFields()
    {
        var error = Assert.Throws<ImportFileException>(() => ImportMappingFile.Parse<TicketField>("{ \"columns\": { \"工单\": \"Nmae\" } }", "map.json"));

        Assert.Contains("'Nmae' is not a ticket field", error.Message, StringComparison.Ordinal);
        Assert.Contains("RaisedAt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelatedAsset_IsInTheReportRow()
    {
        var desk = await EntityDesk.CreateAsync();

        var report = await EntityDesk.FromText(desk.TicketImporter().ImportAsync, "问题编号,客户编号,问题描述,提出时间,负责人,关联资产\nWT9,KH001,打印机卡纸,2024-03-01,周工,PRN-1\n");

        Assert.Equal(("KH001", "PRN-1"), (report.Rows[0].CustomerId, report.Rows[0].AssetId));
        Assert.Equal("PRN-1", (await desk.Tickets.FindAsync(new TicketId("WT9")))!.RelatedAssetId);
    }

    private static async Task<Dictionary<string, long>> VersionsAsync(ITicketRepository tickets)
    {
        var versions = new Dictionary<string, long>();
        await foreach (var t in tickets.ListAsync(TicketQuery.All))
        {
            versions[t.Id.Value] = t.Version;
        }

        return versions;
    }
}
