using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;

namespace CrmCore.Import.Tests;

/// <summary>Every Simplified Chinese culture name (plain zh too, which .NET's own fallback sends past zh-Hans to English) reads the
/// import's zh-Hans texts; Traditional Chinese and other cultures read English.</summary>
public class ImportCultureNameTests
{
    [Theory]
    [InlineData("zh", true)]
    [InlineData("zh-CN", true)]
    [InlineData("zh-SG", true)]
    [InlineData("zh-Hans", true)]
    [InlineData("zh-TW", false)]
    [InlineData("en-US", false)]
    [InlineData("fr-FR", false)]
    public async Task RowReasonsAndFileErrors_ReadTheCulturesTexts(string name, bool chinese)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        using var table = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,联系方式\nKH1,,13800000000\n"));
        var report = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(table, "c.csv");
        using var json = new MemoryStream(Encoding.UTF8.GetBytes("{\"客户编号\": \"KH1\"}"));
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(json, "c.json"));

        var reason = Assert.Single(report.Rows).Reason!;
        Assert.Equal(chinese, reason.Any(c => c is >= '\u4E00' and <= '\u9FFF' && !"客户名称".Contains(c, StringComparison.Ordinal)));
        Assert.Equal(chinese, error.Reason.StartsWith("不是", StringComparison.Ordinal));
    }
}
