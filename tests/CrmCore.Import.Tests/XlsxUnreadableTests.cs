using System.Globalization;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>A workbook the reader cannot read is named in the import's language, at the row being read, with the reader's reason.</summary>
public class XlsxUnreadableTests
{
    [Theory]
    [InlineData("en", "not a readable .xlsx workbook: bad zip entry")]
    [InlineData("zh-Hans", "不是可读取的 .xlsx 工作簿：文件已损坏，或并非 .xlsx 工作簿（请在 Excel 中打开并重新保存）")]
    public void UnreadableWorkbook_IsNamedInTheImportsLanguage(string language, string message)
    {
        var error = TableReader.Unreadable("book.xlsx", 7, new InvalidDataException("bad zip entry"), "/tmp", CultureInfo.GetCultureInfo(language));

        Assert.Equal((message, "book.xlsx", 7), (error.Reason, error.File, error.Line));
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Theory]
    [InlineData("en", "not a readable .xlsx workbook: ")]
    [InlineData("zh-Hans", "不是可读取的 .xlsx 工作簿：")]
    public async Task NotAWorkbookAtAll_IsRefusedInTheImportsLanguage(string language, string start)
    {
        // A CSV saved under an .xlsx name: not a zip archive, refused by the inspection before any reader.
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称\nKH1,甲\n"));
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) });

        var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(stream, "c.xlsx"));

        Assert.StartsWith(start, error.Reason, StringComparison.Ordinal);
        // In zh-Hans no English words of the runtime's own message (kept in the inner exception for developers).
        Assert.Equal(language == "zh-Hans", !System.Text.RegularExpressions.Regex.IsMatch(error.Reason.Replace(".xlsx", string.Empty, StringComparison.Ordinal).Replace("Excel", string.Empty, StringComparison.Ordinal), "[A-Za-z]{3,}"));
        Assert.NotNull(error.InnerException);
    }

    [Theory]
    [InlineData("en", "not a readable .xlsx workbook: a row numbered '2' after row 3 (rows come in order, 1 to ")]
    [InlineData("zh-Hans", "不是可读取的 .xlsx 工作簿：第 3 行之后出现编号为“2”的行（行须按顺序编号，从 1 到 ")]
    public void RowsOutOfOrder_AreRefusedInTheImportsLanguage(string language, string start)
    {
        var sheet = HostileWorkbookTests.Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户编号</t></is></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>KH1</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>KH2</t></is></c></row>");
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(sheet));

        var error = Assert.Throws<ImportFileException>(() => TableReader.ReadXlsx(stream, "book.xlsx", CultureInfo.GetCultureInfo(language)).ToList());

        Assert.StartsWith(start, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "a value in cell IW2, beyond column IV (the 256th)")]
    [InlineData("zh-Hans", "单元格 IW2 中的值超出第 IV 列（第 256 列）")]
    public void ValueBeyondTheColumnsRead_IsRefusedInTheImportsLanguage(string language, string start)
    {
        var sheet = HostileWorkbookTests.Sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户编号</t></is></c></row>"
            + "<row r=\"2\"><c r=\"IW2\" t=\"inlineStr\"><is><t>x</t></is></c></row>", dimension: "A1:IW2");
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(sheet));

        var error = Assert.Throws<ImportFileException>(() => TableReader.ReadXlsx(stream, "book.xlsx", CultureInfo.GetCultureInfo(language)).ToList());

        Assert.StartsWith(start, error.Reason, StringComparison.Ordinal);
    }
}
