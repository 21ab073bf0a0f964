using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A 年合作金额（万元） header multiplies plain numbers by 10,000; a cell that states its own unit (元, RMB, ¥, 万, 亿) keeps its value,
/// with a note that the header's unit was not applied (wave 17, QA item 2: 1,250,000元 was stored as 12,500,000,000).
/// </summary>
public class WanHeaderUnitTests
{
    private const string Table = "客户编号,客户名称,联系方式,年合作金额（万元）\n"
        + "W1,万元甲,13800000091,50万\n"
        + "W2,万元乙,13800000092,1.2亿\n"
        + "W3,万元丙,13800000093,\"1,250,000元\"\n"
        + "W4,万元丁,13800000094,8000 RMB\n"
        + "W5,万元戊,13800000095,12.5\n"
        + "W6,万元己,13800000096,\"1,200\"\n"
        + "W7,万元庚,13800000097,¥3000\n";

    [Fact]
    public async Task WanHeader_CellsThatStateTheirUnit_KeepTheirValue_PlainNumbersAreMultiplied()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Import(store, CultureInfo.InvariantCulture);

        var amounts = (await Samples.AllAsync(store)).ToDictionary(c => c.Id.Value, c => c.AnnualAmount.Amount);
        Assert.Equal(500_000m, amounts["W1"]);
        Assert.Equal(120_000_000m, amounts["W2"]);
        Assert.Equal(1_250_000m, amounts["W3"]);
        Assert.Equal(8_000m, amounts["W4"]);
        Assert.Equal(125_000m, amounts["W5"]);
        Assert.Equal(12_000_000m, amounts["W6"]);
        Assert.Equal(3_000m, amounts["W7"]);

        // Each cell that stated its unit says the header's unit was not applied; a plain number gets no such note.
        foreach (var line in new[] { 2, 3, 4, 5, 8 })
        {
            var note = Assert.Single(Row(report, line).Notes ?? [], n => n.Code == "HeaderUnitNotApplied");
            Assert.Equal("年合作金额（万元）", note.Column);
            Assert.Equal(4, note.ColumnNumber);
        }

        Assert.Contains("'1,250,000元' states its own unit: kept as 1,250,000 yuan", Row(report, 4).Notes!.Single(n => n.Code == "HeaderUnitNotApplied").Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Row(report, 6).Notes ?? [], n => n.Code == "HeaderUnitNotApplied");
        Assert.DoesNotContain(Row(report, 7).Notes ?? [], n => n.Code == "HeaderUnitNotApplied");
    }

    [Fact]
    public async Task WanHeader_NoteInChinese()
    {
        var report = await Import(new InMemoryCustomerRepository(), CultureInfo.GetCultureInfo("zh-Hans"));

        var note = Row(report, 5).Notes!.Single(n => n.Code == "HeaderUnitNotApplied");
        Assert.Equal("“8000 RMB”已写明单位：按 8,000 元保存，未按表头的“万元”乘以 10,000", note.Text);
    }

    [Fact]
    public async Task YuanHeader_AmountsWithUnits_GetNoNote()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("客户名称,年合作金额\n甲,50万\n乙,8000 RMB\n")), "customers.csv");

        Assert.All(report.Rows, r => Assert.DoesNotContain(r.Notes ?? [], n => n.Code == "HeaderUnitNotApplied"));
        Assert.Equal([8_000m, 500_000m], (await Samples.AllAsync(store)).Select(c => c.AnnualAmount.Amount).Order());
    }

    /// <summary>A number that fits a decimal but not once multiplied by 10,000 was an <see cref="OverflowException"/> that ended the whole
    /// import; it is the row's bad amount, at its line and column, and the rows around it are imported.</summary>
    [Fact]
    public async Task WanHeader_NumberTooLargeOnceMultiplied_IsTheRowsBadAmount()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("客户名称,年合作金额（万元）\n甲,12\n乙,99999999999999999999999999999\n丙,3\n")), "wan.csv");

        var bad = Row(report, 3);
        Assert.Equal(ImportOutcome.Rejected, bad.Outcome);
        Assert.Equal("年合作金额（万元）", bad.Column);
        Assert.Equal(2, bad.ColumnNumber);
        Assert.Contains("99999999999999999999999999999", bad.Reason, StringComparison.Ordinal);
        Assert.Equal([30_000m, 120_000m], (await Samples.AllAsync(store)).Select(c => c.AnnualAmount.Amount).Order());
    }

    private static ImportRowResult Row(ImportReport report, int line) => report.Rows.Single(r => r.Line == line);

    private static Task<ImportReport> Import(InMemoryCustomerRepository store, CultureInfo culture) =>
        Samples.Importer(store, new CustomerImportOptions { Culture = culture })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(Table)), "wan.csv");
}
