using System.Globalization;
using System.Text;
using CrmCore.Assets;
using CrmCore.Desk;
using CrmCore.Import.Articles;
using CrmCore.Import.Assets;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;
using CrmCore.Knowledge;

namespace CrmCore.Import.Tests;

/// <summary>
/// A totals row is skipped in every table, its label written with spaces between its characters (ordinary or ideographic, as people
/// align 合计 under a wider column) or followed by punctuation; a name that only starts with such a word is a row like any other.
/// </summary>
public class TotalsRowTests
{
    public static TheoryData<string> Labels() => ["合计", "合 计", "合　计", "　合  计　", "合计：", "总 计:", "小计(2)", "小　计（万元）", "Total", "T O T A L", "ＴＯＴＡＬ", "totals", "Sum", "SUM:"];

    [Theory]
    [MemberData(nameof(Labels))]
    public void IsLabel_TotalsWordsWithSpacesOrPunctuation_AreLabels(string cell) => Assert.True(TotalsRow.IsLabel(cell), cell);

    [Theory]
    [InlineData("合计通科技")]
    [InlineData("Totalsoft")]
    [InlineData("Summit Ltd")]
    [InlineData("小计划")]
    [InlineData("KH0201")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void IsLabel_NamesThatOnlyStartLikeALabel_AreNot(string? cell) => Assert.False(TotalsRow.IsLabel(cell), cell);

    [Fact]
    public void Is_LooksAtTheFirstFilledCell() =>
        Assert.Equal([true, false], new[] { new string?[] { null, " ", "合 计", "100" }, ["1", "合计"] }.Select(TotalsRow.Is));

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Customers_TotalsRow_IsSkippedNotRejected(string label)
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(Text($"序号,客户编号,客户名称,年合作金额\n1,KH0201,甲,100\n{label},,,100\n"), "tot2.csv");

        AssertTotalsSkipped(report, line: 3);
        Assert.Single(await Samples.AllAsync(store));
    }

    [Theory]
    [MemberData(nameof(Labels))]
    public async Task Tickets_TotalsRow_IsSkippedNotRejected(string label)
    {
        var desk = await EntityDesk.CreateAsync();
        var report = await EntityDesk.FromText(
            desk.TicketImporter().ImportAsync,
            $"问题编号,客户编号,问题描述,提出时间,紧急程度,负责人,状态\nWT1,KH001,x,2026-03-01,一般,赵六,待处理\n{label},1,,,,,\n");

        AssertTotalsSkipped(report, line: 3);
    }

    [Fact]
    public async Task PlansSurveysAssetsAndArticles_SpacedTotalsRow_IsSkipped()
    {
        var desk = await EntityDesk.CreateAsync();
        AssertTotalsSkipped(await EntityDesk.FromText(desk.PlanImporter().ImportAsync, "计划编号,客户编号,沟通方式,计划执行时间,完成状态\n合　计,2,,,\n"), line: 2);
        AssertTotalsSkipped(await EntityDesk.FromText(desk.SurveyImporter().ImportAsync, "问题编号,评价时间,满意度\n合 计,,4\n"), line: 2);
        AssertTotalsSkipped(
            await new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(Text("资产编号,资产名称,客户编号\n小 计,,\n"), "assets.csv"),
            line: 2);
        AssertTotalsSkipped(
            await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(Text("文章编号,标题,正文\n总　计,,\n"), "articles.csv"),
            line: 2);
    }

    private static void AssertTotalsSkipped(ImportReport report, int line)
    {
        var row = report.Rows.Single(r => r.Line == line);
        Assert.Equal((ImportOutcome.Skipped, "Totals"), (row.Outcome, row.ReasonCode));
        Assert.Equal(0, report.Totals.Rejected);
    }

    private static MemoryStream Text(string csv) => new(Encoding.UTF8.GetBytes(csv));
}
