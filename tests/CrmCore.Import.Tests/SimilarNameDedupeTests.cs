using System.Globalization;
using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Normalization;

namespace CrmCore.Import.Tests;

/// <summary>
/// Similar company names among hundreds that start alike: the old first-character blocks compared at most 256 names of a block (the
/// whole-run index the last 256 added, the stores' key index the first 256 in ordinal order) and missed the rest without a word.
/// </summary>
public sealed class SimilarNameDedupeTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    /// <summary>600 other customers whose names start with 上海 and sort before 上海瑞丰 (一 U+4E00 and up, 瑞 is U+745E); no two of them
    /// 0.85 similar (they differ in at least one of six characters).</summary>
    private static IEnumerable<string> Fillers() =>
        Enumerable.Range(0, 600).Select(i => $"KH{i + 1:D4},上海{(char)('一' + i)}{(char)('丁' + (i % 40))}贸易有限公司,,,,,");

    public static TheoryData<bool, int> Stores => new() { { true, 100 }, { true, 5000 }, { false, 100 }, { false, 5000 } };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task NearDuplicates_BehindHundredsOfNamesWithTheSameStart_AreMergedIntoTheFirst(bool keyIndex, int batchSize)
    {
        var csv = new StringBuilder(Header).Append("KH0000,上海瑞丰精密机械2号有限公司,制造业,,,,\n");
        foreach (var filler in Fillers())
        {
            csv.Append(filler).Append('\n');
        }

        csv.Append(",上海瑞丰精密机槭2号有限公司,,,,,\n"); // a typo (槭 for 械): 0.9 similar
        csv.Append(",上海瑞丰精密机械２号,,,,,\n"); // without 有限公司, a full-width digit: the same key
        csv.Append(",上海瑞风精密机械2号厂,,,,,\n"); // 风 for 丰 and 厂 added: 0.82, below the threshold
        var store = new InMemoryCustomerRepository();
        ICustomerRepository target = keyIndex ? store : new WithoutKeyIndex(store);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString()));

        var report = await Samples.Importer(target, new CustomerImportOptions { NameSimilarity = 0.85, BatchSize = batchSize }).ImportAsync(stream, "customers.csv");

        var tail = report.Rows.TakeLast(3).Select(r => (r.Outcome, r.CustomerId, r.MatchedBy)).ToArray();
        Assert.Equal((ImportOutcome.Merged, "KH0000", "name"), tail[0]);
        Assert.Equal((ImportOutcome.Merged, "KH0000", "name"), tail[1]);
        Assert.Equal(ImportOutcome.Inserted, tail[2].Outcome);
        Assert.Equal(602, (await Samples.AllAsync(store)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NearDuplicate_OfAStoredCustomerBehindHundreds_IsMergedIntoIt(bool keyIndex)
    {
        var store = new InMemoryCustomerRepository();
        ICustomerRepository target = keyIndex ? store : new WithoutKeyIndex(store);
        var options = new CustomerImportOptions { NameSimilarity = 0.85 };
        using (var first = new MemoryStream(Encoding.UTF8.GetBytes(Header + "KH0000,上海瑞丰精密机械2号有限公司,,,,,\n" + string.Join('\n', Fillers()) + "\n")))
        {
            Assert.Equal(601, (await Samples.Importer(target, options).ImportAsync(first, "first.csv")).Totals.Inserted);
        }

        using var second = new MemoryStream(Encoding.UTF8.GetBytes(Header + ",上海瑞丰精密机槭2号,,,,,\n"));
        var report = await Samples.Importer(target, options).ImportAsync(second, "second.csv");

        // Found by its similar name, and nothing new to add: unchanged, no new customer.
        Assert.Equal((ImportOutcome.Unchanged, "KH0000", "name"), (report.Rows[0].Outcome, report.Rows[0].CustomerId, report.Rows[0].MatchedBy));
        Assert.Equal(601, (await Samples.AllAsync(store)).Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_ASimilarNameSearchCutAtTheBound_IsNotedInTheReport(bool keyIndex)
    {
        var store = new InMemoryCustomerRepository();
        ICustomerRepository target = keyIndex ? store : new WithoutKeyIndex(store);
        var csv = new StringBuilder(Header);
        for (var i = 0; i <= SimilarNames.MaxCandidates; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"KH{i},上海{i},,,,,\n");
        }

        using (var first = new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())))
        {
            Assert.Equal(0, (await Samples.Importer(target, new CustomerImportOptions { NameSimilarity = 1 }).ImportAsync(first, "first.csv")).IncompleteNameSearches);
        }

        // Stored now: more names holding 海 and 上 than a search may read.
        using var second = new MemoryStream(Encoding.UTF8.GetBytes(Header + ",海上,,,,,\n"));
        // Imported in Chinese: the report holds the fact, and each writer says it in its own language.
        var chinese = new CultureInfo("zh-Hans");
        var report = await Samples.Importer(target, new CustomerImportOptions { NameSimilarity = 0.5, Culture = chinese }).ImportAsync(second, "second.csv");

        Assert.Equal(1, report.IncompleteNameSearches);
        var bound = SimilarNames.MaxCandidates.ToString(CultureInfo.InvariantCulture);
        var english = ImportReportWriter.ToText(report, CultureInfo.InvariantCulture);
        Assert.Contains($"1 similar-name searches stopped at the most name-gram entries a search may read ({bound})", english, StringComparison.Ordinal);
        Assert.DoesNotContain("相似名称", english, StringComparison.Ordinal);
        Assert.Contains($"1 次相似名称查找在读到上限（{bound} 条名称片段）时停止", ImportReportWriter.ToText(report, chinese), StringComparison.Ordinal);
        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        using (var parsed = System.Text.Json.JsonDocument.Parse(json.ToArray()))
        {
            Assert.Equal(1, parsed.RootElement.GetProperty("incompleteNameSearches").GetInt32());
        }

        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, CultureInfo.InvariantCulture);
        xlsx.Position = 0;
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(xlsx);
        Assert.Equal(["Rows", "Notes"], sheets);
        xlsx.Position = 0;
        var notes = MiniExcelLibs.MiniExcel.Query(xlsx, useHeaderRow: false, sheetName: "Notes").Cast<IDictionary<string, object?>>().Select(r => r.Values.First()?.ToString()).ToList();
        Assert.Equal("Notes", notes[0]);
        Assert.StartsWith("1 similar-name searches stopped", notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_ARunWithEverySearchComplete_SayNothingAboutNames()
    {
        var report = new ImportReport { File = "a.csv", Entity = "customers", Format = "csv", Totals = new CrmCore.Imports.ImportTotals() };

        Assert.DoesNotContain("similar-name", ImportReportWriter.ToText(report, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, CultureInfo.InvariantCulture);
        xlsx.Position = 0;
        Assert.Single(MiniExcelLibs.MiniExcel.GetSheetNames(xlsx));
    }

    [Fact]
    public void MatchIndex_ASearchCutAtTheBound_IsCounted()
    {
        var index = new CustomerMatchIndex(similarNames: true);
        for (var i = 0; i <= SimilarNames.MaxCandidates; i++)
        {
            index.Add(new CustomerId($"KH{i}"), i + 2, CompanyNameNormalizer.Key($"上海{i}"), []);
        }

        var row = new CustomerRow { Line = 1, Name = "上海" };
        Assert.Null(index.Find(row, "海上", byContact: false, similarity: 0.5));
        Assert.Equal(1, index.IncompleteNameSearches);
        Assert.NotNull(index.Find(row, "上海1", byContact: false, similarity: 0.9));
        Assert.Equal(1, index.IncompleteNameSearches);
        Assert.Equal(0, new CustomerMatchIndex(similarNames: true).IncompleteNameSearches);
    }

    [Fact]
    public void MatchIndex_AStoreLookupMarkedCut_IsCountedForItsName()
    {
        var index = new CustomerMatchIndex(similarNames: true);
        index.AddFound(default, 0, touched: false, created: false, CustomerKey.BlockOf("上海", 0.5));
        var row = new CustomerRow { Line = 1, Name = "上海" };
        Assert.Null(index.Find(row, "北京", byContact: false, similarity: 0.5));
        Assert.Equal(0, index.IncompleteNameSearches);
        Assert.Null(index.Find(row, "上海", byContact: false, similarity: 0.5));
        Assert.Equal(1, index.IncompleteNameSearches);
    }
}
