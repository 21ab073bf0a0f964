using System.Globalization;
using System.IO.Compression;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Import.Tests.Entities;
using CrmCore.Tickets;
using MiniExcelLibs;

namespace CrmCore.Import.Tests;

/// <summary>
/// The content of a file, not its name, decides how it is read where the name misleads: an Excel 97-2003 workbook is refused with
/// advice, an .xlsx workbook under another name is read as .xlsx, and tab-separated text (Excel's "Unicode text") is read with tabs.
/// </summary>
public class FileContentTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    /// <summary>The start of an OLE compound file, as Excel 97-2003 writes it, padded to a sector.</summary>
    private static byte[] OleWorkbook() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    [Theory]
    [InlineData("real.xls")]
    [InlineData("realxls.xlsx")]
    [InlineData("real.csv")]
    public async Task Customers_Excel97Workbook_IsRefusedWithAdvice_InEnglishAndChinese(string name)
    {
        var en = await Assert.ThrowsAsync<ImportFileException>(() => ImportCustomers(OleWorkbook(), name, English));
        var zh = await Assert.ThrowsAsync<ImportFileException>(() => ImportCustomers(OleWorkbook(), name, Chinese));

        Assert.Equal(
            $"{name}: an Excel 97-2003 workbook (.xls), which cannot be read here: open it in Excel and save it as an Excel workbook (.xlsx) or as CSV UTF-8",
            en.Message);
        Assert.Equal($"{name}: 这是 Excel 97-2003 工作簿（.xls），无法在此读取：请在 Excel 中打开，另存为 Excel 工作簿（.xlsx）或 CSV UTF-8", zh.Message);
        Assert.Equal(name, zh.File);
    }

    [Fact]
    public async Task Tickets_Excel97Workbook_IsRefusedWithAdvice()
    {
        var desk = await EntityDesk.CreateAsync();
        var error = await Assert.ThrowsAsync<ImportFileException>(() => desk.TicketImporter(new() { Culture = Chinese }).ImportAsync(new MemoryStream(OleWorkbook()), "tickets.xls"));
        Assert.Contains("Excel 97-2003", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("tickets.xls: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("book.xls")]
    [InlineData("book.csv")]
    [InlineData("book")]
    public async Task Customers_XlsxWorkbookUnderAnotherName_IsReadAsXlsx(string name)
    {
        using var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object> { ["客户编号"] = "KH1", ["客户名称"] = "甲公司" },
            new Dictionary<string, object> { ["客户编号"] = "KH2", ["客户名称"] = "乙公司" },
        });

        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = English }).ImportAsync(new MemoryStream(workbook.ToArray()), name);

        Assert.Equal(("xlsx", 2, 0), (report.Format, report.Totals.Inserted, report.Totals.Rejected));
        Assert.Equal(["甲公司", "乙公司"], (await Samples.AllAsync(store)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => c.Name));
    }

    [Fact]
    public async Task Customers_ZipWithoutAWorkbook_IsRefusedAsNotATable()
    {
        using var archive = new MemoryStream();
        using (var zip = new ZipArchive(archive, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("word/document.xml").Open();
            entry.Write("<w/>"u8);
        }

        var en = await Assert.ThrowsAsync<ImportFileException>(() => ImportCustomers(archive.ToArray(), "notes.csv", English));
        var zh = await Assert.ThrowsAsync<ImportFileException>(() => ImportCustomers(archive.ToArray(), "notes.csv", Chinese));

        Assert.Equal("notes.csv: a zip archive that holds no workbook: not a table to import; give an Excel workbook (.xlsx), a CSV or a JSON file", en.Message);
        Assert.Equal("notes.csv: 这是 zip 压缩包，其中没有工作簿，不是可导入的表格；请提供 Excel 工作簿（.xlsx）、CSV 或 JSON 文件", zh.Message);
    }

    [Fact]
    public async Task Customers_ExcelUnicodeText_Utf16TabSeparated_IsRead()
    {
        // What Excel's "Unicode 文本" writes: UTF-16 LE with its BOM, tabs, CRLF, quotes around a cell holding a tab.
        var text = "客户编号\t客户名称\t简称\r\nKH1\t甲公司\t上海, 浦东\r\nKH2\t乙公司\t\"北京\t朝阳\"\r\n";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = English }).ImportAsync(new MemoryStream(bytes), "客户.txt");

        Assert.Equal((2, 0, "utf-16"), (report.Totals.Inserted, report.Totals.Rejected, report.Encoding));
        var customers = (await Samples.AllAsync(store)).OrderBy(c => c.Id.Value, StringComparer.Ordinal).ToList();
        Assert.Equal(["甲公司", "乙公司"], customers.Select(c => c.Name));
        Assert.Equal(["上海, 浦东", "北京 朝阳"], customers.Select(c => c.ShortName));
    }

    [Fact]
    public async Task Tickets_Utf8TabSeparatedUnderATitleLine_IsRead()
    {
        var desk = await EntityDesk.CreateAsync();
        var report = await desk.TicketImporter().ImportAsync(
            new MemoryStream(Encoding.UTF8.GetBytes("服务质量问题跟踪表\n问题编号\t客户编号\t问题描述\t提出时间\t紧急程度\t负责人\t状态\nWT1\tKH001\t慢, 很慢\t2026-03-01\t一般\t赵六\t待处理\n")), "tickets.tsv");

        Assert.Equal((1, 0, null), (report.Totals.Inserted, report.Totals.Rejected, report.Rows.FirstOrDefault(r => r.Outcome == ImportOutcome.Rejected)?.Reason));
        Assert.Equal("慢, 很慢", Assert.Single(await desk.Tickets.ListAsync(TicketQuery.All).ToListAsync()).Description);
    }

    [Fact]
    public async Task Customers_CommaHeaderWithTabsInCells_StaysComma()
    {
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = English })
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称\nKH1,\"甲\t公司\"\n")), "c.csv");

        Assert.Equal(1, report.Totals.Inserted);
        Assert.Equal("甲 公司", Assert.Single(await Samples.AllAsync(store)).Name);
    }

    private static Task<ImportReport> ImportCustomers(byte[] bytes, string name, CultureInfo culture) =>
        Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = culture }).ImportAsync(new MemoryStream(bytes), name);
}
