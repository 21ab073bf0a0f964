using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

public class JsonReaderTests
{
    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(string text, string name)
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return (await Samples.Importer(store).ImportAsync(stream, name), store);
    }

    private static async Task<ImportFileException> FailAsync(string text, string name)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await Assert.ThrowsAsync<ImportFileException>(() => Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(stream, name));
    }

    [Fact]
    public async Task JsonArray_ChineseNames_NamesMissingInEarlierRows_ImportedWithTheLineEachObjectStartsOn()
    {
        var json = """
            [
              {"客户编号": "KH1", "客户名称": "甲公司", "年合作金额": 120000, "联系方式": null},
              {"客户编号": "KH2",
               "客户名称": "乙公司", "邮箱": "li@yi.cn", "地区": "华东"},
              {"客户编号": "KH3", "客户名称": "丙公司", "联系方式": "bad"}
            ]
            """;
        var (report, store) = await ImportAsync(json, "customers.json");

        Assert.Equal(("json", "utf-8"), (report.Format, report.Encoding));
        Assert.Equal([2, 3, 5], report.Rows.Select(r => r.Line));
        Assert.Equal((2, 1, 3), (report.Totals.Inserted, report.Totals.Rejected, report.Totals.RowsRead));
        Assert.Equal(["地区"], report.UnmappedColumns);
        Assert.Equal(120_000m, (await store.FindAsync(new CustomerId("KH1")))!.AnnualAmount.Amount);
        Assert.Equal("li@yi.cn", (await store.FindAsync(new CustomerId("KH2")))!.Contacts.Single().Email);
        Assert.Equal("联系方式", report.Rows[2].Column);
    }

    [Fact]
    public async Task JsonLines_BlankLinesAndBom_OneRowPerObject()
    {
        var jsonl = "\uFEFF{\"Customer id\": \"C1\", \"Name\": \"Acme\", \"Phone\": \"138 0000 0001\"}\n\n{\"Customer id\": \"C2\", \"Name\": \"Beta\", \"Annual amount\": \"3万\"}\n";
        var (report, store) = await ImportAsync(jsonl, "customers.jsonl");

        Assert.Equal([1, 3], report.Rows.Select(r => r.Line));
        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(30_000m, (await store.FindAsync(new CustomerId("C2")))!.AnnualAmount.Amount);
    }

    [Theory]
    [InlineData("[{\"客户编号\": \"KH1\", \"客户名称\": {\"x\": 1}}]", "customers.json", 1, 26, "nested")]
    [InlineData("[\n{\"客户编号\": \"KH1\",\n \"客户名称\": \"甲\" \"x\"}]", "customers.json", 3, 14, "not valid JSON")]
    [InlineData("{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"}", "customers.json", 1, 1, "not a JSON array")]
    [InlineData("{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"}\n[1]", "customers.ndjson", 2, 1, "not JSON Lines")]
    [InlineData("[{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"}", "customers.json", 1, 0, "not valid JSON")]
    public async Task Json_Malformed_ErrorNamesFileLineAndColumn(string text, string name, int line, int column, string reason)
    {
        var error = await FailAsync(text, name);

        Assert.Equal((name, line), (error.File, error.Line));
        if (column > 0)
        {
            Assert.Equal(column, error.Column);
        }

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_DeepNesting_StopsAtTheDepthLimit()
    {
        var error = await FailAsync(new string('[', 10_000) + new string(']', 10_000), "deep.json");
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public async Task Json_ValueLongerThanTheTokenLimit_StopsWithAClearError()
    {
        var error = await FailAsync("[{\"客户名称\": \"" + new string('甲', 400_000) + "\"}]", "huge.json");
        Assert.Contains("longer than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_ManyChunks_SameRowsAsOneChunk()
    {
        var rows = Enumerable.Range(1, 3000).Select(i => $"{{\"客户编号\": \"KH{i}\", \"客户名称\": \"公司{i}\", \"所属行业\": \"制造业\"}}");
        var (report, store) = await ImportAsync("[\n" + string.Join(",\n", rows) + "\n]", "many.json");

        Assert.Equal(3000, report.Totals.Inserted);
        Assert.Equal(3001, report.Rows[^1].Line);
        Assert.Equal("公司2999", (await store.FindAsync(new CustomerId("KH2999")))!.Name);
    }

    [Fact]
    public async Task Json_SameNameInDifferentObjects_IsNoRepeat()
    {
        var (report, _) = await ImportAsync("{\"客户编号\":\"C1\",\"客户名称\":\"甲\"}\n{\"客户名称\":\"乙\",\"客户编号\":\"C2\"}\n", "c.jsonl");

        Assert.Equal(2, report.Totals.Inserted);
    }

    // qa17 item 9: a data file is JSON: a comment would drop the row it hides without a word, a trailing comma is not JSON.
    [Theory]
    [InlineData("{\"客户编号\":\"C1\",\"客户名称\":\"甲\"}\n// {\"客户编号\":\"C2\",\"客户名称\":\"乙\"}\n", "c.jsonl", 2, 1)]
    [InlineData("[\n{\"客户编号\":\"C1\",\"客户名称\":\"甲\"},\n]", "c.json", 3, 1)]
    [InlineData("[\n{\"客户编号\":\"C1\",\"客户名称\":\"甲\",}\n]", "c.json", 2, 25)]
    public async Task Json_CommentOrTrailingComma_IsBrokenJsonAtItsLineAndColumn(string text, string name, int line, int column)
    {
        var error = await FailAsync(text, name);

        Assert.Equal((name, line, column), (error.File, error.Line, error.Column));
        Assert.StartsWith("not valid JSON", error.Reason, StringComparison.Ordinal);
    }

    // qa17 item 10: dirty/wrong.json's 1.5e6 and types.jsonl's 1e3 were rejected; read exactly, with no rounding through a double.
    [Theory]
    [InlineData("1.5e6", "1500000")]
    [InlineData("1E3", "1000")]
    [InlineData("1e+3", "1000")]
    [InlineData("1.5e0", "1.5")]
    [InlineData("-2.5E-3", "-0.0025")]
    [InlineData("25e-3", "0.025")]
    [InlineData("1.50e1", "15.0")]
    [InlineData("0e5", "0")]
    [InlineData("0.000123e3", "0.123")]
    [InlineData("123456789012345678901234567891e-2", "1234567890123456789012345678.91")]
    [InlineData("12.5", "12.5")]
    [InlineData("1e400", "1e400")]
    public void PlainNumber_Exponent_ExactDecimalText(string written, string plain)
    {
        Assert.Equal(plain, CrmCore.Import.Reading.JsonTableReader.PlainNumber(Encoding.UTF8.GetBytes(written)));
    }

    [Fact]
    public async Task Json_ExponentNumbers_AmountAndWholeNumberReadExactly()
    {
        var jsonl = "{\"客户编号\":\"J101\",\"客户名称\":\"甲\",\"年合作金额\":1.5e6}\n"
            + "{\"客户编号\":\"J003\",\"客户名称\":\"丙\",\"员工人数\":1e3}\n"
            + "{\"客户编号\":\"J008\",\"客户名称\":\"辛\",\"员工人数\":1.5e0}\n";
        var (report, store) = await ImportAsync(jsonl, "types.jsonl");

        Assert.Equal(1_500_000m, (await store.FindAsync(new CustomerId("J101")))!.AnnualAmount.Amount);
        Assert.Equal(1000, (await store.FindAsync(new CustomerId("J003")))!.Size.Employees);
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Contains("'1.5'", report.Rows[2].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Rows read: 1 (columns named by the objects' keys; batches: 1)")]
    [InlineData("zh-Hans", "读取行数：1（列名取自各对象的键，共1批）")]
    public async Task TextReport_Json_SpeaksOfKeysNotOfAHeaderLine(string culture, string expected)
    {
        var (report, _) = await ImportAsync("[{\"客户编号\":\"C1\",\"客户名称\":\"甲\"}]", "c.json");

        var text = ImportReportWriter.ToText(report, System.Globalization.CultureInfo.GetCultureInfo(culture));

        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("第0行", text, StringComparison.Ordinal);
    }
}
