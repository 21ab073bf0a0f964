using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using MiniExcelLibs;

namespace CrmCore.Import.Tests;

/// <summary>
/// A match by a similar, not the same, company name says so with its score (text, JSON, .xlsx), and a row with its own customer id is
/// not merged into another customer by a similar name (QA wave 15, item 5).
/// </summary>
public sealed class CustomerSimilarNameTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    private static async Task<(ImportReport Report, InMemoryCustomerRepository Store)> ImportAsync(string csv, CustomerImportOptions options)
    {
        var store = new InMemoryCustomerRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return (await Samples.Importer(store, options).ImportAsync(stream, "sim.csv"), store);
    }

    /// <summary>The percent the reports show: whole, truncated (never 100 for names that are not the same).</summary>
    private static int Percent(ImportRowResult row) => (int)(row.MatchScore!.Value * 100);

    [Fact]
    public async Task RowsWithTheirOwnIds_AreNotMergedByASimilarName_TheyAreInserted_AndSaySo()
    {
        // QA's sim.csv.
        var (report, store) = await ImportAsync("客户编号,客户名称\nKH1101,北京华信科技\nKH1102,北京华信科技园\nKH1103,北京华为科技\n", new() { NameSimilarity = 0.8, Culture = English });

        Assert.Equal(3, report.Totals.Inserted);
        Assert.Equal(["KH1101", "KH1102", "KH1103"], (await Samples.AllAsync(store)).Select(c => c.Id.Value).Order(StringComparer.Ordinal));
        var similar = report.Rows.Where(r => r.ReasonCode == "OwnId").ToList();
        Assert.NotEmpty(similar);
        Assert.All(similar, r =>
        {
            Assert.Equal((ImportOutcome.Inserted, "name", "line 2"), (r.Outcome, r.MatchedBy, r.MatchedSource));
            Assert.InRange(r.MatchScore!.Value, 0.8, 0.9999);
            Assert.Equal($"inserted as a customer of its own: its company name is similar ({Percent(r)} %) to KH1101 (line 2), but the row has its own customer id", r.Reason);
        });

        var text = ImportReportWriter.ToText(report, English);
        Assert.Contains($"sim.csv:{similar[0].Line}: inserted {similar[0].CustomerId}: inserted as a customer of its own", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOwnIdReason_InChinese()
    {
        var (report, _) = await ImportAsync("客户编号,客户名称\nKH1101,北京华信科技\nKH1103,北京华为科技\n", new() { NameSimilarity = 0.8, Culture = Chinese });

        var row = report.Rows[1];
        Assert.Equal($"已作为独立客户新增：公司名称与 KH1101（第2行）相似（{Percent(row)}%），但本行有自己的客户编号", row.Reason);
    }

    [Fact]
    public async Task ARowWithoutAnId_IsMergedByASimilarName_AndTheReasonGivesTheScore_InEnglishAndChinese_AndJson()
    {
        const string Csv = "客户编号,客户名称\nKH1101,北京华信科技\n,北京华为科技\n";
        var (english, store) = await ImportAsync(Csv, new() { NameSimilarity = 0.8, Culture = English });
        var (chinese, _) = await ImportAsync(Csv, new() { NameSimilarity = 0.8, Culture = Chinese });

        var row = english.Rows[1];
        Assert.Equal((ImportOutcome.Merged, "KH1101", "name"), (row.Outcome, row.CustomerId, row.MatchedBy));
        Assert.Equal($"merged into KH1101: similar company name ({Percent(row)} %) to line 2", row.Reason);
        Assert.Equal($"已合并到 KH1101：与第2行的公司名称相似（{Percent(row)}%）", chinese.Rows[1].Reason);
        Assert.Single(await Samples.AllAsync(store));

        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(english, json);
        using var parsed = JsonDocument.Parse(json.ToArray());
        var written = parsed.RootElement.GetProperty("rows")[1];
        Assert.Equal("name", written.GetProperty("matchedBy").GetString());
        Assert.Equal(Math.Round(row.MatchScore!.Value, 4), written.GetProperty("matchScore").GetDouble());
        Assert.False(parsed.RootElement.GetProperty("rows")[0].TryGetProperty("matchScore", out _));
    }

    [Fact]
    public async Task TheSameNameInAnotherForm_StaysTheSameName_WithoutAScore()
    {
        var (report, _) = await ImportAsync("客户编号,客户名称\nKH1101,北京华信科技\n,北京华信科技有限公司\n", new() { NameSimilarity = 0.8, Culture = English });

        Assert.Equal(("merged into KH1101: same company name as line 2", null), (report.Rows[1].Reason, report.Rows[1].MatchScore));
    }

    [Fact]
    public async Task AHeldRow_ByASimilarName_SaysSoInTheXlsxReport()
    {
        var (report, _) = await ImportAsync(
            "客户编号,客户名称\nKH1101,北京华信科技\n,北京华为科技\n", new() { NameSimilarity = 0.8, Culture = Chinese, MergePolicy = MergePolicy.HoldForReview });

        var row = report.Rows[1];
        Assert.Equal(("Held", $"与 KH1101（第2行）的公司名称相似（{Percent(row)}%）"), (row.ReasonCode, row.Reason));
        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, Chinese);
        xlsx.Position = 0;
        var cells = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single();
        Assert.Contains(cells.Values, v => Equals(v, row.Reason));
    }

    [Fact]
    public async Task ARowWhoseIdIsStored_IsStillItsUpdate_NotASimilarNameMatch()
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAsync(Customer.Create(new CustomerId("KH1103"), new CustomerProfile { Name = "北京华为科技", FirstContactOn = new NodaTime.LocalDate(2026, 1, 1) },
            NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0)).ToState(), 0);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称\nKH1101,北京华信科技\nKH1103,北京华为科技\n"));

        var report = await Samples.Importer(store, new() { NameSimilarity = 0.8 }).ImportAsync(stream, "sim.csv");

        Assert.Equal((ImportOutcome.Unchanged, "KH1103", null), (report.Rows[1].Outcome, report.Rows[1].CustomerId, report.Rows[1].ReasonCode));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ARenamedCustomer_IsNoLongerFoundByItsEarlierName_WithOrWithoutAStoreKeyIndex(bool keyIndex)
    {
        // KH3 is renamed by a later row of its own record; a store's key index knows it by its new name only, and so does the run's own
        // index: a later row with the old name is a customer of its own in both, whichever batch it falls in.
        var store = new InMemoryCustomerRepository();
        ICustomerRepository target = keyIndex ? store : new WithoutKeyIndex(store);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称\nKH3,甲公司\nKH3,乙贸易\n,甲公司\n"));

        var report = await Samples.Importer(target, new() { BatchSize = 2 }).ImportAsync(stream, "renamed.csv");

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Merged, ImportOutcome.Inserted], report.Rows.Select(r => r.Outcome));
        Assert.Equal(["乙贸易", "甲公司"], (await Samples.AllAsync(store)).Select(c => c.Name).Order(StringComparer.Ordinal));
    }
}
