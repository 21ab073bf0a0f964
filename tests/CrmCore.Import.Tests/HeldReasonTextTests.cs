using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>A held row's line says "held for review" once (wave 17 review: <c>line 3: held for review: held for review: same phone number
/// as …</c>): the outcome is the label, the reason only why.</summary>
public sealed class HeldReasonTextTests
{
    [Theory]
    [InlineData("en", "t.csv:3: held for review: same phone number as ", "held for review")]
    [InlineData("zh-Hans", "t.csv:3: 待复核: 与 ", "复核")]
    public async Task AHeldRow_SaysHeldOnce(string language, string line, string label)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("客户名称,联系方式\n甲公司,13800000001\n乙公司,13800000001\n"));
        var report = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { MergePolicy = MergePolicy.HoldForReview, Culture = culture })
            .ImportAsync(csv, "t.csv");

        var held = Assert.Single(report.Rows, r => r.Outcome == ImportOutcome.Held);
        var text = ImportReportWriter.ToText(report, culture);
        var heldLine = Assert.Single(text.Split('\n'), l => l.StartsWith("t.csv:3:", StringComparison.Ordinal));

        Assert.Equal("Held", held.ReasonCode);
        Assert.StartsWith(line, heldLine, StringComparison.Ordinal);
        Assert.Equal(1, heldLine.Split(label).Length - 1);
    }
}
