using System.Text;
using CrmCore.Audit;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reports;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tests;

public class LedgerAndAuditTests
{
    private const string Header = "客户编号,客户名称,所属行业,联系方式,邮箱,年合作金额,更新时间\n";

    private static async Task<ImportReport> ImportAsync(string csv, ICustomerRepository store, CustomerImportOptions options)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await Samples.Importer(store, options).ImportAsync(stream, "test.csv");
    }

    [Fact]
    public async Task Ledger_SameFileTwice_SecondRunNamesTheFirst()
    {
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        var options = new CustomerImportOptions { Ledger = ledger, BatchSize = 2, MappingName = "map.json#1" };

        var first = await Samples.Importer(store, options).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        var again = await Samples.Importer(store, options).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));

        Assert.Empty(first.PreviousRuns);
        Assert.NotEqual(first.RunId, again.RunId);
        var previous = Assert.Single(again.PreviousRuns);
        Assert.Equal((first.RunId, first.FileHash, options.LedgerKey()), (previous.Id, previous.FileHash, previous.Mapping));
        Assert.StartsWith("map.json#1; options merge=KeepNewest", previous.Mapping, StringComparison.Ordinal);
        Assert.Equal((first.Batches, first.Totals), (previous.Batches, previous.Totals));
        Assert.NotNull(previous.FinishedAt);
        Assert.Contains("imported before (1 run(s)); the last, " + first.RunId, ImportReportWriter.ToText(again, new System.Globalization.CultureInfo("en")), StringComparison.Ordinal);
        Assert.Contains("此文件已导入过（1 次）", ImportReportWriter.ToText(again, new System.Globalization.CultureInfo("zh-Hans")), StringComparison.Ordinal);
        Assert.DoesNotContain("imported before", ImportReportWriter.ToText(first, new System.Globalization.CultureInfo("en")), StringComparison.Ordinal);
        var recorded = (await ledger.FindAsync(again.RunId!))!;
        Assert.Equal((again.Batches, again.Totals, "customers"), (recorded.Batches, recorded.Totals, recorded.Entity));
    }

    [Fact]
    public async Task Ledger_DryRun_RecordsNothing()
    {
        var ledger = new InMemoryImportLedger();
        var report = await ImportAsync(Header + "KH1,甲公司,,13800000001,,10万,\n", new InMemoryCustomerRepository(), new CustomerImportOptions { Ledger = ledger, DryRun = true });

        Assert.Null(report.RunId);
        Assert.Empty(await ledger.FindByFileHashAsync(report.FileHash));
    }

    [Fact]
    public async Task Audit_DryRun_WritesOnlyTheRunRecord_InTheShapeOfEveryImporter()
    {
        var audit = new InMemoryAuditStore();
        var options = new CustomerImportOptions { Audit = audit, Ledger = new InMemoryImportLedger(), DryRun = true, Actor = "li.na", BatchSize = 1 };
        var report = await ImportAsync(Header + "KH1,甲公司,,13800000001,,10万,\nKH2,乙公司,,,,,\n", new InMemoryCustomerRepository(), options);

        var entry = Assert.Single(await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Entry;
        Assert.Equal((AuditAction.Import, "import", "li.na", "dry run"), (entry.Action, entry.EntityType, entry.Actor, entry.Field));
        Assert.Equal("customers: 2 rows: inserted 2, updated 0, unchanged 0, merged 0, held 0, rejected 0, skipped 0; dry run, nothing written", entry.NewValue);
        Assert.Equal("test.csv sha256:" + report.FileHash, entry.Reason);
        Assert.Null(entry.CorrelationId);
    }

    [Fact]
    public async Task Audit_Run_IsTheSharedRunRecord()
    {
        var audit = new InMemoryAuditStore();
        var report = await ImportAsync(Header + "KH1,甲公司,,13800000001,,10万,\n", new InMemoryCustomerRepository(), new CustomerImportOptions { Audit = audit, Ledger = new InMemoryImportLedger() });

        var run = Assert.Single(await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }), r => r.Entry.Field == "run").Entry;
        Assert.Equal((report.RunId, "customers: 1 rows: inserted 1, updated 0, unchanged 0, merged 0, held 0, rejected 0, skipped 0", "test.csv sha256:" + report.FileHash), (run.EntityId, run.NewValue, run.Reason));
    }

    [Fact]
    public async Task Audit_OneRecordPerBatchPerRunAndPerCustomerWritten_NoneWhenNothingChanges()
    {
        var store = new InMemoryCustomerRepository();
        var audit = new InMemoryAuditStore();
        var options = new CustomerImportOptions { Audit = audit, Ledger = new InMemoryImportLedger(), BatchSize = 2, Actor = "li.na" };
        var csv = Header + "KH1,甲公司,,13800000001,,10万,\nKH2,乙公司,,13800000002,,,\nKH3,丙公司,,,,,\n";

        var first = await ImportAsync(csv, store, options);
        var records = await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit });

        Assert.Equal(3, first.Totals.Inserted);
        Assert.Equal(["KH1", "KH2", "KH3"], records.Where(r => r.Entry.Action == AuditAction.Create).Select(r => r.Entry.EntityId).Order(StringComparer.Ordinal));
        Assert.Equal(2, records.Count(r => r.Entry is { Action: AuditAction.Import, Field: "batch 1" or "batch 2" }));
        Assert.Single(records, r => r.Entry is { Action: AuditAction.Import, Field: "run" });
        Assert.All(records, r => Assert.Equal((first.RunId, "li.na"), (r.Entry.CorrelationId, r.Entry.Actor)));
        Assert.True(AuditChain.Verify(records).IsIntact);

        var changed = await ImportAsync(csv.Replace("丙公司,,", "丙公司,零售业,", StringComparison.Ordinal), store, options);
        var after = (await audit.QueryAsync(new AuditQuery { AfterSequence = records[^1].Sequence, Limit = AuditQuery.MaxLimit })).Select(r => r.Entry).ToList();
        var update = Assert.Single(after, e => e.EntityType == AuditEntityTypes.Customer);
        Assert.Equal((AuditAction.Update, "KH3", changed.RunId), (update.Action, update.EntityId, update.CorrelationId));
        Assert.Equal((2, 1), (changed.Totals.Unchanged, changed.Totals.Updated));
    }

    [Fact]
    public async Task Batch_SomeoneElseWritesDuringTheBatch_NothingOfTheBatchIsWritten()
    {
        var inner = new InMemoryCustomerRepository();
        var stored = Customer.Create(new CustomerId("KH1"), new CustomerProfile { Name = "甲公司", FirstContactOn = new LocalDate(2020, 1, 1) }, Instant.FromUtc(2020, 1, 1, 0, 0));
        await inner.SaveAsync(stored.ToState(), 0);
        var store = new InterferingStore(inner, new CustomerId("KH1"));

        var report = await ImportAsync(Header + "KH1,甲公司,零售业,,,10万,\nKH2,乙公司,,,,,\n", store, new CustomerImportOptions());

        Assert.Equal(2, report.Totals.Rejected);
        Assert.All(report.Rows, r => Assert.Contains("KH1", r.Reason, StringComparison.Ordinal));
        Assert.Null(await inner.FindAsync(new CustomerId("KH2")));
        Assert.Equal("someone else", (await inner.FindAsync(new CustomerId("KH1")))!.ShortName);
    }
}
