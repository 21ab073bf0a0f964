using System.Globalization;
using System.IO.Compression;
using System.Text;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// Which sheet of a workbook is read (the first visible one holding values; a hidden sheet never), and a formula cell whose result the
/// file does not hold (wave 17, QA items 5 and 8: a hidden first sheet was imported instead of the visible one; an empty first sheet
/// made the whole workbook "empty"; <c>SUM(100,200)</c> with no saved value was stored as 0).
/// </summary>
public class XlsxSheetAndFormulaTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public async Task HiddenFirstSheet_IsNotRead_TheVisibleOneIs()
    {
        var store = new InMemoryCustomerRepository();
        var book = Workbook(("旧", "hidden", Customers("F001", "旧公司")), ("客户", null, Customers("F002", "新公司")));

        var report = await Import(store, book, CultureInfo.InvariantCulture);

        Assert.Equal(1, report.Totals.Inserted);
        Assert.Equal(["F002"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
    }

    [Fact]
    public async Task VeryHiddenFirstSheet_IsNotRead()
    {
        var store = new InMemoryCustomerRepository();
        await Import(store, Workbook(("旧", "veryHidden", Customers("F001", "旧公司")), ("客户", null, Customers("F002", "新公司"))), CultureInfo.InvariantCulture);

        Assert.Equal(["F002"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
    }

    [Fact]
    public async Task EmptyFirstSheet_TheNextVisibleSheetWithValuesIsRead()
    {
        var store = new InMemoryCustomerRepository();
        var book = Workbook(("说明", null, string.Empty), ("旧", "hidden", Customers("F001", "旧公司")), ("客户", null, Customers("F002", "新公司")));

        var report = await Import(store, book, CultureInfo.InvariantCulture);

        Assert.Equal(1, report.Totals.Inserted);
        Assert.Equal(["F002"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
    }

    [Fact]
    public async Task FirstVisibleSheetWithValues_IsRead_NotALaterOne()
    {
        var store = new InMemoryCustomerRepository();
        await Import(store, Workbook(("客户", null, Customers("F002", "新公司")), ("备份", null, Customers("F003", "备份公司"))), CultureInfo.InvariantCulture);

        Assert.Equal(["F002"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
    }

    [Fact]
    public async Task OnlyAHiddenSheetHoldsValues_StopsTheImport_NamingIt()
    {
        var store = new InMemoryCustomerRepository();
        var book = Workbook(("空白", null, string.Empty), ("旧", "hidden", Customers("F001", "旧公司")));

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Import(store, book, CultureInfo.InvariantCulture));
        Assert.Equal("book.xlsx", error.File);
        Assert.Contains("the hidden sheet '旧' holds the workbook's only values (visible sheets: 空白)", error.Reason, StringComparison.Ordinal);
        Assert.Contains("unhide it", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await Samples.AllAsync(store));

        var zh = await Assert.ThrowsAsync<ImportFileException>(() => Import(store, book, CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.Contains("只有隐藏的工作表“旧”有数据（可见的工作表：空白）", zh.Reason, StringComparison.Ordinal);
    }

    // row18 item 3: a formula with no saved value stopped the whole import; now only its row is rejected, naming the cell.
    [Fact]
    public async Task FormulaWithoutSavedValue_RejectsThatRowOnly_NamingTheCell()
    {
        var store = new InMemoryCustomerRepository();
        var book = Workbook(("客户", null, FormulaRows("<c r=\"D2\"><f>SUM(100,200)</f></c>") + Row(3, "F2", "好公司", "13800000082", "5000")));

        var report = await Import(store, book, CultureInfo.InvariantCulture);
        var zh = await Import(new InMemoryCustomerRepository(), book, CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Inserted], report.Rows.Select(r => r.Outcome));
        var rejected = report.Rows[0];
        Assert.Equal((2, "年合作金额", 4, "FormulaNoValue"), (rejected.Line, rejected.Column, rejected.ColumnNumber, rejected.ReasonCode));
        Assert.Equal(
            "cell D2 holds a formula (=SUM(100,200)) with no saved value, which would import as blank: open the file in Excel or WPS and save it (that computes and stores the results), then import it again",
            rejected.Reason);
        Assert.StartsWith("单元格 D2 是公式（=SUM(100,200)），但文件中没有保存其计算结果", zh.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["F2"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
        Assert.Contains("book.xlsx:2:4: rejected [年合作金额]: cell D2 holds a formula", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    // review18 item 1: an unsaved formula in a column the import does not read (a script's helper column) rejected every row.
    [Fact]
    public async Task FormulaWithoutSavedValue_InAColumnNotRead_LosesNothing_AndALaterReadColumnStillRejects()
    {
        var store = new InMemoryCustomerRepository();
        var rows = Row(1, "客户编号", "客户名称", "辅助列", "年合作金额")
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>甲</t></is></c>"
            + "<c r=\"C2\"><f>ROW()-1</f></c><c r=\"D2\" t=\"inlineStr\"><is><t>5000</t></is></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>F2</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>乙</t></is></c>"
            + "<c r=\"C3\"><f>ROW()-1</f></c><c r=\"D3\"><f>SUM(1,2)</f></c></row>";

        var report = await Import(store, Workbook(("客户", null, rows)), CultureInfo.InvariantCulture);

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal((3, "年合作金额", "FormulaNoValue"), (report.Rows[1].Line, report.Rows[1].Column, report.Rows[1].ReasonCode));
        Assert.StartsWith("cell D3 holds a formula (=…) with no saved value", report.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal(5000m, (await Samples.AllAsync(store)).Single().AnnualAmount.Amount);
    }

    [Fact]
    public async Task SharedFormulaWithoutSavedValue_RejectsItsRowToo()
    {
        var report = await Import(new InMemoryCustomerRepository(), Workbook(("客户", null, FormulaRows("<c r=\"D2\"><f t=\"shared\" si=\"0\"/></c>"))), CultureInfo.InvariantCulture);

        Assert.Equal(ImportOutcome.Rejected, report.Rows.Single().Outcome);
        Assert.StartsWith("cell D2 holds a formula (=…) with no saved value", report.Rows[0].Reason, StringComparison.Ordinal);
    }

    // A script-written workbook: data rows with values, and a totals row whose SUM was never computed. The totals row is skipped as a
    // totals row (it would be skipped whatever its value), so nothing is lost; a data row holding only an unsaved formula is rejected.
    [Fact]
    public async Task ScriptWrittenTotalsRowWithUnsavedSum_IsSkippedAsTotals_DataRowsImported()
    {
        var store = new InMemoryCustomerRepository();
        var rows = Row(1, "客户编号", "客户名称", "联系方式", "年合作金额") + Row(2, "S1", "甲公司", "13800000083", "100") + Row(3, "S2", "乙公司", "13800000084", "200")
            + "<row r=\"4\"><c r=\"E4\"><f>D2*2</f></c></row>"
            + "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>合计</t></is></c><c r=\"D5\"><f>SUM(D2:D3)</f></c></row>";

        var report = await Import(store, Workbook(("客户", null, rows)), CultureInfo.InvariantCulture);

        // Row 4's only cell is an unsaved formula in column E, which has no header and is not read: the row is blank (review18).
        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Skipped, ImportOutcome.Skipped], report.Rows.Select(r => r.Outcome));
        Assert.Equal((4, "Blank"), (report.Rows[2].Line, report.Rows[2].ReasonCode));
        Assert.Equal("Totals", report.Rows[3].ReasonCode);
        Assert.Equal(2, (await Samples.AllAsync(store)).Count);
    }

    // Wave 19: a title row above the header with an unsaved formula (a script-written report date) stopped the whole import, though rows
    // above the header are not data. It is passed over as a title row; an unsaved formula in the header row itself still stops the
    // import (its columns cannot be told), at its cell.
    [Fact]
    public async Task FormulaWithoutSavedValue_InATitleRowAboveTheHeader_IsPassedOver_TheRowsAreImported()
    {
        var store = new InMemoryCustomerRepository();
        var rows = "<row r=\"1\"><c r=\"A1\"><f>CONCAT(\"客户\",\"表\")</f></c><c r=\"C1\"><f>TODAY()</f></c></row>"
            + Row(2, "客户编号", "客户名称", "联系方式") + Row(3, "F001", "甲公司", "13800000081");

        var report = await Import(store, Workbook(("客户", null, rows)), CultureInfo.InvariantCulture);

        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
        Assert.Equal(["F001"], (await Samples.AllAsync(store)).Select(c => c.Id.Value));
    }

    [Fact]
    public async Task FormulaWithoutSavedValue_InTheHeaderRow_StillStopsTheImport_AtItsCell()
    {
        var rows = Row(1, "客户报表") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>客户编号</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>客户名称</t></is></c>"
            + "<c r=\"C2\"><f>CONCAT(\"联系\",\"方式\")</f></c></row>" + Row(3, "F001", "甲公司", "13800000081");

        var error = await Assert.ThrowsAsync<ImportFileException>(() => Import(new InMemoryCustomerRepository(), Workbook(("客户", null, rows)), CultureInfo.InvariantCulture));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.StartsWith("the header row (row 2) cannot be read: cell C2 of sheet '客户' holds a formula (=CONCAT(\"联系\",\"方式\"))", error.Reason, StringComparison.Ordinal);
    }

    // Wave 20: a header cell holding an unsaved formula that the header needs (the row names one known column without it) made the row a
    // title row, and the import ended with "no header row found". It names the sheet, the cell and its line:col, and says what to do.
    [Fact]
    public async Task FormulaWithoutSavedValue_InAHeaderCellTheHeaderNeeds_StopsTheImport_NamingTheSheetAndCell()
    {
        var rows = Row(1, "客户报表") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>联系方式</t></is></c><c r=\"B2\"><f>CONCAT(\"客户\",\"名称\")</f></c></row>"
            + Row(3, "13800000081", "甲公司");
        var book = Workbook(("客户", null, rows));

        var en = await Assert.ThrowsAsync<ImportFileException>(() => Import(new InMemoryCustomerRepository(), book, CultureInfo.InvariantCulture));
        var zh = await Assert.ThrowsAsync<ImportFileException>(() => Import(new InMemoryCustomerRepository(), book, CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.Equal((2, 2), (en.Line, en.Column));
        Assert.Equal(
            "the header row (row 2) cannot be read: cell B2 of sheet '客户' holds a formula (=CONCAT(\"客户\",\"名称\")) with no saved value, so the header it gives is not in the file: open the workbook in Excel or WPS and save it (that computes and stores the results), then import it again",
            en.Reason);
        Assert.StartsWith("book.xlsx:2:2: the header row (row 2) cannot be read", en.Message, StringComparison.Ordinal);
        Assert.Equal((2, 2), (zh.Line, zh.Column));
        Assert.Equal(
            "无法读取表头行（第2行）：工作表“客户”的单元格 B2 是公式（=CONCAT(\"客户\",\"名称\")），但文件中没有保存其计算结果，所以文件里没有它给出的表头：请用 Excel 或 WPS 打开并保存该工作簿（保存时会计算并保存结果），再重新导入",
            zh.Reason);
    }

    [Fact]
    public async Task TableEngine_FormulaWithoutSavedValue_InAHeaderCellTheHeaderNeeds_StopsTheImport_NamingTheSheetAndCell()
    {
        var desk = await Entities.EntityDesk.CreateAsync();
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>客户编号</t></is></c><c r=\"B1\"><f>\"沟通\"&amp;\"方式\"</f></c></row>"
            + Row(2, "KH001", "电话");
        var book = Workbook(("计划", null, rows));

        var en = await Assert.ThrowsAsync<ImportFileException>(() => desk.PlanImporter().ImportAsync(new MemoryStream(book), "plans.xlsx"));
        var zh = await Assert.ThrowsAsync<ImportFileException>(() => desk.PlanImporter(new() { Culture = CultureInfo.GetCultureInfo("zh-Hans") }).ImportAsync(new MemoryStream(book), "plans.xlsx"));

        Assert.Equal((1, 2), (en.Line, en.Column));
        Assert.StartsWith("the header row (row 1) cannot be read: cell B1 of sheet '计划' holds a formula (=\"沟通\"&\"方式\")", en.Reason, StringComparison.Ordinal);
        Assert.Contains("open the workbook in Excel or WPS and save it", en.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 2), (zh.Line, zh.Column));
        Assert.StartsWith("无法读取表头行（第1行）：工作表“计划”的单元格 B1 是公式", zh.Reason, StringComparison.Ordinal);
    }

    // A title row with a mapped label, a value and an unsaved formula (负责人 | 张三 | =TODAY()) above headers nobody knows said the header
    // row was row 1 with a formula; it names too few header cells to be the header, so the import says no header row was found.
    [Fact]
    public async Task FormulaWithoutSavedValue_InATitleRowBesideTooFewHeaders_StillSaysNoHeaderRowFound_InBothEngines()
    {
        var desk = await Entities.EntityDesk.CreateAsync();
        var rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>负责人</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>张三</t></is></c><c r=\"C1\"><f>TODAY()</f></c></row>"
            + Row(2, "Kunde", "Telefon") + Row(3, "甲公司", "13800000081");
        var book = Workbook(("客户", null, rows));

        var customers = await Assert.ThrowsAsync<ImportFileException>(() => Import(new InMemoryCustomerRepository(), book, CultureInfo.InvariantCulture));
        var plans = await Assert.ThrowsAsync<ImportFileException>(() => desk.PlanImporter().ImportAsync(new MemoryStream(book), "plans.xlsx"));

        Assert.StartsWith("no header row found", customers.Reason, StringComparison.Ordinal);
        Assert.StartsWith("no header row found", plans.Reason, StringComparison.Ordinal);
    }

    // The header row an unsaved formula hides may need more than one such cell: the error names every one, not the row's first only.
    [Fact]
    public async Task FormulaWithoutSavedValue_InSeveralCellsOfTheHeaderCandidate_EveryCellIsNamed_InBothEngines()
    {
        var desk = await Entities.EntityDesk.CreateAsync();
        var rows = "<row r=\"1\"><c r=\"A1\"><f>\"客户\"&amp;\"编号\"</f></c><c r=\"B1\" t=\"inlineStr\"><is><t>负责人</t></is></c><c r=\"C1\"><f>\"沟通\"&amp;\"方式\"</f></c></row>"
            + Row(2, "KH001", "张三", "电话");
        var book = Workbook(("表", null, rows));

        var customers = await Assert.ThrowsAsync<ImportFileException>(() => Import(new InMemoryCustomerRepository(), book, CultureInfo.InvariantCulture));
        var plans = await Assert.ThrowsAsync<ImportFileException>(() => desk.PlanImporter().ImportAsync(new MemoryStream(book), "plans.xlsx"));

        foreach (var error in new[] { customers, plans })
        {
            Assert.Equal((1, 1), (error.Line, error.Column));
            // The reader keeps the formula text of a row's first unsaved cell only (later ones read =…, XlsxInspection); every cell is named.
            const string Expected = "the header row (row 1) cannot be read: cells A1, C1 of sheet '表' hold formulas (=\"客户\"&\"编号\", =…)";
            Assert.Equal(Expected, error.Reason[..Math.Min(Expected.Length, error.Reason.Length)]);
        }
    }

    [Fact]
    public async Task TableEngine_FormulaWithoutSavedValue_InATitleRow_IsPassedOver()
    {
        var desk = await Entities.EntityDesk.CreateAsync();
        var rows = "<row r=\"1\"><c r=\"A1\"><f>\"沟通计划 \"&amp;TEXT(TODAY(),\"yyyy-mm\")</f></c></row>"
            + Row(2, "客户编号", "沟通方式", "沟通内容要点", "计划执行时间") + Row(3, "KH001", "电话", "续约", "2024-03-20");

        var report = await desk.PlanImporter().ImportAsync(new MemoryStream(Workbook(("计划", null, rows))), "plans.xlsx");

        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);
    }

    // Wave 20: a field two columns are mapped to is read from the first of them holding a value. An unsaved formula in a later such column
    // of a row whose earlier column holds the value is not read (nothing is lost) and rejects nothing; one in an earlier column, whose
    // result would have been read, still rejects its row.
    [Fact]
    public async Task FormulaWithoutSavedValue_InALaterColumnOfASharedField_RejectsOnlyWhenNoEarlierColumnHoldsTheValue()
    {
        var store = new InMemoryCustomerRepository();
        var rows = Row(1, "客户编号", "客户名称", "联系方式", "公司名称")
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>甲公司</t></is></c>"
            + "<c r=\"C2\" t=\"inlineStr\"><is><t>13800000081</t></is></c><c r=\"D2\"><f>B2</f></c></row>"
            + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>F2</t></is></c><c r=\"B3\"><f>D3</f></c>"
            + "<c r=\"C3\" t=\"inlineStr\"><is><t>13800000082</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>乙公司</t></is></c></row>"
            + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>F3</t></is></c>"
            + "<c r=\"C4\" t=\"inlineStr\"><is><t>13800000083</t></is></c><c r=\"D4\"><f>A4</f></c></row>";

        var report = await Import(store, Workbook(("客户", null, rows)), CultureInfo.InvariantCulture);

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal([(2, "FormulaNoValue"), (4, "FormulaNoValue")], report.Rows.Skip(1).Select(r => (r.ColumnNumber, r.ReasonCode!)));
        Assert.Equal(["F1 甲公司"], (await Samples.AllAsync(store)).Select(c => $"{c.Id.Value} {c.Name}"));
    }

    [Fact]
    public async Task TableEngine_FormulaWithoutSavedValue_InALaterColumnOfASharedField_RejectsOnlyWhenNoEarlierColumnHoldsTheValue()
    {
        var desk = await Entities.EntityDesk.CreateAsync();
        var rows = Row(1, "客户编号", "沟通方式", "沟通内容要点", "计划执行时间", "计划时间")
            + Row(2, "KH001", "电话", "续约", "2024-03-20").Replace("</row>", "<c r=\"E2\"><f>D2</f></c></row>", StringComparison.Ordinal)
            + Row(3, "KH002", "电话", "回访", "-").Replace("</row>", "<c r=\"E3\"><f>TODAY()</f></c></row>", StringComparison.Ordinal);

        var report = await desk.PlanImporter().ImportAsync(new MemoryStream(Workbook(("计划", null, rows))), "plans.xlsx");

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.Equal((5, "FormulaNoValue"), (report.Rows[1].ColumnNumber, report.Rows[1].ReasonCode));
    }

    [Theory]
    [InlineData("<c r=\"D2\"><f>SUM(100,200)</f><v>300</v></c>", 300)]
    [InlineData("<c r=\"D2\" t=\"str\"><f>\"\"</f><v></v></c>", 0)]
    public async Task FormulaWithSavedValue_ReadsTheValue(string cell, decimal amount)
    {
        var store = new InMemoryCustomerRepository();
        var report = await Import(store, Workbook(("客户", null, FormulaRows(cell))), CultureInfo.InvariantCulture);

        Assert.Equal(1, report.Totals.Inserted);
        Assert.Equal(amount, Assert.Single(await Samples.AllAsync(store)).AnnualAmount.Amount);
    }

    [Fact]
    public async Task TheReport_NamesTheSheetRead_AndTheOtherVisibleSheetsNotRead_InTextJsonAndWorkbook()
    {
        var book = Workbook(("说明", null, string.Empty), ("旧", "hidden", Customers("F001", "旧公司")), ("客户", null, Customers("F002", "新公司")), ("备份", null, Customers("F003", "备份公司")));

        var report = await Import(new InMemoryCustomerRepository(), book, CultureInfo.InvariantCulture);

        Assert.Equal("客户", report.Sheet);
        Assert.Equal(["说明", "备份"], report.OtherSheets);
        var english = ImportReportWriter.ToText(report, CultureInfo.InvariantCulture);
        Assert.Contains("Sheet read: 客户\n", english.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Only this sheet was read: 客户. The workbook's other sheets were not read: 说明, 备份", english, StringComparison.Ordinal);
        Assert.DoesNotContain("旧", english, StringComparison.Ordinal);
        var chinese = ImportReportWriter.ToText(report, CultureInfo.GetCultureInfo("zh-Hans"));
        Assert.Contains("读取的工作表：客户", chinese, StringComparison.Ordinal);
        Assert.Contains("工作簿中的其他工作表未读取：说明, 备份", chinese, StringComparison.Ordinal);
        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        var written = Encoding.UTF8.GetString(json.ToArray());
        Assert.Contains("\"sheet\": \"客户\"", written, StringComparison.Ordinal);
        Assert.Matches("\"otherSheets\": \\[\\s*\"说明\",\\s*\"备份\"\\s*\\]", written);
        using var workbook = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, workbook, CultureInfo.InvariantCulture);
        Assert.Contains("other sheets were not read: 说明, 备份", WorkbookText(workbook.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASingleSheet_IsNamed_WithNoNoteOfOthers_AndCsvHasNoSheet()
    {
        var report = await Import(new InMemoryCustomerRepository(), Workbook(("客户", null, Customers("F002", "新公司"))), CultureInfo.InvariantCulture);
        var csv = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions())
            .ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称\nF1,甲公司\n")), "t.csv");

        Assert.Equal(("客户", 0), (report.Sheet, report.OtherSheets.Count));
        Assert.DoesNotContain("other sheets", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Null(csv.Sheet);
        Assert.DoesNotContain("Sheet read", ImportReportWriter.ToText(csv, CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>Every text of a workbook's parts (shared strings and inline strings), for a look at what a written workbook says.</summary>
    private static string WorkbookText(byte[] book)
    {
        using var zip = new ZipArchive(new MemoryStream(book), ZipArchiveMode.Read);
        return string.Concat(zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }

    private static string Customers(string id, string name) =>
        Row(1, "客户编号", "客户名称", "联系方式") + Row(2, id, name, "13800000081");

    private static string FormulaRows(string amountCell) =>
        Row(1, "客户编号", "客户名称", "联系方式", "年合作金额")
        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>F1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>公式公司</t></is></c>"
        + $"<c r=\"C2\" t=\"inlineStr\"><is><t>13800000081</t></is></c>{amountCell}</row>";

    private static string Row(int number, params string[] texts) =>
        $"<row r=\"{number}\">" + string.Concat(texts.Select((t, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")) + "</row>";

    private static Task<ImportReport> Import(InMemoryCustomerRepository store, byte[] book, CultureInfo culture) =>
        Samples.Importer(store, new CustomerImportOptions { Culture = culture }).ImportAsync(new MemoryStream(book), "book.xlsx");

    /// <summary>A workbook of sheets listed in order, each with its name, its state (null: visible) and its rows.</summary>
    private static byte[] Workbook(params (string Name, string? State, string Rows)[] sheets)
    {
        const string Package = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string Office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
            Part("_rels/.rels", $"<Relationships xmlns=\"{Package}\"><Relationship Id=\"rId1\" Type=\"{Office}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            var listed = string.Concat(sheets.Select((s, i) => $"<sheet name=\"{s.Name}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"{(s.State is null ? string.Empty : $" state=\"{s.State}\"")}/>"));
            Part("xl/workbook.xml", $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Office}\"><sheets>{listed}</sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{Package}\">"
                + string.Concat(sheets.Select((_, i) => $"<Relationship Id=\"rId{i + 1}\" Type=\"{Office}/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) + "</Relationships>");
            for (var i = 0; i < sheets.Length; i++)
            {
                Part($"xl/worksheets/sheet{i + 1}.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>{sheets[i].Rows}</sheetData></worksheet>");
            }
        }

        return buffer.ToArray();
    }
}
