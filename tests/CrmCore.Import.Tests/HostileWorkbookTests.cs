using System.IO.Compression;
using System.Text;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// Workbooks of a few kilobytes that made the .xlsx read hang or exhaust memory before it was inspected first (a merged range over the
/// whole sheet: over a minute and 4 GB; a declared dimension of 16,384 columns: over two minutes for 200 rows), and the bounds that
/// refuse the rest with the file, the row and the reason.
/// </summary>
public class HostileWorkbookTests
{
    private static readonly string Header = Row(1, ("A", "客户编号"), ("B", "客户名称"), ("C", "联系电话"));

    [Fact]
    public void MergedRangeOverTheWholeSheet_IsFilledOnlyWithinTheCellsThatHoldValues()
    {
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("B", "公司一"), ("C", "13800000001")), merges: ["A2:XFD1048576"]));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = Read(book);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L << 20); // the whole range filled would be gigabytes

        Assert.Equal(2, rows.Count);
        Assert.Equal("KH1|KH1|KH1", string.Join('|', rows[1].Cells));
    }

    [Fact]
    public void VerticalMerge_FillsTheRowsBelowWithTheFirstCell()
    {
        // One customer over two contact rows: 客户名称 merged over B2:B3.
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("B", "公司一"), ("C", "13800000001")) + Row(3, ("A", "KH1"), ("C", "13800000002")), merges: ["B2:B3"]));

        var rows = Read(book);

        Assert.Equal("KH1|公司一|13800000002", string.Join('|', rows[2].Cells));
    }

    [Fact]
    public void DeclaredDimensionOfTheWholeSheet_ReadsRowsOnlyAsWideAsTheirValues()
    {
        var data = string.Concat(Enumerable.Range(2, 200).Select(i => Row(i, ("A", $"KH{i}"), ("B", $"公司{i}"))));
        var book = Workbook(Sheet(Header + data, dimension: "A1:XFD1048576"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = Read(book);

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L << 20); // rows 16,384 wide would be gigabytes

        Assert.Equal(201, rows.Count);
        Assert.All(rows, r => Assert.True(r.Cells.Length <= 3, $"line {r.Line} is {r.Cells.Length} cells wide"));
    }

    [Fact]
    public void StyledEmptyCellsFarToTheRight_WidenNothing()
    {
        var book = Workbook(Sheet(Header.Replace("</row>", "<c r=\"XFD1\" s=\"1\"/></row>", StringComparison.Ordinal) + Row(2, ("A", "KH1"), ("B", "公司一"))));

        var rows = Read(book);

        Assert.Equal(3, rows[0].Cells.Length);
    }

    [Fact]
    public void ValueBeyondColumnIV_IsRefusedNamingItsCell()
    {
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("B", "公司一"), ("XFD", "x"))));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(2, error.Line);
        Assert.Contains("XFD2", error.Message, StringComparison.Ordinal);
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsedRangeOverTheBound_IsRefused()
    {
        // A value in column IV and one in row 100,000: 100,000 × 256 cells of used range, more than the bound.
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("IV", "x")) + Row(100_000, ("A", "KH2"))));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("used range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellLongerThanExcelAllows_IsRefusedWithItsRow()
    {
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("B", new string('长', XlsxInspection.MaxCellChars + 1)))));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(2, error.Line);
        Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedStringLongerThanExcelAllows_IsRefused()
    {
        var strings = $"<sst xmlns=\"{Main}\" count=\"1\" uniqueCount=\"1\"><si><t>{new string('x', XlsxInspection.MaxCellChars + 1)}</t></si></sst>";
        var book = Workbook(Sheet(Header + "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>"), sharedStrings: strings);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("shared string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PartThatExpandsPastItsBound_IsRefusedBeforeItIsRead()
    {
        // 70 MB of empty comments inside the sheet compress about a thousand times: past both 64 MiB and 100 times the compressed size.
        var padding = new StringBuilder(70 << 20).Insert(0, "<!---->", 10 << 20).ToString();
        var book = Workbook(Sheet(Header + padding + Row(2, ("A", "KH1"), ("B", "公司一"))), level: CompressionLevel.SmallestSize);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("expands to more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentTypeDeclaration_IsRefused()
    {
        var sheet = Sheet(Header).Replace("<worksheet", "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]><worksheet", StringComparison.Ordinal);

        var error = Assert.Throws<ImportFileException>(() => Read(Workbook(sheet)));

        Assert.Contains("not a readable .xlsx workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CellNamingAnArchiveEntry_StaysText()
    {
        // MiniExcel can turn "@@@fileid@@@,<entry>" into the bytes of that entry, loaded whole; the import reads it as the text it is.
        var book = Workbook(Sheet(Header + Row(2, ("A", "KH1"), ("B", "@@@fileid@@@,xl/workbook.xml"))));

        var rows = Read(book);

        Assert.Equal("@@@fileid@@@,xl/workbook.xml", rows[1].Cells[1]);
    }

    [Fact]
    public void OneSharedStringUsedByManyCells_CountsOncePerCell_AndARowOverAMebicharIsRefused()
    {
        // 64 cells of one row all use one string of 20,000 characters: 1.28 million characters of text from a few kilobytes.
        var strings = $"<sst xmlns=\"{Main}\"><si><t>{new string('x', 20_000)}</t></si></sst>";
        var book = SharedStringRow(strings);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Equal(2, error.Line);
        Assert.Contains("more than 1048576 characters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<v>+0</v>")]
    [InlineData("<v> 0</v>")]
    [InlineData("<v>0.0</v>")]
    [InlineData("<v><![CDATA[0]]></v>")]
    [InlineData("<is><t>0</t></is>")]
    [InlineData("<v>1<![CDATA[0]]></v>")]
    public void SharedStringIndexWrittenAnyWayTheReaderAccepts_CountsAsThatString(string value)
    {
        // Each of these forms names a shared string to MiniExcel (or may): counted as the string, never as its few characters.
        var strings = $"<sst xmlns=\"{Main}\"><si><t>{new string('x', 20_000)}</t></si>" + string.Concat(Enumerable.Range(1, 10).Select(i => $"<si><t>{i}</t></si>")) + "</sst>";
        var book = SharedStringRow(strings, value);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("more than 1048576 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedStringInAnotherNamespace_IsNotCounted_SoTheIndexesStayTheReaders()
    {
        // MiniExcel skips an <x:si>; string 0 is then the long one, and the cells using it must count it.
        var strings = $"<sst xmlns=\"{Main}\" xmlns:x=\"urn:x\"><x:si><t>short</t></x:si><si><t>{new string('x', 20_000)}</t></si></sst>";
        var book = SharedStringRow(strings);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("more than 1048576 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextSplitByANestedEmptyItem_StillCountsAsOneCell()
    {
        // An empty <c/> inside a cell must not restart the count of that cell's text.
        var half = new string('x', 20_000);
        var book = Workbook(Sheet(Header + $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>{half}</t><c/><t>{half}</t></is></c></row>"));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("longer than 32767", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedElements_AreRefused()
    {
        var nested = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));
        var book = Workbook(Sheet(Header + nested));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyCellStyles_AreRefused()
    {
        var styles = $"<styleSheet xmlns=\"{Main}\"><cellXfs>{string.Concat(Enumerable.Repeat("<xf numFmtId=\"0\"/>", XlsxInspection.MaxStyles + 1))}</cellXfs></styleSheet>";
        var book = Workbook(Sheet(Header), styles: styles);

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("cell styles", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsOutOfOrder_AreRefused()
    {
        var book = Workbook(Sheet(Header + Row(3, ("A", "KH2")) + Row(2, ("A", "KH1"))));

        var error = Assert.Throws<ImportFileException>(() => Read(book));

        Assert.Contains("in order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyFormulaResultsAndStyledCellsBeyondColumnIV_WidenNothing()
    {
        // A template: formulas copied far to the right whose results are empty, styled empty cells; a cell naming a style the
        // workbook has no styles part for.
        var book = Workbook(Sheet(Header + "<row r=\"2\"><c r=\"A2\" s=\"3\" t=\"inlineStr\"><is><t>KH1</t></is></c><c r=\"IW2\"><f>\"\"</f><v></v></c><c r=\"XFD2\" s=\"1\"></c></row>"));

        var rows = Read(book);

        Assert.Equal("KH1", Assert.Single(rows[1].Cells));
    }

    [Fact]
    public void SeveralSheets_TheFirstTheWorkbookListsIsTheOneReadAndChecked()
    {
        // The workbook lists sheet2.xml first; sheet1.xml holds a value far beyond column IV that would be refused if it were read.
        var first = Sheet(Header + Row(2, ("A", "KH2"), ("B", "公司二")));
        var other = Sheet(Header + Row(2, ("A", "KH1"), ("XFD", "x")));
        var book = Workbook(other, secondSheetListedFirst: first);

        var rows = Read(book);

        Assert.Equal("KH2", rows[1].Cells[0]);
    }

    internal const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose row 2 has 64 cells naming a shared string by <paramref name="value"/> (index 0 by default).</summary>
    private static byte[] SharedStringRow(string sharedStrings, string value = "<v>0</v>")
    {
        var cells = string.Concat(Enumerable.Range(0, 64).Select(c => $"<c r=\"{TableReader.ColumnName(c)}2\" t=\"s\">{value}</c>"));
        return Workbook(Sheet(Header + $"<row r=\"2\">{cells}</row>"), sharedStrings: sharedStrings);
    }

    private static List<SourceRow> Read(byte[] book)
    {
        using var stream = new MemoryStream(book);
        return [.. TableReader.ReadXlsx(stream, "hostile.xlsx")];
    }

    private static string Row(int number, params (string Column, string Text)[] cells) =>
        $"<row r=\"{number}\">" + string.Concat(cells.Select(c => $"<c r=\"{c.Column}{number}\" t=\"inlineStr\"><is><t>{c.Text}</t></is></c>")) + "</row>";

    internal static string Sheet(string rows, string[]? merges = null, string dimension = "A1:C2")
    {
        var merged = merges is null ? string.Empty : $"<mergeCells count=\"{merges.Length}\">" + string.Concat(merges.Select(m => $"<mergeCell ref=\"{m}\"/>")) + "</mergeCells>";
        return $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\"><dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData>{merged}</worksheet>";
    }

    internal static byte[] Workbook(string sheet, string? sharedStrings = null, CompressionLevel level = CompressionLevel.Fastest, string? styles = null, string? secondSheetListedFirst = null)
    {
        const string Package = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string Office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, level).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            Part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            Part("_rels/.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{Package}\"><Relationship Id=\"rId1\" Type=\"{Office}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            var sheets = secondSheetListedFirst is null
                ? "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
                : "<sheet name=\"Sheet2\" sheetId=\"2\" r:id=\"rId2\"/><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>";
            Part("xl/workbook.xml", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{Main}\" xmlns:r=\"{Office}\"><sheets>{sheets}</sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels", $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{Package}\"><Relationship Id=\"rId1\" Type=\"{Office}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{Office}/worksheet\" Target=\"worksheets/sheet2.xml\"/></Relationships>");
            Part("xl/worksheets/sheet1.xml", sheet);
            if (secondSheetListedFirst is not null)
            {
                Part("xl/worksheets/sheet2.xml", secondSheetListedFirst);
            }

            if (styles is not null)
            {
                Part("xl/styles.xml", styles);
            }
            if (sharedStrings is not null)
            {
                Part("xl/sharedStrings.xml", sharedStrings);
            }
        }

        return buffer.ToArray();
    }
}
