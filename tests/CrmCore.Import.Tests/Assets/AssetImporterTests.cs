using System.Globalization;
using System.Text;
using CrmCore.Assets;
using CrmCore.Customers;
using CrmCore.Import.Assets;
using CrmCore.Import.Reports;
using NodaTime;

namespace CrmCore.Import.Tests.Assets;

public sealed class AssetImporterTests
{
    private const string Header = "资产编号,资产名称,序列号,型号,客户编号,保管人,安装日期,保修截止,上级资产\n";

    private static string SampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "data", "import", "assets.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/data/import/assets.csv not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(ImportReport Report, InMemoryAssetRepository Store)> ImportAsync(string csv, InMemoryAssetRepository? store = null, AssetImportOptions? options = null)
    {
        store ??= new InMemoryAssetRepository();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var report = await new AssetImporter(store, options ?? new AssetImportOptions { Culture = CultureInfo.InvariantCulture }).ImportAsync(stream, "assets.csv");
        return (report, store);
    }

    [Fact]
    public async Task SampleFile_EveryRowAcceptedOrRejected_WithLineColumnAndReason()
    {
        var store = new InMemoryAssetRepository();
        var importer = new AssetImporter(store, new AssetImportOptions { Culture = CultureInfo.InvariantCulture });

        var report = await importer.ImportAsync(SampleFile());

        Assert.Equal(2, report.HeaderLine);
        Assert.Equal(Enumerable.Range(3, 12), report.Rows.Select(r => r.Line));
        var outcomes = report.Rows.Select(r => (r.Line, r.Outcome, r.Column)).ToList();
        Assert.Equal(
            [
                (3, ImportOutcome.Inserted, null), (4, ImportOutcome.Inserted, null), (5, ImportOutcome.Inserted, null),
                (6, ImportOutcome.Rejected, "保修截止"), (7, ImportOutcome.Inserted, null), (8, ImportOutcome.Rejected, "序列号"),
                (9, ImportOutcome.Rejected, "安装日期"), (10, ImportOutcome.Rejected, "型号"), (11, ImportOutcome.Rejected, "资产编号"),
                (12, ImportOutcome.Rejected, "上级资产"), (13, ImportOutcome.Skipped, null), (14, ImportOutcome.Skipped, null),
            ],
            outcomes);
        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Contains("the warranty ends on 2024-03-01, before installation on 2025-03-01", rejected[6].Reason, StringComparison.Ordinal);
        Assert.Contains("T2-0009 already belongs to asset POS-1", rejected[8].Reason, StringComparison.Ordinal);
        Assert.Contains("'2025-13-01' is not a date", rejected[9].Reason, StringComparison.Ordinal);
        Assert.Contains("型号 is required", rejected[10].Reason, StringComparison.Ordinal);
        Assert.Contains("PLC-7 is already on line 4", rejected[11].Reason, StringComparison.Ordinal);
        Assert.Contains("different customers", rejected[12].Reason, StringComparison.Ordinal);
        Assert.Equal((4, 0, 0, 6, 2), (report.Totals.Inserted, report.Totals.Updated, report.Totals.Unchanged, report.Totals.Rejected, report.Totals.Skipped));
        Assert.Equal(9, rejected[12].ColumnNumber);

        var registry = AssetRegistry.FromStates(await store.ListAsync().ToListAsync());
        Assert.Equal(["LINE-3", "PLC-7"], registry.Subtree(new AssetId("LINE-3")).Select(a => a.Id.Value));
        var plc = registry.Get(new AssetId("PLC-7"));
        Assert.Equal((new LocalDate(2024, 5, 6), new LocalDate(2027, 5, 5), "王工"), (plc.InstalledOn, plc.WarrantyEndsOn!.Value, plc.Custodian));
        var text = ImportReportWriter.ToText(report, CultureInfo.InvariantCulture);
        Assert.Contains("assets", text, StringComparison.Ordinal);
        Assert.Contains("assets.csv:8:3: rejected (asset POS-2) [序列号]", text, StringComparison.Ordinal);
        Assert.Equal(["LINE-3", "PLC-7", "PRN-1", "PRN-2", "POS-1", "POS-2", "SCN-1", "RTR-1", "PLC-7"], report.Rows.Take(9).Select(r => r.AssetId));
        using var json = new MemoryStream();
        ImportReportWriter.WriteJson(report, json);
        Assert.Equal("POS-2", System.Text.Json.JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("rows")[5].GetProperty("assetId").GetString());
    }

