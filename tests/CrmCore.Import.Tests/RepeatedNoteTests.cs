using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A default filled in on many rows (no first-contact date, no contact name) costs no memory per row and one line of the text report,
/// which still says which rows got it; the JSON keeps the note on every row (QA wave 15b, item 12).
/// </summary>
public sealed class RepeatedNoteTests
{
    private static async Task<ImportReport> ImportAsync(string csv, string language = "en")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var options = new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) };
        return await Samples.Importer(new InMemoryCustomerRepository(), options).ImportAsync(stream, "many.csv");
    }

    /// <summary>Rows 2 .. count+1 without a first-contact date or a contact name; every <paramref name="datedEvery"/>th has a date.</summary>
    private static string Rows(int count, int datedEvery = int.MaxValue)
    {
        var csv = new StringBuilder("客户名称,联系电话,首次接触时间\n");
        for (var i = 1; i <= count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"公司{i},1380001{i:D4},{(i % datedEvery == 0 ? "2024-01-01" : string.Empty)}\n");
        }

        return csv.ToString();
    }

    [Fact]
    public async Task RowsWithTheSameDefaults_ShareOneNoteList_NotOnePerRow()
    {
        var report = await ImportAsync(Rows(3));

        var first = report.Rows[0].Notes!;
        Assert.Equal([CustomerNotes.UnnamedContact, CustomerNotes.FirstContactDefaulted], first.Select(n => n.Code));
        Assert.Same(first, report.Rows[1].Notes);
        Assert.Same(first, report.Rows[2].Notes);
    }

    [Theory]
    [InlineData("en", "note: no first-contact date: set to 2026-03-10, the day of the import (1200 rows: lines 2–1201)",
        "note: no contact name: the contact is stored as '(未提供姓名)' (1200 rows: lines 2–1201)")]
    [InlineData("zh-Hans", "提示：未提供首次接触时间：已设为导入当天 2026-03-10（共 1200 行：第 2–1201 行）",
        "提示：未提供联系人姓名：联系人以“(未提供姓名)”保存（共 1200 行：第 2–1201 行）")]
    public async Task TheTextReport_SaysARepeatedDefaultOnce_WithItsRows(string language, string date, string name)
    {
        var report = await ImportAsync(Rows(1200), language);

        var lines = ImportReportWriter.ToText(report, CultureInfo.GetCultureInfo(language)).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal(1200, report.Totals.Inserted);
        Assert.Single(lines, date);
        Assert.Single(lines, name);
        Assert.DoesNotContain(lines, l => l.StartsWith("many.csv:", StringComparison.Ordinal));
        Assert.True(lines.Count < 12, string.Join('\n', lines));
    }

    [Fact]
    public async Task ManySeparateRuns_AreCutAfterTwentyRanges_AndTheCountStaysWhole()
    {
        // Every second row has a date: 30 rows without one, each a range of its own.
        var report = await ImportAsync(Rows(60, datedEvery: 2));

        var text = ImportReportWriter.ToText(report, CultureInfo.InvariantCulture);

        var ranges = string.Join(", ", Enumerable.Range(0, 20).Select(i => (2 + (2 * i)).ToString(CultureInfo.InvariantCulture)));
        Assert.Contains($"the day of the import (30 rows: lines {ranges}, …; every line in the JSON or .xlsx report)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJsonReport_StillNamesEveryDefaultedRow()
    {
        var report = await ImportAsync(Rows(40, datedEvery: 4));
        using var json = new MemoryStream();

        ImportReportWriter.WriteJson(report, json);

        using var parsed = JsonDocument.Parse(json.ToArray());
        var defaulted = parsed.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => r.TryGetProperty("notes", out var notes) && notes.EnumerateArray().Any(n => n.GetProperty("code").GetString() == CustomerNotes.FirstContactDefaulted))
            .Select(r => r.GetProperty("line").GetInt32());
        Assert.Equal(Enumerable.Range(1, 40).Where(i => i % 4 != 0).Select(i => i + 1), defaulted);
    }

    [Fact]
    public async Task ARowsOwnNote_IsStillListedUnderIt()
    {
        var report = await ImportAsync("客户名称,联系人,联系电话,首次接触时间\n双号公司,张三,13800000001/13800000002,\n");

        var lines = ImportReportWriter.ToText(report, CultureInfo.InvariantCulture).Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        var at = lines.FindIndex(l => l.StartsWith("many.csv:2", StringComparison.Ordinal));
        Assert.True(at >= 0, string.Join('\n', lines));
        Assert.StartsWith("    note [联系电话]: another number", lines[at + 1], StringComparison.Ordinal);
        Assert.Contains("note: no first-contact date: set to 2026-03-10, the day of the import (1 row: line 2)", lines);
    }
}
