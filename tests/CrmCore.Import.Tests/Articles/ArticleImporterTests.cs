using System.Globalization;
using System.Text;
using CrmCore.Import.Articles;
using CrmCore.Import.Reports;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Articles;

public sealed class ArticleImporterTests
{
    private const string Header = "文章编号,标题,正文,标签,工单类型,状态\n";

    private static ArticleImporter Importer(IKnowledgeRepository store, bool dryRun = false, string culture = "") =>
        new(store, new ArticleImportOptions { Culture = CultureInfo.GetCultureInfo(culture), DryRun = dryRun });

    private static async Task<ImportReport> ImportAsync(IKnowledgeRepository store, string text, string name = "articles.csv", bool dryRun = false, string culture = "")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await Importer(store, dryRun, culture).ImportAsync(stream, name);
    }

    [Fact]
    public async Task SampleFile_EveryRowAcceptedOrRejected_WithLineColumnAndReason()
    {
        var store = new InMemoryKnowledgeRepository();

        var report = await Importer(store).ImportAsync(Samples.Path("articles.csv"));

        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(
            [
                (3, ImportOutcome.Inserted, null), (4, ImportOutcome.Inserted, null), (5, ImportOutcome.Inserted, null), (6, ImportOutcome.Inserted, null),
                (7, ImportOutcome.Inserted, null), (8, ImportOutcome.Inserted, null), (9, ImportOutcome.Skipped, null), (10, ImportOutcome.Rejected, "标题"),
                (11, ImportOutcome.Rejected, "工单类型"), (12, ImportOutcome.Rejected, "状态"), (13, ImportOutcome.Rejected, "文章编号"), (14, ImportOutcome.Skipped, null),
                (15, ImportOutcome.Rejected, "文章编号"),
            ],
            report.Rows.Select(r => (r.Line, r.Outcome, r.Column)));
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Equal([2, 5, 6, 1, 1], rejected.Values.Select(r => r.ColumnNumber));
        Assert.Contains("标题 is required", rejected[10].Reason, StringComparison.Ordinal);
        Assert.Contains("'Bug' is not a ticket type", rejected[11].Reason, StringComparison.Ordinal);
        Assert.Contains("Fault/故障", rejected[11].Reason, StringComparison.Ordinal);
        Assert.Contains("'已删除' is not an article status", rejected[12].Reason, StringComparison.Ordinal);
        Assert.Contains("article KB-101 is already on line 3", rejected[13].Reason, StringComparison.Ordinal);
        Assert.Equal((6, 5, 2), (report.Totals.Inserted, report.Totals.Rejected, report.Totals.Skipped));

        var stored = await store.ListAsync().ToListAsync();
        Assert.Equal(["KB-101", "KB-102", "KB-103", "KB-104", "KB-105", "KB-106"], stored.Select(a => a.Id.Value));
        var locked = stored[2];
        Assert.Equal(("账号被锁定后如何解锁", ArticleStatus.Published, 1L), (locked.Title, locked.Status, locked.Version));
        Assert.Equal(["登录", "账号", "密码"], locked.Tags.AsEnumerable());
        Assert.Equal([TicketType.Fault, TicketType.Consultation], locked.TicketTypes.AsEnumerable());
        Assert.Equal(["printer", "paper jam"], stored[1].Tags.AsEnumerable());
        Assert.Contains("\"Forgot password\"", stored[3].Body, StringComparison.Ordinal);
        Assert.Equal(ArticleStatus.Draft, stored[5].Status);
        Assert.Equal([TicketType.PreSales, TicketType.Fault], stored[5].TicketTypes.AsEnumerable());
    }

    [Fact]
    public async Task ImportAgain_SameRowsUnchanged_ChangedRowUpdatedToTheNextVersion()
    {
        var store = new InMemoryKnowledgeRepository();
        const string first = Header + "KB-1,发票申请,在订单页申请开票。,发票,咨询,\nKB-2,Refunds,Refunds take 7 days.,refund,Complaint,\n";
        await ImportAsync(store, first);

        var same = await ImportAsync(store, first);
        var changed = await ImportAsync(store, Header + "KB-1,发票申请,在订单详情页申请电子发票。,发票,咨询,\nKB-2,Refunds,Refunds take 7 days.,refund,Complaint,已停用\n");

        Assert.Equal([ImportOutcome.Unchanged, ImportOutcome.Unchanged], same.Rows.Select(r => r.Outcome));
        Assert.Equal([ImportOutcome.Updated, ImportOutcome.Updated], changed.Rows.Select(r => r.Outcome));
        var invoice = (await store.FindAsync(new ArticleId("KB-1")))!;
        Assert.Equal((2L, "在订单详情页申请电子发票。"), (invoice.Version, invoice.Body));
        Assert.Equal((2L, ArticleStatus.Retired), ((await store.FindAsync(new ArticleId("KB-2")))!.Version, (await store.FindAsync(new ArticleId("KB-2")))!.Status));
    }

    [Fact]
    public async Task DryRun_ReportsWithoutWriting_AndReasonsSpeakChinese()
    {
        var store = new InMemoryKnowledgeRepository();

        var report = await ImportAsync(store, Header + "KB-1,发票申请,正文,,咨询,\nKB-2,退款,正文,,退货,\n", dryRun: true, culture: "zh-Hans");

        Assert.True(report.DryRun);
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Contains("“退货”不是工单类型", report.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Empty(await store.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task JsonLines_WithEnglishHeaders_AreImported()
    {
        var store = new InMemoryKnowledgeRepository();
        const string lines = """
            {"ArticleId": "KB-7", "Title": "PLC communication lost", "Body": "Check the Profinet cable and the IP address.", "Tags": "plc; network", "TicketTypes": "Fault"}
            {"ArticleId": "KB-8", "Title": "", "Body": "no title", "Tags": "", "TicketTypes": "Fault"}
            """;

        var report = await ImportAsync(store, lines, "articles.jsonl");

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal("Title", report.Rows[1].Column);
        var plc = (await store.FindAsync(new ArticleId("KB-7")))!;
        Assert.Equal(["plc", "network"], plc.Tags.AsEnumerable());
    }

    [Fact]
    public async Task NoHeaderRow_FailsNamingTheFile()
    {
        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(new InMemoryKnowledgeRepository(), "a,b,c\n1,2,3\n", "bad.csv"));

        Assert.Contains("bad.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("no header row", error.Message, StringComparison.Ordinal);
    }
}
