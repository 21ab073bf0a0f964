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
}
