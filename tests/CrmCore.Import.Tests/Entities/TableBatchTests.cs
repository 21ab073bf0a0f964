using System.Globalization;
using System.Runtime.CompilerServices;
using CrmCore.Desk;
using CrmCore.Import.Reports;
using CrmCore.Import.Tables;
using CrmCore.Import.Tickets;
using CrmCore.Tickets;
using CrmCore.Testing;
using MiniExcelLibs;

namespace CrmCore.Import.Tests.Entities;

/// <summary>
/// The shared table import's batches: a batch that conflicts on write rejects its written rows with their cells (the .xlsx report keeps
/// them, so it can be fixed and imported as it is), and the report's rows stay bounded in memory whatever the row count.
/// </summary>
public sealed class TableBatchTests
{
    private const string Header = "问题编号,客户名称,问题描述,提出时间,紧急程度,负责人,状态\n";

    [Fact]
    public async Task BatchConflict_RejectsTheBatchsRows_WithTheirCells_AndTheXlsxReportKeepsThem()
    {
        var desk = await EntityDesk.CreateAsync();
        var importer = new TicketImporter(new FailingWriteTickets(desk.Tickets, (state, expected) => new ConcurrencyConflictException("ticket " + state.Id, expected, expected + 1)), desk.Customers, Samples.Clock(), new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture });

        var report = await EntityDesk.FromText(importer.ImportAsync, Header
            + "WT1,科技,登录失败,2024-03-15 14:00,紧急,赵六,处理中\n"
            + "WT2,贸易公司,发票错误,2024-03-16 09:00,一般,钱七,待处理\n");

        Assert.Equal([ImportOutcome.Rejected, ImportOutcome.Rejected], report.Rows.Select(r => r.Outcome));
        Assert.All(report.Rows, r => Assert.Equal("BatchConflict", r.ReasonCode));
        Assert.Equal(["WT1", "科技", "登录失败", "2024-03-15 14:00", "紧急", "赵六", "处理中"], report.Rows[0].Cells!);
        Assert.Equal("WT2", report.Rows[1].Cells![0]);

