using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>A header row with one known column is a header when that column is the key a customer needs, 客户名称 or 客户编号 (QA wave
/// 15 round 2, item 9: a one-column list of company names was refused as having no header); a title line above it is still skipped,
/// and one known column that is not a key is still no header.</summary>
public sealed class CustomerKeyOnlyHeaderTests
{
    [Theory]
    [InlineData("客户名称\n甲公司\n乙公司\n", 1)]
    [InlineData("\uFEFF客户名称\r\n甲公司\r\n乙公司\r\n", 1)]
    [InlineData("客户名单（2024年3月）\n客户名称\n甲公司\n乙公司\n", 2)]
    [InlineData("Name\n甲公司\n乙公司\n", 1)]
    public async Task OneColumnListOfNames_IsImported_TitleLineSkipped(string csv, int headerLine)
    {
        var store = new InMemoryCustomerRepository();

        var report = await ImportAsync(store, csv, "zh-Hans");

        Assert.Equal(headerLine, report.HeaderLine);
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Inserted], report.Rows.Select(r => r.Outcome));
        var names = new List<string>();
        await foreach (var customer in store.ListAsync(CancellationToken.None))
        {
            names.Add(customer.Name);
        }

        Assert.Equal(["乙公司", "甲公司"], names.Order(StringComparer.Ordinal));
    }

    // A header repeated below (a second sheet pasted under the first) is skipped as in a file of more columns: its one cell, not two,
    // is the header's; before, it became a customer named 客户名称.
    [Fact]
    public async Task OneColumnListOfNames_HeaderRepeatedBelow_IsSkipped()
    {
        var store = new InMemoryCustomerRepository();

        var report = await ImportAsync(store, "客户名称\n甲公司\n客户名称\n乙公司\n", "zh-Hans");

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Skipped, ImportOutcome.Inserted], report.Rows.Select(r => r.Outcome));
        Assert.Equal(2, report.Totals.Inserted);
    }

    [Fact]
    public async Task OneColumnListOfIds_IsAHeader()
    {
        var report = await ImportAsync(new InMemoryCustomerRepository(), "客户编号\nKH001\n", "zh-Hans");

        Assert.Equal(1, report.HeaderLine);
        Assert.Equal(["客户编号"], report.Headers);
    }

    [Fact]
    public async Task OneKnownColumnThatIsNotAKey_IsStillNoHeader()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("所属行业\n零售业\n"));
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo("zh-Hans"), MaxTitleRows = 3 });

        var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(stream, "customers.csv"));

        Assert.StartsWith("没有找到表头", error.Reason, StringComparison.Ordinal);
    }

    private static async Task<ImportReport> ImportAsync(InMemoryCustomerRepository store, string csv, string language)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) }).ImportAsync(stream, "customers.csv");
    }
}
