using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using MiniExcelLibs;

namespace CrmCore.Import.Tests;

/// <summary>
/// The text report lists at most a bounded number of rows per outcome and counts the rest on one line per outcome, in English or
/// zh-Hans, so a file of a million rejected rows does not print a million lines; the totals, the JSON and the .xlsx reports stay
/// complete.
/// </summary>
public class TextReportBoundsTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void ToText_AMillionRejectedRows_ListsTheDefaultNumber_AndCountsTheRestOnOneLine()
    {
        const int Count = 1_000_000;
        var report = Report(new GeneratedRows(Count, line => Rejected(line + 2)));

        var text = ImportReportWriter.ToText(report, English);
        var lines = Lines(text);

        Assert.Equal(1_000, ImportReportWriter.DefaultTextRowsPerOutcome);
        Assert.Equal(ImportReportWriter.DefaultTextRowsPerOutcome, lines.Count(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.Equal("many.csv:2:3: rejected [联系方式]: 'x' is not a phone number", lines.First(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.Equal("many.csv:1001:3: rejected [联系方式]: 'x' is not a phone number", lines.Last(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.Equal("… and 999000 more rows rejected, not listed here; see the JSON or .xlsx report", lines[^1]);
        Assert.Contains("rejected 1000000", text, StringComparison.Ordinal); // the totals count every row
        Assert.InRange(text.Length, 0, 100_000);
    }

    [Fact]
    public void ToText_InChinese_SaysHowManyMoreRowsAreNotListed()
    {
        var report = Report(new GeneratedRows(5, line => Rejected(line + 2)));

        var lines = Lines(ImportReportWriter.ToText(report, Chinese, maxRowsPerOutcome: 3));

        Assert.Equal(3, lines.Count(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.Equal("……另有 2 行（拒绝）未在此列出；请查看 JSON 或 .xlsx 报告", lines[^1]);
    }

    [Fact]
    public void ToText_BoundsEachOutcomeOnItsOwn_ABlankRunIsOneLine_AndPointsAtTheReportThatHasTheRows()
    {
        ImportRowResult[] rows =
        [
            Rejected(2), Held(3), Skipped(4, "Totals"), Rejected(5), Blank(6), Blank(7), Blank(8), Inserted(9), Held(10), Rejected(11),
            Blank(12), Updated(13), Rejected(14), Blank(15), Blank(16), Held(17), Updated(18), Skipped(19, "RepeatedHeader"), Updated(20),
        ];

        var lines = Lines(ImportReportWriter.ToText(Report(rows), English, maxRowsPerOutcome: 2));

        Assert.Equal(
        [
            "many.csv:2:3: rejected [联系方式]: 'x' is not a phone number",
            "many.csv:3: held for review: same phone number as KH1 (line 2)",
            "many.csv:4: skipped: Totals",
            "many.csv:5:3: rejected [联系方式]: 'x' is not a phone number",
            "many.csv: lines 6–8: skipped: blank row (3 rows)",
            "many.csv:10: held for review: same phone number as KH1 (line 2)",
            "many.csv:13: updated KH13",
            "many.csv:18: updated KH18",
            "… and 1 more row updated, not listed here; see the JSON report",
            "… and 1 more row held for review, not listed here; see the JSON or .xlsx report",
            "… and 2 more rows rejected, not listed here; see the JSON or .xlsx report",
            "… and 4 more rows skipped, not listed here; see the JSON report",
        ], lines.SkipWhile(l => !l.StartsWith("many.csv:", StringComparison.Ordinal)));
    }

    [Fact]
    public void ToText_ZeroRowsPerOutcome_ListsNone_CountsThemAll_AndMaxValueListsEveryRow()
    {
        var report = Report(new GeneratedRows(1_500, line => Rejected(line + 2)));

        var none = Lines(ImportReportWriter.ToText(report, English, 0));
        var all = Lines(ImportReportWriter.ToText(report, English, int.MaxValue));

        Assert.DoesNotContain(none, l => l.StartsWith("many.csv:", StringComparison.Ordinal));
        Assert.Equal("… and 1500 more rows rejected, not listed here; see the JSON or .xlsx report", none[^1]);
        Assert.Equal(1_500, all.Count(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.DoesNotContain(all, l => l.StartsWith('…'));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImportReportWriter.ToText(report, English, -1));
    }

    [Fact]
    public void ToText_AtTheBoundExactly_SaysNothingMore()
    {
        var report = Report(new GeneratedRows(4, line => Rejected(line + 2)));

        var lines = Lines(ImportReportWriter.ToText(report, English, 4));

        Assert.Equal(4, lines.Count(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("more rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_ManyRejectedRows_TextIsBounded_TotalsJsonAndXlsxKeepEveryRow()
    {
        // More rejected rows than the report keeps in memory, so the rows past the text bound are also read back from disk.
        const int Bad = 20_000;
        // The good row names its contact and first-contact date, so that it has no notes and only the rejected rows are listed.
        var csv = new StringBuilder("客户编号,客户名称,联系方式,联系人,首次接触时间\nKH1,公司一,13800000001,张三,2026-01-05\n");
        for (var i = 0; i < Bad; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"KH{i + 2},公司{i + 2},坏电话{i}\n");
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));
        var report = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = English }).ImportAsync(stream, "many.csv");

        var text = ImportReportWriter.ToText(report, English);
        var lines = Lines(text);

        Assert.Equal((Bad, 1), (report.Totals.Rejected, report.Totals.Inserted));
        Assert.Equal(ImportReportWriter.DefaultTextRowsPerOutcome, lines.Count(l => l.StartsWith("many.csv:", StringComparison.Ordinal)));
        Assert.Equal($"… and {Bad - ImportReportWriter.DefaultTextRowsPerOutcome} more rows rejected, not listed here; see the JSON or .xlsx report", lines[^1]);
        Assert.Contains($"rejected {Bad}", text, StringComparison.Ordinal);

        using (var json = new MemoryStream())
        {
            ImportReportWriter.WriteJson(report, json);
            using var parsed = JsonDocument.Parse(json.ToArray());
            Assert.Equal(Bad, parsed.RootElement.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "rejected"));
            Assert.Equal(Bad, parsed.RootElement.GetProperty("totals").GetProperty("rejected").GetInt32());
        }

        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, English);
        xlsx.Position = 0;
        Assert.Equal(Bad, xlsx.Query(useHeaderRow: true).Count());
    }

    private static List<string> Lines(string text) => [.. text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];

    private static ImportReport Report(IReadOnlyList<ImportRowResult> rows) => new()
    {
        File = "many.csv",
        Entity = "customers",
        Format = "csv",
        HeaderLine = 1,
        Rows = rows,
        Totals = new ImportTotals
        {
            Inserted = rows.Count(r => r.Outcome == ImportOutcome.Inserted),
            Updated = rows.Count(r => r.Outcome == ImportOutcome.Updated),
            Held = rows.Count(r => r.Outcome == ImportOutcome.Held),
            Rejected = rows.Count(r => r.Outcome == ImportOutcome.Rejected),
            Skipped = rows.Count(r => r.Outcome == ImportOutcome.Skipped),
        },
    };

    private static ImportRowResult Rejected(int line) =>
        new() { Line = line, Outcome = ImportOutcome.Rejected, Column = "联系方式", ColumnNumber = 3, Reason = "'x' is not a phone number", ReasonCode = "Phone", Cells = ["KH", "公司", "x"] };

    private static ImportRowResult Held(int line) =>
        new() { Line = line, Outcome = ImportOutcome.Held, CustomerId = "KH1", Reason = "same phone number as KH1 (line 2)", ReasonCode = "Held", MatchedBy = "phone", MatchedSource = "line 2" };

    private static ImportRowResult Blank(int line) => new() { Line = line, Outcome = ImportOutcome.Skipped, Reason = "blank row", ReasonCode = "Blank" };

    private static ImportRowResult Skipped(int line, string code) => new() { Line = line, Outcome = ImportOutcome.Skipped, Reason = code, ReasonCode = code };

    private static ImportRowResult Updated(int line) => new() { Line = line, Outcome = ImportOutcome.Updated, CustomerId = $"KH{line}" };

    private static ImportRowResult Inserted(int line) => new() { Line = line, Outcome = ImportOutcome.Inserted, CustomerId = $"KH{line}" };

    /// <summary>Rows made on demand, so that a report of a million rows costs no memory in the test.</summary>
    private sealed class GeneratedRows(int count, Func<int, ImportRowResult> row) : IReadOnlyList<ImportRowResult>
    {
        public int Count => count;

        public ImportRowResult this[int index] => row(index);

        public IEnumerator<ImportRowResult> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return row(i);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
