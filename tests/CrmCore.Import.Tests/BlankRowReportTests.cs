using System.Globalization;
using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Import.Reports;
using CrmCore.Imports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A sheet of a million blank rows: every row keeps its one outcome (the report accounts for every row, kept on disk past the first
/// rows), while the text report gives a run of consecutive blank rows one line, so it stays readable; JSON keeps one entry per row.
/// </summary>
public class BlankRowReportTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void ToText_ConsecutiveBlankRows_ShareOneLine_OtherRowsKeepTheirOwn()
    {
        var report = Report(
            Inserted(2), Blank(3), Blank(4), Blank(5), Blank(6), Blank(7), Rejected(8), Blank(9), Inserted(10), Blank(11), Blank(12),
            Inserted(13), Blank(14), Blank(15), Totals(16));

        var lines = RowLines(ImportReportWriter.ToText(report, English));

        Assert.Equal(
        [
            "blank.xlsx: lines 3–7: skipped: blank row (5 rows)",
            "blank.xlsx:8:2: rejected [联系方式]: not a phone number",
            "blank.xlsx:9: skipped: blank row",
            "blank.xlsx: lines 11–12: skipped: blank row (2 rows)",
            "blank.xlsx: lines 14–15: skipped: blank row (2 rows)",
            "blank.xlsx:16: skipped: totals row",
        ], lines);
    }

    [Fact]
    public void ToText_InChinese_BlankRunsShareOneLine()
    {
        var report = Report(Blank(3, Chinese), Blank(4, Chinese), Blank(5, Chinese));

        var lines = RowLines(ImportReportWriter.ToText(report, Chinese));

        Assert.Equal(["blank.xlsx: 第3–5行: 跳过: 空行（共3行）"], lines);
    }

    [Fact]
    public void WriteJson_KeepsOneEntryPerBlankRow()
    {
        var report = Report(Inserted(2), Blank(3), Blank(4), Blank(5));
        using var json = new MemoryStream();

        ImportReportWriter.WriteJson(report, json);

        using var document = JsonDocument.Parse(json.ToArray());
        Assert.Equal([2, 3, 4, 5], document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task MillionBlankRows_EachRowHasItsOutcome_OnDisk_AndTheTextReportStaysShort()
    {
        // Two customers a million rows apart: the reader gives every row between as blank (a few hundred bytes of workbook).
        const int Last = 1_000_001;
        var sheet = HostileWorkbookTests.Sheet(
            Row(1, "客户编号", "客户名称", "联系方式", "联系人", "首次接触时间") + Row(2, "KH1", "公司一", "13800000001", "张三", "2026-01-05")
            + Row(Last, "KH2", "公司二", "13800000002", "李四", "2026-01-06"));
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(sheet));

        var report = await Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(stream, "blank.xlsx");

        Assert.Equal(Last - 1, report.Totals.RowsRead);
        Assert.Equal(Last - 1, report.Rows.Count);
        Assert.Equal(2, report.Totals.Inserted);
        Assert.Equal(Last - 3, report.Totals.Skipped);
        var log = Assert.IsType<ImportRowLog>(report.Rows);
        Assert.InRange(report.Rows.Count - log.Spilled, 0, ImportRowLog.DefaultMemoryRows); // the rest are on disk

        var text = ImportReportWriter.ToText(report, English);

        Assert.Equal([$"blank.xlsx: lines 3–{Last - 1}: skipped: blank row ({Last - 3} rows)"], RowLines(text));
        Assert.InRange(text.Length, 0, 2_000);
    }

    [Fact]
    public void ToText_ARowWithTheBlankRowTextButAnotherCode_IsNotGrouped()
    {
        // A totals row whose reason text happens to read like the blank-row text: the code decides, not the text.
        var lookalike = new ImportRowResult { Line = 5, Outcome = ImportOutcome.Skipped, Reason = "blank row", ReasonCode = "Totals" };
        var report = Report(Blank(3), Blank(4), lookalike, Blank(6), Blank(7));

        var lines = RowLines(ImportReportWriter.ToText(report, English));

        Assert.Equal(
        [
            "blank.xlsx: lines 3–4: skipped: blank row (2 rows)",
            "blank.xlsx:5: skipped: blank row",
            "blank.xlsx: lines 6–7: skipped: blank row (2 rows)",
        ], lines);
    }

    [Fact]
    public void ToText_BlankRowsAreKnownByTheirCode_AndARunIsWrittenWithItsRowsOwnText()
    {
        // The writer looks no reason up: blank rows in a text it has no resource for (a host's own wording) are grouped by their code
        // and written with that text, in a report of either language; a skipped row without the code stands alone.
        ImportRowResult Own(int line) => new() { Line = line, Outcome = ImportOutcome.Skipped, Reason = "leere Zeile", ReasonCode = "Blank" };
        var noCode = new ImportRowResult { Line = 6, Outcome = ImportOutcome.Skipped, Reason = "blank row" };
        var report = Report(Own(3), Own(4), Own(5), noCode, Blank(7, Chinese), Blank(8));

        Assert.Equal(
        [
            "blank.xlsx: lines 3–5: skipped: leere Zeile (3 rows)",
            "blank.xlsx:6: skipped: blank row",
            "blank.xlsx: lines 7–8: skipped: 空行 (2 rows)",
        ], RowLines(ImportReportWriter.ToText(report, English)));
        Assert.Equal("blank.xlsx: 第3–5行: 跳过: leere Zeile（共3行）", RowLines(ImportReportWriter.ToText(report, Chinese))[0]);
    }

    [Fact]
    public async Task Import_EveryBlankRowHasTheBlankCode_AndTheRunsTextInItsLanguage()
    {
        var csv = "客户编号,客户名称,联系方式\nKH1,公司一,13800000001\n,,\n,,\n合计,,\n,,\n";
        foreach (var (culture, text) in new[] { (English, "blank row"), (Chinese, "空行") })
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv));
            var report = await Samples.Importer(new InMemoryCustomerRepository(), new CrmCore.Import.Customers.CustomerImportOptions { Culture = culture }).ImportAsync(stream, "blank.csv");

            var blanks = report.Rows.Where(r => r.ReasonCode == "Blank").ToList();
            Assert.Equal([3, 4, 6], blanks.Select(r => r.Line));
            Assert.All(blanks, r => Assert.Equal(text, r.Reason));
            Assert.Equal("Totals", report.Rows.Single(r => r.Line == 5).ReasonCode);
            Assert.Null(report.Rows.Single(r => r.Line == 2).ReasonCode);
        }
    }

    private static string Row(int number, params string[] texts) =>
        $"<row r=\"{number}\">" + string.Concat(texts.Select((t, i) => $"<c r=\"{(char)('A' + i)}{number}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")) + "</row>";

    /// <summary>The report's row lines: those after the totals (the lines naming the file with a line number or range).</summary>
    private static List<string> RowLines(string text) =>
        [.. text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("blank.xlsx:", StringComparison.Ordinal))];

    private static ImportReport Report(params ImportRowResult[] rows) => new()
    {
        File = "blank.xlsx",
        Entity = "customers",
        Format = "xlsx",
        HeaderLine = 1,
        Rows = rows,
        Totals = new ImportTotals
        {
            Inserted = rows.Count(r => r.Outcome == ImportOutcome.Inserted),
            Rejected = rows.Count(r => r.Outcome == ImportOutcome.Rejected),
            Skipped = rows.Count(r => r.Outcome == ImportOutcome.Skipped),
        },
    };

    private static ImportRowResult Blank(int line, CultureInfo? culture = null) =>
        new() { Line = line, Outcome = ImportOutcome.Skipped, Reason = culture == Chinese ? "空行" : "blank row", ReasonCode = "Blank" };

    private static ImportRowResult Totals(int line) => new() { Line = line, Outcome = ImportOutcome.Skipped, Reason = "totals row", ReasonCode = "Totals" };

    private static ImportRowResult Inserted(int line) => new() { Line = line, Outcome = ImportOutcome.Inserted, CustomerId = $"KH{line}" };

    private static ImportRowResult Rejected(int line) =>
        new() { Line = line, Outcome = ImportOutcome.Rejected, Column = "联系方式", ColumnNumber = 2, Reason = "not a phone number", ReasonCode = "Phone" };
}
