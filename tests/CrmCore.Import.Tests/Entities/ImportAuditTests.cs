using System.Globalization;
using System.Security.Cryptography;
using CrmCore.Assets;
using CrmCore.Audit;
using CrmCore.Import.Articles;
using CrmCore.Import.Assets;
using CrmCore.Import.Plans;
using CrmCore.Import.Reports;
using CrmCore.Import.Surveys;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Imports;
using CrmCore.Knowledge;

namespace CrmCore.Import.Tests.Entities;

/// <summary>Every table import (tickets, surveys, plans, assets, articles) leaves one audit record per run, like the customer import:
/// who, when, the file's name and SHA-256, the row counts by outcome, and whether it was a dry run.</summary>
public sealed class ImportAuditTests
{
    public static TheoryData<string> Entities => ["tickets", "surveys", "plans", "assets", "articles"];

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task Import_OneRunRecord_WithActorFileHashAndCounts(string entity)
    {
        var audit = new InMemoryAuditStore();

        var (report, file) = await ImportAsync(entity, audit, dryRun: false);

        var record = Assert.Single(await RunsAsync(audit));
        var entry = record.Entry;
        Assert.Equal((AuditAction.Import, "import", "li.na", "run"), (entry.Action, entry.EntityType, entry.Actor, entry.Field));
        Assert.Equal(Samples.Clock().GetCurrentInstant(), entry.At);
        Assert.Equal(Path.GetFileName(file) + " sha256:" + Hash(file), entry.Reason);
        Assert.Equal(report.FileHash, Hash(file));
        var t = report.Totals;
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $"{entity}: {t.RowsRead} rows: inserted {t.Inserted}, updated {t.Updated}, unchanged {t.Unchanged}, merged {t.Merged}, held {t.Held}, rejected {t.Rejected}, skipped {t.Skipped}"),
            entry.NewValue);
        Assert.True(t.Inserted + t.Updated + t.Unchanged > 0, entry.NewValue);
        Assert.Equal(report.RunId, entry.CorrelationId);
        Assert.Equal(report.RunId ?? report.FileHash, entry.EntityId);
    }

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task DryRun_RecordedAndSaysSo(string entity)
    {
        var audit = new InMemoryAuditStore();

        var (report, _) = await ImportAsync(entity, audit, dryRun: true);

        var entry = Assert.Single(await RunsAsync(audit)).Entry;
        Assert.True(report.DryRun);
        Assert.Equal("dry run", entry.Field);
        Assert.EndsWith("; dry run, nothing written", entry.NewValue, StringComparison.Ordinal);
        Assert.Null(entry.CorrelationId); // a dry run has no ledger run
    }

    [Fact]
    public async Task NoAuditStore_NothingRecorded_AndAnAuditStoreWithoutAClockIsRefused()
    {
        var (report, _) = await ImportAsync("tickets", null, dryRun: false);
        Assert.True(report.Totals.Inserted > 0);

        var refused = Assert.Throws<ArgumentException>(() => new AssetImporter(new InMemoryAssetRepository(), new AssetImportOptions { Audit = new InMemoryAuditStore() }));
        Assert.Contains("needs a clock", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ArticleImporter(new InMemoryKnowledgeRepository(), new ArticleImportOptions { Audit = new InMemoryAuditStore() }));
        Assert.Throws<ArgumentException>(() => new TableImportOptions<TicketField> { Actor = " " }.Validate());
    }

    private static async Task<IReadOnlyList<AuditRecord>> RunsAsync(InMemoryAuditStore audit) =>
        [.. (await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Where(r => r.Entry.Action == AuditAction.Import)];

    private static string Hash(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>Imports the entity's sample file (surveys after the tickets they answer, without auditing those).</summary>
    private static async Task<(ImportReport Report, string File)> ImportAsync(string entity, InMemoryAuditStore? audit, bool dryRun)
    {
        var desk = await EntityDesk.CreateAsync();
        var clock = Samples.Clock();
        TableImportOptions<TField> Options<TField>()
            where TField : struct, Enum => new() { Culture = CultureInfo.InvariantCulture, Audit = audit, Actor = "li.na", DryRun = dryRun, Ledger = new InMemoryImportLedger() };
        switch (entity)
        {
            case "tickets":
                return (await desk.TicketImporter(Options<TicketField>()).ImportAsync(Samples.Path("服务质量问题跟踪表.csv")), Samples.Path("服务质量问题跟踪表.csv"));
            case "surveys":
                await desk.TicketImporter().ImportAsync(Samples.Path("服务质量问题跟踪表.csv"));
                return (await desk.SurveyImporter(Options<SurveyField>()).ImportAsync(Samples.Path("满意度调查.csv")), Samples.Path("满意度调查.csv"));
            case "plans":
                return (await desk.PlanImporter(Options<PlanField>()).ImportAsync(Samples.Path("客户沟通计划表.csv")), Samples.Path("客户沟通计划表.csv"));
            case "assets":
                var assets = new AssetImportOptions { Culture = CultureInfo.InvariantCulture, Audit = audit, Actor = "li.na", DryRun = dryRun };
                return (await new AssetImporter(new InMemoryAssetRepository(), clock, assets).ImportAsync(Samples.Path("assets.csv")), Samples.Path("assets.csv"));
            default:
                var articles = new ArticleImportOptions { Culture = CultureInfo.InvariantCulture, Audit = audit, Actor = "li.na", DryRun = dryRun };
                return (await new ArticleImporter(new InMemoryKnowledgeRepository(), clock, articles).ImportAsync(Samples.Path("articles.csv")), Samples.Path("articles.csv"));
        }
    }
}
