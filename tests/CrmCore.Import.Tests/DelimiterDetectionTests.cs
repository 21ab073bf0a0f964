using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// The delimiter of a text table is told by its header line's tabs against its commas outside double quotes: a comma inside a
/// tab-separated header cell (<c>备注(内部,勿外传)</c>) or inside a quoted cell does not make a file comma-separated.
/// </summary>
public class DelimiterDetectionTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The reviewer's header: four tab-separated cells, the last with a comma in it.</summary>
    private const string TabHeaderWithComma = "客户名称\t联系人\t联系电话\t备注(内部,勿外传)";

    [Theory]
    [InlineData(TabHeaderWithComma + "\n", '\t')]
    [InlineData("客户名称\t联系人\t\"备注,内部,勿外传\"\n", '\t')]
    [InlineData("客户名称\t联系人\n", '\t')]
    [InlineData("客户名称,联系人,\"备注\t内部\"\n", ',')]
    [InlineData("客户名称,联系人,备注\tA\n", ',')]
    [InlineData("客户名称\t联系人,电话\n", ',')]
    [InlineData("客户名称,联系人\n", ',')]
    [InlineData("客户名单\n客户名称\t联系人\t备注(内部,勿外传)\n", '\t')]
    [InlineData("\"客户名单,2026\"\n客户名称\t联系人\t电话\n", '\t')]
    [InlineData("客户名称\n", ',')]
    public void DetectDelimiter_TabsAgainstCommasOutsideQuotes(string text, char expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text + "甲公司\t张三,x\n"));

        Assert.Equal(expected, TableReader.DetectDelimiter(stream, new UTF8Encoding(false)));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task Customers_TabSeparatedHeaderWithACommaInACell_IsReadWithTabs()
    {
        var text = TabHeaderWithComma + "\n甲公司\t张三\t13800000201\t老客户, 优先\n乙公司\t李四\t13800000202\tx\n";
        var store = new InMemoryCustomerRepository();

        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = English })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t.txt");

        Assert.Equal((2, 0), (report.Totals.Inserted, report.Totals.Rejected));
        var customers = (await Samples.AllAsync(store)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(["乙公司", "甲公司"], customers.Select(c => c.Name));
        Assert.Equal(["李四", "张三"], customers.Select(c => Assert.Single(c.Contacts).Name));
        Assert.Equal(["+8613800000202", "+8613800000201"], customers.Select(c => c.Contacts[0].Phone));
    }
}
