using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;

namespace CrmCore.Import.Tests;

/// <summary>The CSV and JSON readers refuse a file in the import's language (<see cref="CustomerImportOptions.Culture"/>), at its line.</summary>
public class ReaderErrorLanguageTests
{
    [Theory]
    [InlineData("[{\"客户编号\": \"KH1\", \"客户名称\": {\"x\": 1}}]", "c.json", "en", "a nested object or array")]
    [InlineData("[{\"客户编号\": \"KH1\", \"客户名称\": {\"x\": 1}}]", "c.json", "zh-Hans", "嵌套的对象或数组")]
    [InlineData("[\n{\"客户编号\": \"KH1\",\n \"客户名称\": \"甲\" \"x\"}]", "c.json", "zh-Hans", "不是有效的 JSON：")]
    [InlineData("{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"}", "c.json", "zh-Hans", "不是由对象组成的 JSON 数组：")]
    [InlineData("{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"}\n[1]", "c.ndjson", "zh-Hans", "不是 JSON Lines：每行是一个对象")]
    [InlineData("{\"客户编号\": \"KH1\", \"客户名称\": \"甲\"", "c.ndjson", "zh-Hans", "不是有效的 JSON：")]
    public async Task Json_Malformed_InTheImportsLanguage(string text, string name, string language, string reason)
    {
        var error = await FailAsync(Encoding.UTF8.GetBytes(text), name, language);

        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        // In zh-Hans no English words of the runtime's own message (System.Text.Json's stays in the inner exception).
        Assert.True(language != "zh-Hans" || !System.Text.RegularExpressions.Regex.IsMatch(error.Reason.Replace("JSON Lines", string.Empty, StringComparison.Ordinal).Replace("JSON", string.Empty, StringComparison.Ordinal).Replace("true、false、null", string.Empty, StringComparison.Ordinal), "[A-Za-z]{3,}"), error.Reason);
    }

    [Theory]
    [InlineData("en", "not UTF-8: the byte 0xFF does not belong to valid UTF-8 text")]
    [InlineData("zh-Hans", "不是 UTF-8 文本：字节 0xFF 不属于有效的 UTF-8")]
    public async Task Csv_NotUtf8_NamesTheByteAndItsLine_InTheImportsLanguage(string language, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes("客户编号,客户名称\nKH1,甲\nKH2,").Concat(new byte[] { 0xFF, 0x41, (byte)'\n' }).ToArray();

        var error = await FailAsync(bytes, "c.csv", language);

        Assert.Equal(3, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "a record longer than")]
    [InlineData("zh-Hans", "记录超过")]
    public async Task Csv_QuoteNeverClosed_InTheImportsLanguage(string language, string reason)
    {
        var text = "客户编号,客户名称\nKH1,\"" + new string('甲', 1_100_000) + "\n";

        var error = await FailAsync(Encoding.UTF8.GetBytes(text), "c.csv", language);

        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    private static async Task<ImportFileException> FailAsync(byte[] bytes, string name, string language)
    {
        using var stream = new MemoryStream(bytes);
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) });
        return await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(stream, name));
    }
}