        using var xlsx = new MemoryStream();
        ImportReportWriter.WriteXlsx(report, xlsx, CultureInfo.InvariantCulture);
        xlsx.Position = 0;
        var sheet = xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(v => v?.ToString()).ToList()).ToList();
        Assert.Contains(sheet, row => row.Contains("WT1") && row.Contains("登录失败"));
        Assert.Contains(sheet, row => row.Contains("WT2") && row.Contains("发票错误"));
    }

    [Fact]
    public async Task ManyRows_ReportSpillsPastItsMemoryRows_EveryRowKeptInOrder_TotalsAddUp()
    {
        var desk = await EntityDesk.CreateAsync();
        var options = new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture, BatchSize = 7, ReportMemoryRows = 10 };
        var rows = Enumerable.Range(1, 60).Select(i => i % 5 == 0
            ? $"WT{i},不存在公司,问题{i},2024-03-15 14:00,紧急,赵六,处理中\n"
            : $"WT{i},科技,问题{i},2024-03-15 14:00,紧急,赵六,处理中\n");

        var report = await EntityDesk.FromText(desk.TicketImporter(options).ImportAsync, Header + string.Concat(rows));

        Assert.Equal(60, report.Rows.Count);
        Assert.Equal(Enumerable.Range(2, 60), report.Rows.Select(r => r.Line));
        Assert.Equal((48, 12), (report.Totals.Inserted, report.Totals.Rejected));
        Assert.Equal(Enumerable.Range(1, 60).Select(i => i % 5 == 0 ? ImportOutcome.Rejected : ImportOutcome.Inserted), report.Rows.Select(r => r.Outcome));
        Assert.True(Assert.IsType<ImportRowLog>(report.Rows).Spilled > 0);
        EntityDesk.AssertAddsUp(report);
    }

    [Fact]
    public async Task BatchConflict_WhoseRollBackCleanUpFails_StopsTheImport_NamingBoth()
    {
        var desk = await EntityDesk.CreateAsync();
        var cleanup = new InvalidOperationException("clean-up failed");
        var importer = new TicketImporter(new FailingWriteTickets(desk.Tickets, (state, expected) => new ConcurrencyConflictException("ticket " + state.Id, expected, expected + 1)), desk.Customers, Samples.Clock(),
            new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture, Transactions = new FailingCleanUpTransactions(cleanup) });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EntityDesk.FromText(importer.ImportAsync, Header + "WT1,科技,登录失败,2024-03-15 14:00,紧急,赵六,处理中\n"));

        Assert.StartsWith("batch 1 of the tickets import of table.csv conflicted on write (ticket WT1)", error.Message, StringComparison.Ordinal);
        var both = Assert.IsType<AggregateException>(error.InnerException);
        Assert.IsType<ConcurrencyConflictException>(both.InnerExceptions[0]);
        Assert.Same(cleanup, both.InnerExceptions[1]);
    }

    [Fact]
    public async Task WriteFailure_WhoseRollBackCleanUpFails_IsStillTheWriteFailure_CarryingTheCleanUps()
    {
        var desk = await EntityDesk.CreateAsync();
        var cleanup = new InvalidOperationException("clean-up failed");
        var importer = new TicketImporter(new FailingWriteTickets(desk.Tickets, (_, _) => new IOException("disk gone")), desk.Customers, Samples.Clock(),
            new TableImportOptions<TicketField> { Culture = CultureInfo.InvariantCulture, Transactions = new FailingCleanUpTransactions(cleanup) });

        var error = await Assert.ThrowsAsync<IOException>(() => EntityDesk.FromText(importer.ImportAsync, Header + "WT1,科技,登录失败,2024-03-15 14:00,紧急,赵六,处理中\n"));

        Assert.Equal("disk gone", error.Message);
        Assert.Same(cleanup, Assert.Single((Exception[])error.Data[StoreTransactionFailures.DataKey]!));
    }

    [Theory]
    [InlineData("en", "the file does not exist; check the path")]
    [InlineData("zh-Hans", "文件不存在；请检查路径")]
    public async Task MissingFile_IsRefusedInTheImportsLanguage_NamingIt(string language, string reason)
    {
        var desk = await EntityDesk.CreateAsync();
        var path = Path.Combine(Path.GetTempPath(), "crmcore-missing-" + Guid.NewGuid().ToString("N"), "tickets.csv");

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            desk.TicketImporter(new TableImportOptions<TicketField> { Culture = CultureInfo.GetCultureInfo(language) }).ImportAsync(path));

        Assert.Equal((path, reason), (error.File, error.Reason));
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Theory]
    [InlineData("en", "this is a folder, not a file to import")]
    [InlineData("zh-Hans", "这是文件夹，不是要导入的文件")]
    public async Task Folder_IsRefusedInTheImportsLanguage(string language, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("crmcore-folder-").FullName;
        try
        {
            var importer = Samples.Importer(new InMemoryCustomerRepository(), new CrmCore.Import.Customers.CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) });

            var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(folder));

            Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Theory]
    [InlineData("en", "the file cannot be read: the path is too long")]
    [InlineData("zh-Hans", "无法读取文件：路径过长")]
    public async Task PathTooLong_IsRefusedInTheImportsLanguage_WithItsCause(string language, string reason)
    {
        var path = Path.Combine(Path.GetTempPath(), new string('长', 300) + ".csv"); // one name of 900 UTF-8 bytes: longer than any file system allows
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CrmCore.Import.Customers.CustomerImportOptions { Culture = CultureInfo.GetCultureInfo(language) });

        var error = await Assert.ThrowsAsync<ImportFileException>(() => importer.ImportAsync(path));

        Assert.Equal((path, reason), (error.File, error.Reason));
        Assert.IsType<PathTooLongException>(error.InnerException);
    }

    [Theory]
    [InlineData("en", "the file cannot be read: Input/output error")]
    [InlineData("zh-Hans", "无法读取文件")]
    public void UnreadableForAnotherCause_SaysTheSystemsReasonInEnglish_AndLeavesItOutInChinese(string language, string reason) =>
        Assert.Equal(reason, CrmCore.Import.Reading.TableReader.WithCause("Error_TableUnreadable", CultureInfo.GetCultureInfo(language), "t.csv", new IOException("Input/output error", 5)));
}
