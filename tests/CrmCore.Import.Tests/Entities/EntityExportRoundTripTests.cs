using System.Globalization;
using CrmCore.Assets;
using CrmCore.Desk;
using CrmCore.Import.Assets;
using CrmCore.Import.Export;
using CrmCore.Import.Reports;
using CrmCore.Relationships;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Entities;

/// <summary>import(export(x)) gives x back for tickets, survey answers, contact plans and assets, in Chinese and English, formula cells neutralised.</summary>
public sealed class EntityExportRoundTripTests
{
    private const string Tickets = "问题编号,客户编号,问题描述,提出时间,紧急程度,问题类型,渠道,负责人,处理进度,解决方案,客户满意度,首次响应时间,解决时间,关闭时间,状态,关联资产\n"
        + "T1,KH001,=1+1 登录异常,2024-03-15 14:00,紧急,故障,邮件,赵六,-已扩容,@扩容服务器,4,2024-03-15 14:10,2024-03-15 17:30,2024-03-16 09:00,已关闭,PRN-1\n"
        + "T2,KH002,物流延迟,2024-03-18 09:30,一般,投诉,电话,孙七,,,,,,,处理中,\n"
        + "T3,KH001,+报价咨询,2024-03-19 09:30,重大,售前,网页表单,钱八,,,,,,,待处理,\n";

    private const string Surveys = "问题编号,评价时间,满意度,推荐意愿,响应速度,价格,客户评价\nT1,2024-03-17 10:00,5,9,5,3,=HYPERLINK(\"x\")\nT1,2024-03-16 09:00,4,,,,\n";

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task TicketsAndSurveys_ImportOfExport_GivesThemBack(ExportLanguage language)
    {
        var source = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(source.TicketImporter().ImportAsync, Tickets);
        var surveys = await EntityDesk.FromText(source.SurveyImporter().ImportAsync, Surveys);
        Assert.Equal((1, 1), (surveys.Totals.Inserted, surveys.Totals.Unchanged)); // the 16th 09:00 answer came with the ticket table
        var original = await AllTicketsAsync(source.Tickets);

        var copy = await EntityDesk.CreateAsync();
        var ticketFile = ExportFiles.Write(s => TicketExporter.WriteXlsx(original, s, language));
        var surveyFile = ExportFiles.Write(s => SurveyExporter.WriteXlsx(original, s, language));
        var tickets = await copy.TicketImporter().ImportAsync(ticketFile, "tickets.xlsx");
        var answers = await copy.SurveyImporter().ImportAsync(surveyFile, "surveys.xlsx");

        Assert.Equal(3, tickets.Totals.Inserted);
        Assert.Equal((1, 1), (answers.Totals.Inserted, answers.Totals.Unchanged));
        Assert.Equal(original.Select(Comparable), (await AllTicketsAsync(copy.Tickets)).Select(Comparable));
        var cells = ExportFiles.Cells(ExportFiles.Write(s => TicketExporter.WriteXlsx(original, s, language)));
        Assert.Contains("'=1+1 登录异常", cells);
        Assert.Contains("'+报价咨询", cells);
        Assert.Contains("'=HYPERLINK(\"x\")", ExportFiles.Cells(ExportFiles.Write(s => SurveyExporter.WriteXlsx(original, s, language))));
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task Plans_ImportOfExport_GivesThemBack(ExportLanguage language)
    {
        var source = await EntityDesk.CreateAsync();
        await source.PlanImporter().ImportAsync(Samples.Path("客户沟通计划表.csv"));
        await EntityDesk.FromText(source.PlanImporter().ImportAsync, "计划编号,客户编号,沟通方式,沟通内容要点,计划执行时间,完成状态,后续行动项\nP-9,KH002,短信,-节日问候,2024-04-01 09:00,已取消,=cmd\n");
        var original = await PlanImporterTests.AllAsync(source.Plans);

        var copy = await EntityDesk.CreateAsync();
        var report = await copy.PlanImporter().ImportAsync(ExportFiles.Write(s => PlanExporter.WriteXlsx(original, s, language)), "plans.xlsx");

        Assert.Equal(4, report.Totals.Inserted);
        Assert.Equal(original.Select(Comparable), (await PlanImporterTests.AllAsync(copy.Plans)).Select(Comparable));
    }

    [Theory]
    [InlineData(ExportLanguage.Chinese)]
    [InlineData(ExportLanguage.English)]
    public async Task Assets_ImportOfExport_GivesThemBack_ChildrenAfterParents(ExportLanguage language)
    {
        var source = new InMemoryAssetRepository();
        await new AssetImporter(source, new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(Samples.Path("assets.csv"));
        var original = await source.ListAsync().ToListAsync();
        original.Reverse(); // children before parents: the exporter must reorder

        var copy = new InMemoryAssetRepository();
        var report = await new AssetImporter(copy).ImportAsync(ExportFiles.Write(s => AssetExporter.WriteXlsx(original, s, language)), "assets.xlsx");

        Assert.Equal((original.Count, 0), (report.Totals.Inserted, report.Totals.Rejected));
        Assert.All(report.Rows, r => Assert.NotNull(r.AssetId));
        Assert.Equal(original.Select(Comparable).Order(), (await copy.ListAsync().ToListAsync()).Select(Comparable).Order());
    }


    private static async Task<List<TicketState>> AllTicketsAsync(ITicketRepository tickets) =>
        [.. (await tickets.ListAsync(TicketQuery.All).ToListAsync()).OrderBy(t => t.Id.Value, StringComparer.Ordinal)];

    private static string Comparable(TicketState t) => string.Join(
        " | ",
        t.Id, t.CustomerId, t.Description, t.RaisedAt, t.Urgency, t.Type.Code, t.Channel.Code, t.ExpectedResolutionAt, t.Department, t.Owner, t.Solution,
        t.FirstResponseAt, t.ResolvedAt, t.ClosedAt, t.Status, t.RelatedAssetId, string.Join(";", t.Timeline.Select(n => n.Text)),
        string.Join(";", t.Surveys.Select(s => $"{s.AnsweredAt}/{s.Csat.Value}/{s.Nps?.Value}/{string.Join(",", s.DimensionScores.OrderBy(d => d.Key.Code).Select(d => $"{d.Key.Code}={d.Value}"))}/{s.Comment}")));

    private static string Comparable(ContactPlanEntryState e) => string.Join(
        " | ", e.Id, e.Customer, e.Channel, e.Purpose, e.Owner, e.PlannedAt, e.ActualAt, e.Feedback, e.NextAction, e.Status, e.Kind, e.DueOn);

    private static string Comparable(AssetState a) => string.Join(
        " | ", a.Id, a.Name, a.SerialNumber, a.Model, a.Owner, a.Custodian, a.InstalledOn, a.WarrantyEndsOn, a.Parent);
}
