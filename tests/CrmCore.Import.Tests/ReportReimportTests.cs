using System.Globalization;
using System.Text;
using CrmCore.Assets;
using CrmCore.Desk;
using CrmCore.Import.Articles;
using CrmCore.Import.Assets;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Knowledge;
using MiniExcelLibs;

namespace CrmCore.Import.Tests;

/// <summary>
/// The .xlsx report imports again as it is, in every shape it was ever written: the two-column report of before the reason-code
/// column (line and problem only), and a report holding codes that were renamed since (<c>DuplicateId</c>,
/// <c>UnknownTypeWithHostTypes</c>): the importers ignore those columns, whatever they hold.
/// </summary>
public class ReportReimportTests
{
    [Theory]
    [InlineData("")]
    [InlineData("zh-Hans")]
    public async Task OldTwoColumnReport_WithoutTheCodeColumn_ImportsAgainAsTheThreeColumnReportDoes(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var report = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        using var current = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, current, culture);
        var codeHeader = language.Length == 0 ? "Reason code" : "原因代码";
        var rows = Rows(current);
        Assert.Equal(codeHeader, rows[0].Keys.ElementAt(2));
        using var old = Save(rows.Select(r => Without(r, codeHeader)));
        Assert.Equal(2, Rows(old)[0].Keys.TakeWhile(k => k != report.Headers[0]).Count()); // line and problem, then the file's columns

        var fromOld = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(Rewound(old), "old.xlsx");
        var fromCurrent = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(Rewound(current), "current.xlsx");

        Assert.Equal(rows.Count, fromOld.Totals.RowsRead);
        Assert.Equal(["备注"], fromOld.UnmappedColumns);
        Assert.Equal(fromCurrent.Totals, fromOld.Totals);
        Assert.Equal(fromCurrent.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.ReasonCode)), fromOld.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId, r.ReasonCode)));

        // Nobody fixed the cells, so each row is rejected again for its own problem in its own column: the cells were read under their
        // headers, not shifted by the missing column.
        Assert.Equal(
            report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).Select(r => (r.Column, r.ReasonCode, r.Reason)),
            fromOld.Rows.Select(r => (r.Column, r.ReasonCode, r.Reason)));
    }

    [Fact]
    public async Task AssetReport_HoldingTheOldCodeDuplicateId_ImportsAgain_TheCodeColumnIgnored()
    {
        const string Csv = "资产编号,资产名称,序列号,型号,客户编号,保管人,安装日期,保修截止,上级资产\nA,甲,S-A,M,C1,,2025-01-01,,\nA,乙,S-B,M,C1,,2025-01-01,,\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        var report = await new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(stream, "assets.csv");
        using var written = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, written, CultureInfo.InvariantCulture);
        var rows = Rows(written);
        Assert.Equal(["DuplicateKey"], rows.Select(r => r["Reason code"]));
        using var old = Save(rows.Select(r => With(r, "Reason code", "DuplicateId")));

        // Into a store without asset A: the row, fixed by nobody, now imports.
        var again = await new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(Rewound(old), "problems.xlsx");

        var row = Assert.Single(again.Rows);
        Assert.Equal((ImportOutcome.Inserted, "A"), (row.Outcome, row.AssetId));
        Assert.Empty(again.UnmappedColumns);
    }

    [Fact]
    public async Task ArticleReport_HoldingTheOldCodeUnknownTypeWithHostTypes_ImportsAgain_TheCodeColumnIgnored()
    {
        const string Csv = "文章编号,标题,正文,标签,工单类型,状态\nKB-1,发票申请,在订单详情页申请。,,Bug,\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        var report = await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(stream, "articles.csv");
        using var written = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, written, CultureInfo.InvariantCulture);

        // The analyst fixes the type; the report still holds the code of before the rename.
        var rows = Rows(written).Select(r => With(With(r, "Reason code", "UnknownTypeWithHostTypes"), "工单类型", "故障")).ToList();
        using var old = Save(rows);
        var again = await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(Rewound(old), "problems.xlsx");

        Assert.Equal(ImportOutcome.Inserted, Assert.Single(again.Rows).Outcome);
        Assert.Empty(again.UnmappedColumns);
    }

    private static List<IDictionary<string, object?>> Rows(MemoryStream xlsx)
    {
        xlsx.Position = 0;
        return [.. xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => (IDictionary<string, object?>)new Dictionary<string, object?>(r))];
    }

    private static MemoryStream Save(IEnumerable<IDictionary<string, object?>> rows)
    {
        var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), printHeader: true, excelType: ExcelType.XLSX);
        return stream;
    }

    private static MemoryStream Rewound(MemoryStream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static IDictionary<string, object?> Without(IDictionary<string, object?> row, string column) =>
        row.Where(c => c.Key != column).ToDictionary(c => c.Key, c => c.Value);

    private static IDictionary<string, object?> With(IDictionary<string, object?> row, string column, string value)
    {
        Assert.True(row.ContainsKey(column), $"no column {column}: {string.Join(", ", row.Keys)}");
        return row.ToDictionary(c => c.Key, c => c.Key == column ? value : c.Value);
    }
}
