using System.Globalization;
using System.Text;
using CrmCore.Import.Articles;
using CrmCore.Import.Export;
using CrmCore.Import.Reports;
using CrmCore.Knowledge;
using CrmCore.Tickets;

namespace CrmCore.Import.Tests.Articles;

/// <summary>The article export reads back through the article import, and host-defined ticket types may be named in an import.</summary>
public sealed class ArticleExportTests
{
    private static readonly TicketType Installation = new("Installation");

    public static TheoryData<ExportLanguage> Languages => [ExportLanguage.Chinese, ExportLanguage.English];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Export_ThenImport_GivesTheSameArticles(ExportLanguage language)
    {
        var source = new InMemoryKnowledgeRepository();
        await new ArticleImporter(source).ImportAsync(Samples.Path("articles.csv"));
        await source.SaveAsync(new KnowledgeArticle(new ArticleId("KB-900"), "上门安装流程", "- 预约工程师\n- 现场安装\n=确认签字")
        {
            Tags = ["安装", "onsite visit"],
            TicketTypes = [Installation, TicketType.Fault],
            Status = ArticleStatus.Retired,
        }, 0);
        await source.SaveAsync(new KnowledgeArticle(new ArticleId("KB-901"), "No tags", "Plain body."), 0);
        var original = await source.ListAsync().ToListAsync();

        var copy = new InMemoryKnowledgeRepository();
        var options = new ArticleImportOptions { Culture = CultureInfo.InvariantCulture };
        options.TicketTypes.Add(Installation);
        var report = await new ArticleImporter(copy, options).ImportAsync(ExportFiles.Write(s => ArticleExporter.WriteXlsx(original, s, language)), "articles.xlsx");

        Assert.Equal((original.Count, 0), (report.Totals.Inserted, report.Totals.Rejected));
        Assert.Equal(original.Select(Comparable), (await copy.ListAsync().ToListAsync()).Select(Comparable));
        var again = await new ArticleImporter(copy, options).ImportAsync(ExportFiles.Write(s => ArticleExporter.WriteXlsx(original, s, language)), "articles.xlsx");
        Assert.Equal(original.Count, again.Totals.Unchanged);
    }

    [Fact]
    public void Export_InChinese_ShowsChineseNames_AndNeutralisesFormulaLikeCells()
    {
        var article = new KnowledgeArticle(new ArticleId("KB-1"), "=HYPERLINK(\"x\")", "+1 步骤") { TicketTypes = [TicketType.Fault, Installation], Status = ArticleStatus.Draft };

        var cells = ExportFiles.Cells(ExportFiles.Write(s => ArticleExporter.WriteXlsx([article], s)));

        Assert.Equal(["文章编号", "标题", "正文", "标签", "工单类型", "状态"], cells.Take(6));
        Assert.Equal(["KB-1", "'=HYPERLINK(\"x\")", "'+1 步骤", string.Empty, "故障; Installation", "草稿"], cells.Skip(6));
    }

    [Fact]
    public void Export_ArticleThatCannotBeReadBack_FailsNamingIt_BeforeWritingAnything()
    {
        var separator = new KnowledgeArticle(new ArticleId("KB-2"), "标签含分隔符", "正文") { Tags = ["a,b"] };
        var huge = new KnowledgeArticle(new ArticleId("KB-3"), "很长", new string('长', ArticleExporter.MaxCellLength + 1));
        using var file = new MemoryStream();

        var tag = Assert.Throws<ArgumentException>(() => ArticleExporter.WriteXlsx([new KnowledgeArticle(new ArticleId("KB-1"), "好", "好"), separator], file));
        var body = Assert.Throws<ArgumentException>(() => ArticleExporter.WriteXlsx([huge], file));

        Assert.Contains("KB-2", tag.Message, StringComparison.Ordinal);
        Assert.Contains("'a,b'", tag.Message, StringComparison.Ordinal);
        Assert.Contains("KB-3", body.Message, StringComparison.Ordinal);
        Assert.Equal(0, file.Length);
    }

    [Theory]
    [InlineData("", "'installation' is not a ticket type: use Consultation/咨询", "Installation (the built-in types and the types the host configured)")]
    [InlineData("zh-Hans", "“installation”不是工单类型", "（内置类型及系统配置的自定义类型）")]
    public async Task Import_HostTicketType_AcceptedWhenConfigured_RejectedOtherwiseWithLineColumnAndReason(string culture, string reason, string listed)
    {
        const string table = "文章编号,标题,正文,标签,工单类型\nKB-1,上门安装流程,预约工程师上门安装。,安装,installation;故障\nKB-2,Training,Book a course.,training,Installation;Training\n";
        var configured = new ArticleImportOptions { Culture = CultureInfo.GetCultureInfo(culture) };
        configured.TicketTypes.Add(Installation);
        var store = new InMemoryKnowledgeRepository();

        var plain = await ImportAsync(new InMemoryKnowledgeRepository(), table, new ArticleImportOptions { Culture = CultureInfo.GetCultureInfo(culture) });
        var withHostType = await ImportAsync(store, table, configured);

        Assert.Equal([(2, ImportOutcome.Rejected, "工单类型", 5), (3, ImportOutcome.Rejected, "工单类型", 5)], plain.Rows.Select(r => (r.Line, r.Outcome, r.Column, r.ColumnNumber)));
        Assert.Contains(reason, plain.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], withHostType.Rows.Select(r => r.Outcome));
        Assert.Contains("Training", withHostType.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Contains(listed, withHostType.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal([Installation, TicketType.Fault], (await store.FindAsync(new ArticleId("KB-1")))!.TicketTypes.AsEnumerable());
        Assert.Throws<ArgumentException>(() => new ArticleImporter(store, new ArticleImportOptions { TicketTypes = { default } }));
    }

    private static async Task<ImportReport> ImportAsync(IKnowledgeRepository store, string text, ArticleImportOptions options)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await new ArticleImporter(store, options).ImportAsync(stream, "articles.csv");
    }

    private static string Comparable(KnowledgeArticle a) =>
        string.Join(" | ", a.Id, a.Title, a.Body, string.Join(";", a.Tags), string.Join(";", a.TicketTypes.Select(t => t.Code)), a.Status);
}
