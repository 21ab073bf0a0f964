using System.Globalization;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// Cells and rows without an <c>r</c> attribute, as some writers emit them: the inspection places every cell where MiniExcel reads it,
/// so that the bounds, the used extent and the merged-cell filling agree with what is read, and a cell MiniExcel would read elsewhere
/// than the sheet means (or over another cell's value) is refused with its row rather than moved or lost without a word.
/// </summary>
public class XlsxCellReferenceTests
{
    private static readonly string Header = "<row>" + Cell("客户编号") + Cell("客户名称") + Cell("联系电话") + "</row>";

    [Fact]
    public void CellsWithoutReference_AreReadByTheirPlaceInTheRow()
    {
        var book = Book(Header + "<row>" + Cell("KH1") + Cell("公司一") + Cell("13800000001") + "</row><row>" + Cell("KH2") + Cell("公司二") + "</row>");

        var rows = Read(book);

        Assert.Equal(["客户编号|客户名称|联系电话", "KH1|公司一|13800000001", "KH2|公司二"], rows.Select(r => string.Join('|', r.Cells)));
    }

    [Fact]
    public void CellsWithoutReference_MergedRangeIsFilledAtTheirPlaces()
    {
        // 客户名称 merged over B2:C3: the text of the second cell of row 2 fills the range.
        var book = Book(Header + "<row>" + Cell("KH1") + Cell("公司一") + "<c/>" + "</row><row>" + Cell("KH2") + "</row>", merges: ["B2:C3"]);

        var rows = Read(book);

        Assert.Equal("KH1|公司一|公司一", string.Join('|', rows[1].Cells));
        Assert.Equal("KH2|公司一|公司一", string.Join('|', rows[2].Cells));
    }

