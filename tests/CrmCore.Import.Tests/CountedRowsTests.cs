using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>An .xlsx or JSON file's rows say how many rows there are before the first, so the import can size its duplicate index once.</summary>
public class CountedRowsTests
{
    [Fact]
    public void Rows_UnknownUntilTheSheetIsRead_ThenTheSheetsRowCount()
    {
        var rows = string.Concat(Enumerable.Range(1, 5).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>v{i}</t></is></c></row>"));
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(HostileWorkbookTests.Sheet(rows)));

        var (read, format, _) = TableSource.Read(stream, "five.xlsx", ImportFormat.Auto, null);

        Assert.Equal("xlsx", format);
        var sheet = Assert.IsType<CountedRows>(read);
        Assert.Null(sheet.Rows);
        using var enumerator = sheet.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.Equal(5, sheet.Rows);
        var count = 1;
        while (enumerator.MoveNext())
        {
            count++;
        }

        Assert.Equal(5, count);
    }

    [Theory]
    [InlineData("three.json", "[{\"客户编号\":\"KH1\"},{\"客户编号\":\"KH2\"},{\"客户编号\":\"KH3\"}]")]
    [InlineData("three.jsonl", "{\"客户编号\":\"KH1\"}\n{\"客户编号\":\"KH2\"}\n{\"客户编号\":\"KH3\"}\n")]
    public void Rows_OfAJsonFile_KnownAfterTheFirstPass_HeaderIncluded(string name, string json)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var (read, _, _) = TableSource.Read(stream, name, ImportFormat.Auto, null);

        var rows = Assert.IsType<CountedRows>(read);
        Assert.Null(rows.Rows);
        using var enumerator = rows.GetEnumerator();
        Assert.True(enumerator.MoveNext());
        Assert.Equal(4, rows.Rows);
    }
}