    [Fact]
    public async Task SampleFile_InChinese_ReasonsAreChinese()
    {
        var report = await new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Culture = new CultureInfo("zh-Hans") }).ImportAsync(SampleFile());

        var rejected = report.Rows.Where(r => r.Outcome == ImportOutcome.Rejected).ToDictionary(r => r.Line);
        Assert.Contains("序列号 T2-0009 已属于资产 POS-1", rejected[8].Reason, StringComparison.Ordinal);
        Assert.Contains("已在第 4 行出现", rejected[11].Reason, StringComparison.Ordinal);
        Assert.Contains("型号为必填项", rejected[10].Reason, StringComparison.Ordinal);
        Assert.Contains("保修截止日 2024-03-01 早于安装日期 2025-03-01", rejected[6].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAgain_SameFileIsUnchanged_AChangedRowUpdatesAndKeepsTheMaintenanceHistory()
    {
        const string Rows = "PRN-1,前台打印机,CNB1,LaserJet M404,C1,李明,2025-01-02,2026-01-01,\n";
        var (_, store) = await ImportAsync(Header + Rows);
        var stored = (await store.FindAsync(new AssetId("PRN-1")))!;
        var asset = Asset.Restore(stored);
        asset.RecordMaintenance(new MaintenanceRecord(Instant.FromUtc(2025, 6, 1, 2, 0), MaintenanceKind.Repair, "更换搓纸轮", "engineer.li"));
        await store.SaveAsync(asset.ToState(2), 1);

        var (again, _) = await ImportAsync(Header + Rows, store);
        var (changed, _) = await ImportAsync(Header + Rows.Replace("2026-01-01", "2027-01-01", StringComparison.Ordinal), store);

        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(again.Rows).Outcome);
        Assert.Equal(ImportOutcome.Updated, Assert.Single(changed.Rows).Outcome);
        var after = (await store.FindAsync(new AssetId("PRN-1")))!;
        Assert.Equal((3L, new LocalDate(2027, 1, 1)), (after.Version, after.WarrantyEndsOn!.Value));
        Assert.Equal("更换搓纸轮", Assert.Single(after.Maintenance).Summary);
    }

    [Fact]
    public async Task Hierarchy_UnknownParentCycleAndOwnerChange_AreRejected_DryRunWritesNothing()
    {
        var (first, store) = await ImportAsync(Header + "A,甲,S-A,M,C1,,2025-01-01,,\nB,乙,S-B,M,C1,,2025-01-01,,A\nC,丙,S-C,M,C1,,2025-01-01,,X\n");
        var (second, _) = await ImportAsync(Header + "A,甲,S-A,M,C1,,2025-01-01,,B\nB,乙,S-B,M,C2,,2025-01-01,,\n", store);
        var (dry, _) = await ImportAsync(Header + "D,丁,S-D,M,C1,,2025-01-01,,\n", store, new AssetImportOptions { DryRun = true, Culture = CultureInfo.InvariantCulture });

        Assert.Equal([ImportOutcome.Inserted, ImportOutcome.Inserted, ImportOutcome.Rejected], first.Rows.Select(r => r.Outcome));
        Assert.Contains("parent asset X is neither stored nor on an earlier line", first.Rows[2].Reason, StringComparison.Ordinal);
        Assert.Equal(("上级资产", ImportOutcome.Rejected), (second.Rows[0].Column, second.Rows[0].Outcome));
        Assert.Contains("B is A itself or lies under it", second.Rows[0].Reason, StringComparison.Ordinal);
        Assert.Equal(("客户编号", ImportOutcome.Rejected), (second.Rows[1].Column, second.Rows[1].Outcome));
        Assert.Contains("belongs to customer C1", second.Rows[1].Reason, StringComparison.Ordinal);
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(dry.Rows).Outcome);
        Assert.True(dry.DryRun);
        Assert.Null(await store.FindAsync(new AssetId("D")));
        Assert.Equal(["A", "B"], (await store.ListAsync().ToListAsync()).Select(a => a.Id.Value));
    }

    // One concept, one text: the import's ParentCycle and ParentOtherCustomer rows read exactly what the domain says when
    // AssetRegistry.SetParent refuses the same link, in each language, under the import's own codes.
    [Theory]
    [InlineData("en")]
    [InlineData("zh-Hans")]
    [InlineData("zh-CN")]
    public async Task Hierarchy_CycleAndOtherCustomer_ReadTheDomainsText_InTheImportsLanguage(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var options = new AssetImportOptions { Culture = culture };
        var (first, store) = await ImportAsync(Header + "A,甲,S-A,M,C1,,2025-01-01,,\nB,乙,S-B,M,C1,,2025-01-01,,A\nE,戊,S-E,M,C2,,2025-01-01,,A\n", options: options);
        var (second, _) = await ImportAsync(Header + "A,甲,S-A,M,C1,,2025-01-01,,B\n", store, options);

        var registry = new AssetRegistry();
        registry.Add(new Asset(new AssetId("A"), "甲", "S-A", "M", new CustomerId("C1"), new LocalDate(2025, 1, 1)));
        registry.Add(new Asset(new AssetId("B"), "乙", "S-B", "M", new CustomerId("C1"), new LocalDate(2025, 1, 1)));
        registry.Add(new Asset(new AssetId("E"), "戊", "S-E", "M", new CustomerId("C2"), new LocalDate(2025, 1, 1)));
        registry.SetParent(new AssetId("B"), new AssetId("A"));
        var otherCustomer = Assert.Throws<AssetHierarchyException>(() => registry.SetParent(new AssetId("E"), new AssetId("A")));
        var cycle = Assert.Throws<AssetHierarchyException>(() => registry.SetParent(new AssetId("A"), new AssetId("B")));

        var rejected = first.Rows[2];
        Assert.Equal(("ParentOtherCustomer", otherCustomer.LocalizedMessage(culture)), (rejected.ReasonCode, rejected.Reason));
        var looped = Assert.Single(second.Rows);
        Assert.Equal(("ParentCycle", cycle.LocalizedMessage(culture)), (looped.ReasonCode, looped.Reason));
        Assert.StartsWith(language == "en" ? "Asset A cannot be placed under B" : "资产 A 不能挂在 B 之下", looped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnglishHeaders_AndNoHeader_IsAFileErrorNamingTheFile()
    {
        var (report, _) = await ImportAsync("AssetId,Name,SerialNumber,Model,CustomerId,InstalledOn\nA1,Pump,P-1,X,C1,2025-01-01\n");
        Assert.Equal(ImportOutcome.Inserted, Assert.Single(report.Rows).Outcome);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync("a,b,c\n1,2,3\n"));
        Assert.Contains("assets.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains("no header row", error.Message, StringComparison.Ordinal);
    }
}