    [Fact]
    public void CellsWithoutReference_ValueBeyondColumnIV_IsRefusedAtItsPlace()
    {
        // 300 cells without r: the last holds a value, in column KN by its place.
        var book = Book(Header + "<row>" + Cell("KH1") + string.Concat(Enumerable.Repeat("<c/>", 298)) + Cell("x") + "</row>");

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(2, error.Line);
        Assert.Contains("KN2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MixOfCellsWithAndWithoutReference_WhereTheyAgree_IsRead()
    {
        var book = Book(Header + "<row r=\"2\">" + Cell("KH1", "A2") + Cell("公司一") + Cell("13800000001", "C2") + "</row>");

        var rows = Read(book);

        Assert.Equal("KH1|公司一|13800000001", string.Join('|', rows[1].Cells));
    }

    [Fact]
    public void MixOfCellsWithAndWithoutReference_ACellTheReaderWouldMove_IsRefusedNamingIt()
    {
        // The sheet means the phone in C2; MiniExcel, placing every cell by its place once one has no r, would read it as B2.
        var book = Book(Header + "<row r=\"2\">" + Cell("KH1") + Cell("13800000001", "C2") + "</row>");

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(2, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("cell C2 is cell 2 of its row", error.Message, StringComparison.Ordinal);
        Assert.Contains("would be read as B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellWithReferenceBeforeTheFirstWithout_WhichTheReaderWouldMove_IsRefused()
    {
        // Rows 1 and 2 give every cell its r (the phone of row 2 in C2 after an empty B2); row 3 then has a cell without one, so the
        // reader places every cell of the sheet by its place, and C2 would be read as B2.
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + Cell("联系电话", "C1") + "</row>"
                   + "<row r=\"2\">" + Cell("KH1", "A2") + Cell("13800000001", "C2") + "</row><row r=\"3\">" + Cell("KH2") + "</row>";

        var error = Assert.Throws<ImportFileException>(() => Read(Book(rows)));

        Assert.Equal(2, error.Line);
        Assert.Contains("cell C2 is cell 2 of its row", error.Message, StringComparison.Ordinal);
        Assert.Contains("would be read as B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellsWithoutReferenceAfterADimension_AreRefused_NotStackedInColumnA()
    {
        // With a dimension first, MiniExcel reads each cell without r into the column of the cell before it.
        var book = Book(Header + "<row>" + Cell("KH1") + Cell("公司一") + "</row>", dimension: "A1:C2");

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(1, error.Line);
        Assert.Contains("read over the value in A1", error.Message, StringComparison.Ordinal); // 客户名称 would overwrite 客户编号
    }

    [Fact]
    public void CellWithoutReferenceAfterADimension_AfterAnEmptyCell_IsRefusedNamingBothColumns()
    {
        // 公司一 follows an empty A2: the sheet means B2, MiniExcel would read it into A2.
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row r=\"2\"><c r=\"A2\" s=\"1\"/>" + Cell("公司一") + "</row>";

        var error = Assert.Throws<ImportFileException>(() => Read(Book(rows, dimension: "A1:B2")));

        Assert.Equal(2, error.Line);
        Assert.Equal(2, error.Column);
        Assert.Contains("no reference (r)", error.Message, StringComparison.Ordinal);
        Assert.Contains("read as A2, not B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellWithoutReferenceAfterADimension_FirstOfItsRow_IsReadInColumnA()
    {
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row r=\"2\">" + Cell("KH1") + Cell("公司一", "B2") + "</row>";

        var read = Read(Book(rows, dimension: "A1:B2"));

        Assert.Equal("KH1|公司一", string.Join('|', read[1].Cells));
    }

    [Fact]
    public void EmptyCellWithoutReferenceAfterADimension_OverAValue_IsRefused()
    {
        // An empty <c/> would be read into B2 and blank 公司一.
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row r=\"2\">" + Cell("KH1", "A2") + Cell("公司一", "B2") + "<c s=\"1\"/></row>";

        var error = Assert.Throws<ImportFileException>(() => Read(Book(rows, dimension: "A1:B2")));

        Assert.Equal(2, error.Line);
        Assert.Contains("over the value in B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCellsOfOneReference_AreRefused()
    {
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row r=\"2\">" + Cell("KH1", "A2") + Cell("公司一", "B2") + "<c r=\"B2\"/></row>";

        var error = Assert.Throws<ImportFileException>(() => Read(Book(rows, dimension: "A1:B2")));

        Assert.Equal(2, error.Line);
        Assert.Contains("over the value in B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsWithoutReference_FollowTheRowBefore_ForExtentAndMerges()
    {
        // Row 4 named, the rows around it not: they are rows 1, 2 (blank), 4 and 5; 客户名称 merged over B4:B5.
        var rows = "<row>" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row/>"
                   + "<row r=\"4\">" + Cell("KH1", "A4") + Cell("公司一", "B4") + "</row><row>" + Cell("KH2", "A5") + "</row>";

        var read = Read(Book(rows, merges: ["B4:B5"]));

        Assert.Equal([1, 2, 3, 4, 5], read.Select(r => r.Line));
        Assert.Equal("KH1|公司一", string.Join('|', read[3].Cells));
        Assert.Equal("KH2|公司一", string.Join('|', read[4].Cells));
    }

    [Fact]
    public void RowsAndCellsWithoutReference_UsedRangeCountsThePlacesTheReaderGives()
    {
        // 100,000 rows without r, the last with a value in its 256th cell: the used range the reader would build is over the bound.
        var rows = Header + string.Concat(Enumerable.Repeat("<row/>", 99_998)) + "<row>" + Cell("KH1") + string.Concat(Enumerable.Repeat("<c/>", 254)) + Cell("x") + "</row>";

        var error = Assert.Throws<ImportFileException>(() => Read(Book(rows)));

        Assert.Contains("100000 rows by 256 columns", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsTheReaderSkips_AnotherNamespaceOrOutsideSheetData_CountForNothing()
    {
        // MiniExcel reads only rows of sheetData in its namespaces: the others (numbered 7 and 9 here, before rows 1 and 2) neither
        // number the rows nor hold values.
        var rows = "<x:row xmlns:x=\"urn:x\" r=\"9\"><x:c r=\"IW9\" t=\"inlineStr\"><x:is><x:t>x</x:t></x:is></x:c></x:row>"
                   + "<row r=\"1\">" + Cell("客户编号") + Cell("客户名称") + "</row><row r=\"2\">" + Cell("KH1") + Cell("公司一") + "</row>";
        var sheet = HostileWorkbookTests.Sheet(rows).Replace("<dimension ref=\"A1:C2\"/>", "<sheetPr><row r=\"7\"/></sheetPr>", StringComparison.Ordinal);

        var read = Read(HostileWorkbookTests.Workbook(sheet));

        Assert.Equal(["客户编号|客户名称", "KH1|公司一"], read.Select(r => string.Join('|', r.Cells)));
    }

    [Fact]
    public void SecondSheetData_IsRefused()
    {
        // MiniExcel would number the rows of the second from 1 again, over the first's.
        var header = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row>";
        var sheet = HostileWorkbookTests.Sheet(header).Replace("</sheetData>", "</sheetData><sheetData>" + header + "</sheetData>", StringComparison.Ordinal);

        var error = Assert.Throws<ImportFileException>(() => Read(HostileWorkbookTests.Workbook(sheet)));

        Assert.Contains("a second sheetData", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellTheReaderWouldMove_InChinese_WhenTheImportIsChinese()
    {
        var book = Book(Header + "<row r=\"2\">" + Cell("KH1") + Cell("13800000001", "C2") + "</row>");

        var error = Assert.Throws<ImportFileException>(() => InspectInChinese(book));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Equal("references.xlsx:2:3: 不是可读取的 .xlsx 工作簿：单元格 C2 是所在行的第 2 个单元格，而工作表中有些单元格没有引用（r），因此它会被读作 B2；请给每个单元格都加上引用，或都不加（用 Excel 重新保存该工作簿）", error.Message);
    }

    [Fact]
    public void ACellWithoutReferenceAfterADimension_InChinese_WhenTheImportIsChinese()
    {
        var rows = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row><row r=\"2\"><c r=\"A2\" s=\"1\"/>" + Cell("公司一") + "</row>";

        var error = Assert.Throws<ImportFileException>(() => InspectInChinese(Book(rows, dimension: "A1:B2")));

        Assert.Equal((2, 2), (error.Line, error.Column));
        Assert.Contains("第 2 行的第 2 个单元格没有引用（r）", error.Message, StringComparison.Ordinal);
        Assert.Contains("因此它会被读作 A2，而不是 B2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellReadOverAnother_InChinese_WhenTheImportIsChinese()
    {
        var book = Book(Header + "<row>" + Cell("KH1") + Cell("公司一") + "</row>", dimension: "A1:C2");

        var error = Assert.Throws<ImportFileException>(() => InspectInChinese(book));

        Assert.Equal(1, error.Line);
        Assert.Contains("第 1 行的第 2 个单元格会被读到 A1 中，覆盖那里的值", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondSheetData_InChinese_WhenTheImportIsChinese()
    {
        var header = "<row r=\"1\">" + Cell("客户编号", "A1") + Cell("客户名称", "B1") + "</row>";
        var sheet = HostileWorkbookTests.Sheet(header).Replace("</sheetData>", "</sheetData><sheetData>" + header + "</sheetData>", StringComparison.Ordinal);

        var error = Assert.Throws<ImportFileException>(() => InspectInChinese(HostileWorkbookTests.Workbook(sheet)));

        Assert.Equal("references.xlsx:1: 不是可读取的 .xlsx 工作簿：工作表有第二个 sheetData 元素", error.Message);
    }

    [Fact]
    public void ACellTheReaderWouldMove_InEnglish_WhenTheImportIsEnglish_WhateverTheUserInterface()
    {
        var book = Book(Header + "<row r=\"2\">" + Cell("KH1") + Cell("13800000001", "C2") + "</row>");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            using var stream = new MemoryStream(book);
            var error = Assert.Throws<ImportFileException>(() => XlsxInspection.Inspect(stream, "references.xlsx", CultureInfo.GetCultureInfo("en")));

            Assert.Contains("cell C2 is cell 2 of its row", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task CustomerImport_InChinese_RefusesTheWorkbookInChinese_WhateverTheUserInterface()
    {
        // The importer's Culture reaches the .xlsx reader's own messages, not only the row reasons.
        var book = Book(Header + "<row r=\"2\">" + Cell("KH1") + Cell("13800000001", "C2") + "</row>");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            using var stream = new MemoryStream(book);
            var importer = Samples.Importer(new CrmCore.Desk.InMemoryCustomerRepository(), new CrmCore.Import.Customers.CustomerImportOptions { Culture = CultureInfo.GetCultureInfo("zh-Hans") });

            var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(stream, "references.xlsx"));

            Assert.StartsWith("references.xlsx:2:3: 不是可读取的 .xlsx 工作簿：单元格 C2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Inspects the workbook for an import in zh-Hans while the user interface is in English, so the message's language is the import's.</summary>
    private static void InspectInChinese(byte[] book)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            using var stream = new MemoryStream(book);
            using var inspection = XlsxInspection.Inspect(stream, "references.xlsx", CultureInfo.GetCultureInfo("zh-Hans"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Cell(string text, string? reference = null) =>
        (reference is null ? "<c" : $"<c r=\"{reference}\"") + $" t=\"inlineStr\"><is><t>{text}</t></is></c>";

    /// <summary>A workbook of these rows, with no dimension unless one is given.</summary>
    private static byte[] Book(string rows, string[]? merges = null, string? dimension = null)
    {
        var sheet = HostileWorkbookTests.Sheet(rows, merges);
        sheet = sheet.Replace("<dimension ref=\"A1:C2\"/>", dimension is null ? string.Empty : $"<dimension ref=\"{dimension}\"/>", StringComparison.Ordinal);
        return HostileWorkbookTests.Workbook(sheet);
    }

    private static List<SourceRow> Read(byte[] book)
    {
        using var stream = new MemoryStream(book);
        return [.. TableReader.ReadXlsx(stream, "references.xlsx")];
    }
}
