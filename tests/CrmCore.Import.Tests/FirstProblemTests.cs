using System.Text;
using CrmCore.Desk;
using CrmCore.Imports;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>A rejected row names its first bad cell (column, header, code), the missing company name included in its column's place.</summary>
public class FirstProblemTests
{
    [Theory]
    [InlineData("客户编号,客户名称,联系方式\nKH1,,电话坏了\n", "客户名称", 2, "Required")]
    [InlineData("客户名称,客户编号,联系方式\n,KH1,电话坏了\n", "客户名称", 1, "Required")]
    [InlineData("客户编号,联系方式,客户名称\nKH1,电话坏了,\n", "联系方式", 2, "Phone")]
    [InlineData("客户编号,联系方式,邮箱\nKH1,电话坏了,not-an-email\n", "联系方式", 2, "Phone")]
    public async Task RejectedRow_NamesItsFirstBadCell(string csv, string header, int column, string code)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var report = await Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(stream, "first.csv");

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportOutcome.Rejected, row.Outcome);
        Assert.Equal((header, column, code), (row.Column, row.ColumnNumber, row.ReasonCode));
    }

    [Fact]
    public async Task RejectedRow_ListsEveryProblem_InColumnOrder()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,联系方式,客户名称,邮箱\nKH1,电话坏了,,not-an-email\n"));

        var report = await Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(stream, "first.csv");

        var reason = Assert.Single(report.Rows).Reason!;
        var positions = new[] { "电话坏了", "客户名称", "not-an-email" }.Select(part => reason.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p >= 0, reason));
        Assert.Equal(positions.Order(), positions);
    }
}
