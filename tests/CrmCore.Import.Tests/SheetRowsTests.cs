using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>A worksheet's rows say how many rows the sheet has once it is inspected, so the import can size its duplicate index once.</summary>
public class SheetRowsTests
{
    [Fact]
    public void Rows_UnknownUntilTheSheetIsRead_ThenTheSheetsRowCount()
    {
        var rows = string.Concat(Enumerable.Range(1, 5).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>v{i}</t></is></c></row>"));
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(HostileWorkbookTests.Sheet(rows)));

        var (read, format, _) = TableSource.Read(stream, "five.xlsx", ImportFormat.Auto, null);

        Assert.Equal("xlsx", format);
        var sheet = Assert.IsType<SheetRows>(read);
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
}
