using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Articles;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Knowledge;
using CrmCore.Localization;

namespace CrmCore.Import.Tests;

/// <summary>
/// Without ICU (.NET's invariant globalization mode, as in Alpine images) an import asked for in
/// <see cref="TextCultures.SimplifiedChinese"/> still reports in Chinese (its row reasons, outcomes and report text come from the import's
/// zh-Hans satellite assembly) and reads a Chinese value by its zh-Hans display name (零售业 is the industry Retail), and so does an
/// article import (which made the zh-Hans culture by name, and so failed to start, with predefined cultures only), both where the host may make cultures by name (the README's setting) and with .NET's defaults
/// (predefined cultures only). Each case runs this test assembly as a child process (<see cref="ChildProcess"/>).
/// </summary>
public sealed class InvariantChineseReportTests
{
    [Theory]
    [InlineData("0")] // the README's host setting: cultures made by name allowed
    [InlineData("1")] // .NET's default in invariant mode: predefined cultures only
    public void ImportReport_WithoutIcu_IsChinese(string predefinedOnly)
    {
        var (exit, output, error) = ChildProcess.Run("zh-report",
            new() { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY"] = predefinedOnly });

        Assert.True(exit == 0, error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("outcome: 拒绝", lines[0]);
        Assert.Equal("reason: 客户名称为必填项", lines[1]);
        Assert.Equal("report: 导入客户：c.csv", lines[2]);
        Assert.Equal("industry: Inserted Retail", lines[3]);
        Assert.Equal("article reason: “installation”不是工单类型：请用 Consultation/咨询, Complaint/投诉, Suggestion/建议, Fault/故障, PreSales/售前咨询", lines[4]);
        Assert.Equal(5, lines.Length);
    }

    /// <summary>The child process of <see cref="ImportReport_WithoutIcu_IsChinese"/>: imports a customer row without a name in
    /// <see cref="TextCultures.SimplifiedChinese"/> and prints its outcome, its reason and the report's first line, then the outcome and
    /// industry of a row whose industry is 零售业, then the reason an
    /// article row with an unknown ticket type is refused.</summary>
    internal static async Task<int> PrintReportAsync(TextWriter output)
    {
        using var table = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,联系方式\nKH1,,13800000000\n"));
        var options = new CustomerImportOptions { Culture = TextCultures.SimplifiedChinese };
        var report = await Samples.Importer(new InMemoryCustomerRepository(), options).ImportAsync(table, "c.csv");
        var row = Assert.Single(report.Rows);
        await output.WriteLineAsync("outcome: " + ImportReportWriter.Outcome(row.Outcome, TextCultures.SimplifiedChinese));
        await output.WriteLineAsync("reason: " + row.Reason);
        await output.WriteLineAsync("report: " + ImportReportWriter.ToText(report, TextCultures.SimplifiedChinese).Split('\n')[0]);
        var store = new InMemoryCustomerRepository();
        using var retail = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,所属行业,联系方式\nKH2,某某商贸有限公司,零售业,13800000001\n"));
        var retailReport = await Samples.Importer(store, options).ImportAsync(retail, "r.csv");
        await output.WriteLineAsync($"industry: {Assert.Single(retailReport.Rows).Outcome} {(await store.FindAsync(new CustomerId("KH2")))?.Industry.Code}");
        using var articles = new MemoryStream(Encoding.UTF8.GetBytes("文章编号,标题,正文,标签,工单类型\nKB-1,上门安装流程,预约工程师上门安装。,安装,installation;故障\n"));
        var articleReport = await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = TextCultures.SimplifiedChinese })
            .ImportAsync(articles, "articles.csv");
        await output.WriteLineAsync("article reason: " + Assert.Single(articleReport.Rows).Reason);
        return 0;
    }
}
