using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Articles;
using CrmCore.Import.Assets;
using CrmCore.Import.Customers;
using CrmCore.Import.Localization;
using CrmCore.Import.Mapping;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tests.Entities;
using CrmCore.Import.Tickets;
using CrmCore.Knowledge;
using CrmCore.Tickets;
using MiniExcelLibs;
using NodaTime;

namespace CrmCore.Import.Tests;

/// <summary>
/// Every row reason has a stable code (its resource key without <c>Reason_</c> and without a wording's variant): one declared field per
/// key, every code documented in docs/import.md with its English texts, every importer sets the code whenever it sets a reason, and one
/// reason has one code whichever importer gives it.
/// </summary>
public sealed class ReasonCodeTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    /// <summary>The import's resource files with row reasons.</summary>
    private static readonly string[] Files = ["ImportStrings", "ArticleImportStrings", "AssetImportStrings"];

    public static TheoryData<string> ReasonFiles => new(Files);

    [Theory]
    [MemberData(nameof(ReasonFiles))]
    public void EveryReasonKey_HasItsDeclaredReason_AndEveryDeclaredReasonItsKeyInBothLanguages(string file)
    {
        var (resources, declaring) = Source(file);

        var keys = ReasonKeys(resources, CultureInfo.InvariantCulture);
        var all = Declared(declaring).ToList();
        var declared = all.Where(r => !r.IsWordedElsewhere).ToList();

        Assert.NotEmpty(keys);
        Assert.Equal(keys.Order(StringComparer.Ordinal), declared.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(keys.Order(StringComparer.Ordinal), ReasonKeys(resources, Chinese).Order(StringComparer.Ordinal));
        Assert.All(all, r => Assert.Equal(ImportReason.CodeOf(r.Key), r.Code));
        Assert.All(all, r => Assert.StartsWith(ImportReason.KeyPrefix + r.Code, r.Key, StringComparison.Ordinal));

        // A reason the domain words has no second text in any of the import's resources, in either language, and no other reason
        // shares its code.
        var everyKey = Files.SelectMany(f => ReasonKeys(Source(f).Resources, CultureInfo.InvariantCulture).Concat(ReasonKeys(Source(f).Resources, Chinese))).ToList();
        Assert.All(all.Where(r => r.IsWordedElsewhere), r => Assert.DoesNotContain(everyKey, k => ImportReason.CodeOf(k) == r.Code));
    }

    [Fact]
    public void AReasonWordedElsewhere_TakesItsTextFromTheCaller_AndHasNoneOfItsOwn()
    {
        var reason = AssetImportStrings.ParentCycle;

        Assert.True(reason.IsWordedElsewhere);
        Assert.Equal(new RowReason("ParentCycle", "the domain's words"), reason.With("the domain's words"));
        Assert.Throws<InvalidOperationException>(() => reason.Format(CultureInfo.InvariantCulture, "A", "B"));
        Assert.False(AssetImportStrings.ParentUnknown.IsWordedElsewhere);
        Assert.Throws<InvalidOperationException>(() => AssetImportStrings.ParentUnknown.With("a second text"));
    }

    /// <summary>
    /// The published codes (<c>ReasonCodes.approved.txt</c>, next to this file): analysts filter reports on them, so a code, once
    /// published, is never renamed or removed; a new one is added to the file on purpose, with its docs row.
    /// </summary>
    [Fact]
    public void EveryCode_IsPublished_AndNoPublishedCodeIsGone()
    {
        var path = Path.GetFullPath(Path.Combine(Samples.Folder, "..", "..", "..", "tests", "CrmCore.Import.Tests", "ReasonCodes.approved.txt"));
        var published = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal);
        var codes = AllCodes();

        Assert.True(published.Except(codes).ToList() is [], $"published reason codes gone (renamed or removed; breaking for analysts' filters): {string.Join(", ", published.Except(codes))}");
        Assert.True(codes.Except(published).ToList() is [], $"new reason codes, not yet in {path}: {string.Join(", ", codes.Except(published))}");
    }

    [Fact]
    public void DocsTable_ListsEveryCode_WithItsEnglishText()
    {
        var rows = DocsTable();

        foreach (var file in Files)
        {
            var (resources, declaring) = Source(file);
            var texts = ReasonKeys(resources, CultureInfo.InvariantCulture).Select(key => (Code: ImportReason.CodeOf(key), English: resources.GetString(key, CultureInfo.InvariantCulture)!))
                .Concat(Declared(declaring).Where(r => r.IsWordedElsewhere).Select(r => (r.Code, English: DomainText(r.Code))));
            foreach (var (code, english) in texts)
            {
                Assert.True(rows.TryGetValue(code, out var row), $"docs/import.md has no row for the reason code `{code}` ({file})");
                Assert.True(row.Contains(english, StringComparison.Ordinal), $"the row of `{code}` in docs/import.md does not give its text \"{english}\": {row}");
            }
        }

        // And no row names a code that no reason has.
        var all = AllCodes();
        Assert.All(rows.Keys, code => Assert.Contains(code, all));
    }

    [Fact]
    public void ImportReason_AKeyWithoutThePrefix_IsRefused_AndTheCodeIsOneSharedString()
    {
        Assert.Throws<ArgumentException>(() => new ImportReason("Date", ImportStrings.Resources));
        Assert.Throws<ArgumentException>(() => new ImportReason("Reason_", ImportStrings.Resources));
        Assert.Throws<ArgumentException>(() => new ImportReason("Reason__Variant", ImportStrings.Resources));
        Assert.Throws<ArgumentException>(() => new ImportReason("Reason_Date_", ImportStrings.Resources));
        Assert.Equal("UnknownType", new ImportReason("Reason_UnknownType_WithHostTypes", ArticleImportStrings.Resources).Code);
        Assert.Equal("Date", ImportReason.CodeOf("Reason_Date"));

        var first = ImportReasons.Date.Format(CultureInfo.InvariantCulture, "2024-02-30");
        var second = ImportReasons.Date.Format(Chinese, "昨天");

        Assert.Same(first.Code, second.Code);
        Assert.Equal("'2024-02-30' is not a date (write 2026-03-01, 2026/3/1, 2026年3月1日 or an Excel date)", first.Text);
        Assert.StartsWith("“昨天”不是日期", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryImporter_OnTheDirtySamples_SetsACodeWheneverItSetsAReason()
    {
        var reports = new List<(string Name, ImportReport Report)>();
        foreach (var culture in new[] { CultureInfo.InvariantCulture, Chinese })
        {
            foreach (var policy in new[] { MergePolicy.KeepNewest, MergePolicy.HoldForReview })
            {
                var options = new CustomerImportOptions { Culture = culture, MergePolicy = policy };
                var store = new InMemoryCustomerRepository();
                foreach (var file in new[] { "客户信息总表-gbk.csv", "客户信息总表.xlsx", "customers-utf16.csv", "客户信息总表-gbk.csv" })
                {
                    reports.Add((file, await Samples.Importer(store, options).ImportAsync(Samples.Path(file))));
                }

                var legacy = new CustomerImportOptions { Culture = culture, MergePolicy = policy, Mapping = ImportMappingFile.Load(Samples.Path("mapping.json"), ImportMappings.Customers) };
                reports.Add(("legacy-crm.csv", await Samples.Importer(store, legacy).ImportAsync(Samples.Path("legacy-crm.csv"))));
            }

            var desk = await EntityDesk.CreateAsync();
            var tickets = new TableImportOptions<TicketField> { Culture = culture };
            reports.Add(("tickets", await desk.TicketImporter(tickets).ImportAsync(Samples.Path("服务质量问题跟踪表.csv"))));
            reports.Add(("tickets again", await desk.TicketImporter(tickets).ImportAsync(Samples.Path("服务质量问题跟踪表.csv"))));
            reports.Add(("surveys", await desk.SurveyImporter(new() { Culture = culture }).ImportAsync(Samples.Path("满意度调查.csv"))));
            reports.Add(("plans", await desk.PlanImporter(new() { Culture = culture }).ImportAsync(Samples.Path("客户沟通计划表.csv"))));
            reports.Add(("assets", await new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Culture = culture }).ImportAsync(Samples.Path("assets.csv"))));
            reports.Add(("articles", await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = culture }).ImportAsync(Samples.Path("articles.csv"))));
        }

        var known = AllCodes();
        foreach (var (name, report) in reports)
        {
            Assert.All(report.Rows, row =>
            {
                Assert.True((row.Reason is null) == (row.ReasonCode is null), $"{name}:{row.Line}: reason \"{row.Reason}\", code \"{row.ReasonCode}\"");
                Assert.True(row.ReasonCode is null || known.Contains(row.ReasonCode), $"{name}:{row.Line}: unknown code {row.ReasonCode}");
            });
        }

        // The samples are dirty enough for the check to mean something: rows with reasons of many kinds, from every importer.
        var seen = reports.SelectMany(r => r.Report.Rows).Select(r => r.ReasonCode).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string[] expected = ["Blank", "Totals", "RepeatedHeader", "Merged", "Held", "Required", "Date", "Choice", "Range", "DuplicateKey", "CustomerUnknown", "TicketUnknown", "SerialTaken", "UnknownType"];
        Assert.DoesNotContain("DuplicateId", seen);
        Assert.DoesNotContain("UnknownTypeWithHostTypes", seen);
        Assert.True(seen.IsSupersetOf(expected), "codes seen: " + string.Join(", ", seen.Order(StringComparer.Ordinal)));
        var entities = reports.GroupBy(r => r.Report.Entity).ToList();
        Assert.Equal(["articles", "assets", "customers", "plans", "surveys", "tickets"], entities.Select(g => g.Key).Order(StringComparer.Ordinal));
        Assert.All(entities, group => Assert.Contains(group.SelectMany(g => g.Report.Rows), r => r.ReasonCode is not null));
    }

    [Fact]
    public async Task RejectedRow_WithSeveralBadCells_HasTheFirstProblemsCode_AndEveryText()
    {
        // The same two bad cells in either column order: the code follows the first bad column, the text lists both.
        var phoneFirst = await ImportAsync("客户编号,客户名称,联系方式,首次合作时间\nKH1,公司一,电话坏了,2024-02-30\n");
        var dateFirst = await ImportAsync("客户编号,客户名称,首次合作时间,联系方式\nKH1,公司一,2024-02-30,电话坏了\n");

        var a = Assert.Single(phoneFirst.Rows);
        var b = Assert.Single(dateFirst.Rows);
        Assert.Equal(("联系方式", 3, "Phone"), (a.Column, a.ColumnNumber, a.ReasonCode));
        Assert.Equal(("首次合作时间", 3, "Date"), (b.Column, b.ColumnNumber, b.ReasonCode));
        Assert.All([a, b], row => Assert.Contains("not a phone number", row.Reason, StringComparison.Ordinal));
        Assert.All([a, b], row => Assert.Contains("not a date", row.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssetHierarchy_UnknownParentCycleAndOtherCustomer_HaveTheirOwnCodes()
    {
        const string Header = "资产编号,资产名称,序列号,型号,客户编号,保管人,安装日期,保修截止,上级资产\n";
        var store = new InMemoryAssetRepository();
        var first = await ImportAssetsAsync(store, Header + "A,甲,S-A,M,C1,,2025-01-01,,\nB,乙,S-B,M,C1,,2025-01-01,,A\nC,丙,S-C,M,C1,,2025-01-01,,X\nE,戊,S-E,M,C2,,2025-01-01,,A\n");
        var second = await ImportAssetsAsync(store, Header + "A,甲,S-A,M,C1,,2025-01-01,,B\n");

        Assert.Equal([null, null, "ParentUnknown", "ParentOtherCustomer"], first.Rows.Select(r => r.ReasonCode));
        Assert.Contains("the two assets belong to different customers", first.Rows[3].Reason, StringComparison.Ordinal);
        var cycle = Assert.Single(second.Rows);
        Assert.Equal(("ParentCycle", "上级资产"), (cycle.ReasonCode, cycle.Column));
        Assert.Contains("B is A itself or lies under it", cycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADuplicateIdOnAnEarlierLine_HasCodeDuplicateKey_InTheAssetAndArticleImportsAsInTheOthers_WithTheirOwnTexts()
    {
        const string AssetHeader = "资产编号,资产名称,序列号,型号,客户编号,保管人,安装日期,保修截止,上级资产\n";
        var assets = await ImportAssetsAsync(new InMemoryAssetRepository(), AssetHeader + "A,甲,S-A,M,C1,,2025-01-01,,\nA,甲,S-B,M,C1,,2025-01-01,,\n");
        using var articleCsv = new MemoryStream(Encoding.UTF8.GetBytes("文章编号,标题,正文,标签,工单类型,状态\nKB-1,发票申请,在订单详情页申请。,,故障,\nKB-1,发票申请,在订单详情页申请。,,故障,\n"));
        var articles = await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(articleCsv, "articles.csv");
        var desk = await EntityDesk.CreateAsync();
        var tickets = await desk.TicketImporter(new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture }).ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));

        var asset = assets.Rows[1];
        var article = articles.Rows[1];
        var ticket = tickets.Rows.First(r => r.ReasonCode == ImportReasons.DuplicateKey.Code);
        Assert.Equal(("DuplicateKey", "asset A is already on line 2"), (asset.ReasonCode, asset.Reason));
        Assert.Equal(("DuplicateKey", "article KB-1 is already on line 2"), (article.ReasonCode, article.Reason));
        Assert.EndsWith("of this file", ticket.Reason, StringComparison.Ordinal);
        Assert.Same(ImportReasons.DuplicateKey.Code, asset.ReasonCode);
        Assert.Same(asset.ReasonCode, article.ReasonCode);
    }

    [Fact]
    public async Task AnAssetMovedToAnotherCustomer_HasCodeCustomerChanged_AndAnUnknownArticleStatusCodeChoice_AsInTheOtherImports()
    {
        const string AssetHeader = "资产编号,资产名称,序列号,型号,客户编号,保管人,安装日期,保修截止,上级资产\n";
        var store = new InMemoryAssetRepository();
        await ImportAssetsAsync(store, AssetHeader + "A,甲,S-A,M,C1,,2025-01-01,,\n");
        var moved = Assert.Single((await ImportAssetsAsync(store, AssetHeader + "A,甲,S-A,M,C2,,2025-01-01,,\n")).Rows);
        using var articleCsv = new MemoryStream(Encoding.UTF8.GetBytes("文章编号,标题,正文,标签,工单类型,状态\nKB-1,发票申请,在订单详情页申请。,,故障,半成品\n"));
        var status = Assert.Single((await new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Culture = CultureInfo.InvariantCulture })
            .ImportAsync(articleCsv, "articles.csv")).Rows);

        Assert.Equal((ImportReasons.CustomerChanged.Code, "asset A belongs to customer C1; an import does not move an asset to another owner"), (moved.ReasonCode, moved.Reason));
        Assert.Equal(ImportReasons.Choice.Code, status.ReasonCode);
        Assert.StartsWith("'半成品' is not an article status: use ", status.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "'Bug' is not a ticket type: use ", "'Bug' is not a ticket type: use ", " (the built-in types and the types the host configured)")]
    [InlineData("zh-Hans", "“Bug”不是工单类型：请用 ", "“Bug”不是工单类型：请使用 ", "（内置类型及系统配置的自定义类型）")]
    public async Task AnUnknownTicketType_HasCodeUnknownType_WithOrWithoutTheHostsTypes_EachWithItsOwnText(string language, string builtIn, string hostStart, string hostEnd)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        const string Csv = "文章编号,标题,正文,标签,工单类型,状态\nKB-1,发票申请,在订单详情页申请。,,Bug,\n";
        async Task<ImportRowResult> ImportAsync(ArticleImportOptions options)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
            return Assert.Single((await new ArticleImporter(new InMemoryKnowledgeRepository(), options).ImportAsync(stream, "articles.csv")).Rows);
        }

        var plain = await ImportAsync(new ArticleImportOptions { Culture = culture });
        var withHost = await ImportAsync(new ArticleImportOptions { Culture = culture, TicketTypes = { new TicketType("Installation") } });

        Assert.Equal(("UnknownType", "UnknownType"), (plain.ReasonCode, withHost.ReasonCode));
        Assert.StartsWith(builtIn, plain.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Installation", plain.Reason, StringComparison.Ordinal);
        Assert.StartsWith(hostStart, withHost.Reason, StringComparison.Ordinal);
        Assert.EndsWith("Installation" + hostEnd, withHost.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zh-Hans")]
    public async Task ReportXlsx_HasTheCodeColumn_AndImportsAgainWithItIgnored(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var store = new InMemoryCustomerRepository();
        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = culture }).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        using var problems = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, problems, culture);
        problems.Position = 0;

        var rows = problems.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var codeHeader = language.Length == 0 ? "Reason code" : "原因代码";
        Assert.Equal(
            report.Rows.Where(r => r.Outcome is ImportOutcome.Rejected or ImportOutcome.Held).Select(r => r.ReasonCode),
            rows.Select(r => (string)r[codeHeader]));
        Assert.Equal(codeHeader, rows[0].Keys.ElementAt(2));

        // Imported again as it is: the line, problem and code columns are known and ignored, not reported as unmapped.
        problems.Position = 0;
        var again = await Samples.Importer(new InMemoryCustomerRepository()).ImportAsync(problems, "problems.xlsx");

        Assert.Equal(rows.Count, again.Totals.RowsRead);
        Assert.DoesNotContain(codeHeader, again.UnmappedColumns);
        Assert.Equal(["备注"], again.UnmappedColumns);
    }

    [Theory]
    [InlineData("phone", ",丙公司,服务业,+86 138-0000-0001,WANG@bing.cn,5万,", "", "nothing new for OLD1: same phone number as the stored customer")]
    [InlineData("email", ",丙公司,服务业,,wang@bing.cn,5万,", "", "nothing new for OLD1: same e-mail as the stored customer")]
    [InlineData("name", ",丙公司,服务业,,,5万,", "", "nothing new for OLD1: same company name as the stored customer")]
    [InlineData("phone", ",丙公司,服务业,13800000001,,,", "zh-Hans", "OLD1 无新内容：与已有客户的电话相同")]
    [InlineData("email", ",丙公司,,,wang@bing.cn,,", "zh-Hans", "OLD1 无新内容：与已有客户的邮箱相同")]
    [InlineData("name", ",丙公司,,,,,", "zh-Hans", "OLD1 无新内容：与已有客户的公司名称相同")]
    public async Task CustomerRow_LeavingAStoredCustomerAsItIs_MatchedByPhoneEmailOrName_HasCodeSame(string by, string row, string language, string reason)
    {
        var store = new InMemoryCustomerRepository();
        await store.SaveAsync(Customer.Create(new CustomerId("OLD1"), new CustomerProfile
        {
            Name = "丙公司",
            Industry = Industry.Services,
            FirstContactOn = new LocalDate(2020, 1, 1),
            Transactions = new TransactionSummary(null, Money.Cny(50_000), [], null),
            Contacts = [new Contact("王五", ContactRole.DecisionMaker) { Phone = "138 0000 0001", Email = "wang@bing.cn" }],
        }, Instant.FromUtc(2020, 1, 1, 0, 0)).ToState(), 0);
        var version = (await store.FindAsync(new CustomerId("OLD1")))!.Version;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n" + row + "\n"));

        var report = await Samples.Importer(store, new CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) }).ImportAsync(stream, "same.csv");

        var result = Assert.Single(report.Rows);
        Assert.Equal((ImportOutcome.Unchanged, "OLD1", by, "stored"), (result.Outcome, result.CustomerId, result.MatchedBy, result.MatchedSource));
        Assert.Equal("Same", result.ReasonCode);
        Assert.Equal(reason, result.Reason);
        Assert.Equal(version, (await store.FindAsync(new CustomerId("OLD1")))!.Version);
    }

    private static async Task<ImportReport> ImportAsync(string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(stream, "bad.csv");
    }

    private static async Task<ImportReport> ImportAssetsAsync(InMemoryAssetRepository store, string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await new AssetImporter(store, new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(stream, "assets.csv");
    }

    private static (ResourceManager Resources, Type Declaring) Source(string file) => file switch
    {
        "ImportStrings" => (ImportStrings.Resources, typeof(ImportReasons)),
        "ArticleImportStrings" => (ArticleImportStrings.Resources, typeof(ArticleImportStrings)),
        "AssetImportStrings" => (AssetImportStrings.Resources, typeof(AssetImportStrings)),
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, null),
    };

    /// <summary>The <c>Reason_</c> keys of one language's resource file itself (no fallback to another language).</summary>
    private static List<string> ReasonKeys(ResourceManager resources, CultureInfo culture)
    {
        var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture.Name} resources for {resources.BaseName}");
        return [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key).Where(k => k.StartsWith(ImportReason.KeyPrefix, StringComparison.Ordinal))];
    }

    /// <summary>Every reason code: of the resource keys, and of the reasons the domain words.</summary>
    private static HashSet<string> AllCodes() =>
        Files.SelectMany(f => ReasonKeys(Source(f).Resources, CultureInfo.InvariantCulture).Select(ImportReason.CodeOf)
                .Concat(Declared(Source(f).Declaring).Where(r => r.IsWordedElsewhere).Select(r => r.Code)))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The English text, with {0} and {1} for the assets, of a reason the domain words.</summary>
    private static string DomainText(string code) => code switch
    {
        "ParentCycle" => new AssetHierarchyException(new AssetId("{0}"), new AssetId("{1}"), cycle: true).LocalizedMessage(CultureInfo.InvariantCulture),
        "ParentOtherCustomer" => new AssetHierarchyException(new AssetId("{0}"), new AssetId("{1}"), cycle: false).LocalizedMessage(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "a reason worded elsewhere without its text here"),
    };

    private static IEnumerable<ImportReason> Declared(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ImportReason))
            .Select(f => (ImportReason)f.GetValue(null)!);

    /// <summary>The rows of the reason-code table in docs/import.md by code (the first cell, in backticks).</summary>
    private static Dictionary<string, string> DocsTable()
    {
        var path = Path.Combine(Samples.Folder, "..", "..", "..", "docs", "import.md");
        var lines = File.ReadAllLines(path);
        var start = Array.FindIndex(lines, l => l.StartsWith("### Reason codes", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/import.md has no section \"### Reason codes\"");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var first = line.Split('|', StringSplitOptions.TrimEntries)[1];
            if (first.Length > 2 && first[0] == '`' && first[^1] == '`')
            {
                Assert.True(rows.TryAdd(first[1..^1], line), $"docs/import.md lists the code {first} twice");
            }
        }

        return rows;
    }
}
