using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Tables;
using CrmCore.Import.Tests.Entities;
using CrmCore.Import.Tickets;

namespace CrmCore.Import.Tests;

/// <summary>
/// The "no header" errors state the rule the file was held to: a customer table takes a header of two known columns or of its name or
/// id column alone (客户名称, 客户编号), every other table two known columns. The message said "two known columns" for both, though a
/// one-column customer header (客户名称) is a header.
/// </summary>
public sealed class NoHeaderRuleMessageTests
{
    [Theory]
    [InlineData("en", "a header row names at least two known columns (问题编号", "no row names two known columns (问题编号")]
    [InlineData("zh-Hans", "表头行至少包含两个已知列（问题编号", "没有一行包含两个已知列（问题编号")]
    public async Task Tickets_OneKnownColumn_IsNoHeader_AndTheMessageAsksForTwo(string language, string within, string anywhere)
    {
        var culture = CultureInfo.GetCultureInfo(language);

        var first = await TicketErrorAsync("问题编号\nT1\nT2\nT3\n", culture, maxTitleRows: 2);
        var none = await TicketErrorAsync("问题编号\nT1\n", culture, maxTitleRows: 5);

        Assert.Equal(3, first.Line);
        Assert.Contains(within, first.Reason, StringComparison.Ordinal);
        Assert.Contains(anywhere, none.Reason, StringComparison.Ordinal);
        foreach (var reason in new[] { first.Reason, none.Reason })
        {
            Assert.DoesNotContain("customer's name", reason, StringComparison.Ordinal);
            Assert.DoesNotContain("客户名称或客户编号", reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "at least two known columns, or only the customer's name or id column")]
    [InlineData("zh-Hans", "至少包含两个已知列，或只含客户名称或客户编号一列")]
    public async Task Customers_TheMessageNamesTheOneColumnKey_TheRuleTheImportKeeps(string language, string rule)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var options = new CustomerImportOptions { Culture = culture, MaxTitleRows = 2 };

        // One known column that is not the key (联系电话) is no header; the name alone is one.
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Samples.Importer(new InMemoryCustomerRepository(), options).ImportAsync(Stream("联系电话\n13812345678\n13912345678\n13712345678\n"), "c.csv"));
        var names = await Samples.Importer(new InMemoryCustomerRepository(), options).ImportAsync(Stream("客户名称\n甲公司\n"), "c.csv");

        Assert.Contains(rule, error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, names.Totals.Inserted);
    }

    private static async Task<ImportFileException> TicketErrorAsync(string csv, CultureInfo culture, int maxTitleRows)
    {
        var desk = await EntityDesk.CreateAsync();
        var importer = desk.TicketImporter(new TableImportOptions<TicketField> { Culture = culture, MaxTitleRows = maxTitleRows });
        return await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(Stream(csv), "t.csv"));
    }

    private static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));
}
