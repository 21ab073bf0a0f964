using CrmCore.Import.Reports;
using CrmCore.Satisfaction;
using CrmCore.Tickets;
using NodaTime;

namespace CrmCore.Import.Tests.Entities;

public sealed class SurveyImporterTests
{
    [Fact]
    public async Task SampleFile_EveryRowOneOutcome_AnswersLandOnTheirTickets()
    {
        var desk = await EntityDesk.CreateAsync();
        await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        var report = await desk.SurveyImporter().ImportAsync(Samples.Path("满意度调查.csv"));

        Assert.Equal(("surveys", 1), (report.Entity, report.HeaderLine));
        Assert.Equal(
            [
                (2, ImportOutcome.Inserted, null), (3, ImportOutcome.Inserted, null), (4, ImportOutcome.Rejected, "评价时间"),
                (5, ImportOutcome.Rejected, "问题编号"), (6, ImportOutcome.Rejected, "客户编号"), (7, ImportOutcome.Rejected, "满意度"),
                (8, ImportOutcome.Rejected, "推荐意愿"), (9, ImportOutcome.Inserted, null),
            ],
            report.Rows.Select(r => (r.Line, r.Outcome, r.Column)));
        EntityDesk.AssertAddsUp(report);
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Contains("no stored ticket is 'WT209901999'", rejected[5].Reason, StringComparison.Ordinal);
        Assert.Contains("WT202403003 belongs to customer KH001", rejected[6].Reason, StringComparison.Ordinal);
        Assert.Contains("'11' is not a whole number from 0 to 10", rejected[8].Reason, StringComparison.Ordinal);

        var first = await desk.Tickets.FindAsync(new TicketId("WT202403001"));
        Assert.Equal(2, first!.Surveys.Count); // the ticket table's 客户满意度 and the survey
        var survey = first.Survey!;
        Assert.Equal((5, 9, "响应及时，方案有效"), (survey.Csat.Value, survey.Nps!.Value.Value, survey.Comment));
        Assert.Equal(Instant.FromUtc(2024, 3, 16, 2, 0), survey.AnsweredAt);
        Assert.Equal(3, survey.DimensionScores[SatisfactionDimension.Price]);
        Assert.Equal(4, survey.DimensionScores[SatisfactionDimension.SolutionQuality]);
        Ticket.Restore(first);
        var third = await desk.Tickets.FindAsync(new TicketId("WT202403003"));
        Assert.Equal("=HYPERLINK(\"http://evil\")", third!.Survey!.Comment); // kept as text; an export neutralises it
    }

    [Fact]
    public async Task ImportTwice_SecondRunChangesNothing()
    {
        var desk = await EntityDesk.CreateAsync();
        await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));
        await desk.SurveyImporter().ImportAsync(Samples.Path("满意度调查.csv"));
        var version = (await desk.Tickets.FindAsync(new TicketId("WT202403001")))!.Version;

        var again = await desk.SurveyImporter().ImportAsync(Samples.Path("满意度调查.csv"));

        Assert.Equal((3, 0, 0), (again.Totals.Unchanged, again.Totals.Inserted, again.Totals.Updated));
        Assert.Equal(version, (await desk.Tickets.FindAsync(new TicketId("WT202403001")))!.Version);
    }

    [Fact]
    public async Task TwoAnswersForOneTicketInOneBatch_BothKept()
    {
        var desk = await EntityDesk.CreateAsync();
        await EntityDesk.FromText(desk.TicketImporter().ImportAsync, "问题编号,客户编号,问题描述,提出时间,负责人,状态,解决时间\nT1,KH001,慢,2024-03-01,周工,已解决,2024-03-02\n");

        var report = await EntityDesk.FromText(desk.SurveyImporter().ImportAsync, "问题编号,评价时间,满意度\nT1,2024-03-03,2\nT1,2024-03-05 09:00,4\n");

        Assert.Equal(2, report.Totals.Inserted);
        var ticket = await desk.Tickets.FindAsync(new TicketId("T1"));
        Assert.Equal([2, 4], ticket!.Surveys.Select(s => s.Csat.Value));
    }
}
