using System.Text;
using CrmCore.Customers;
using CrmCore.Desk;
using CrmCore.Import.Customers;
using CrmCore.Import.Reading;
using CrmCore.Import.Tests.Entities;
using CrmCore.Imports;

namespace CrmCore.Import.Tests;

/// <summary>
/// A host importing an upload or a network stream (QA wave 17, item 11): a stream that cannot seek is copied to a temporary file first, so
/// the encoding is detected, the ledger recognises the file by its hash, and .xlsx reads, exactly as from a file; the copy is deleted
/// when the import ends, and the host's stream is left open.
/// </summary>
public sealed class NonSeekableStreamTests
{
    [Fact]
    public async Task Customers_FromAStreamThatCannotSeek_DetectTheEncoding_AndTheLedgerKnowsTheFileAgain()
    {
        var bytes = await File.ReadAllBytesAsync(Samples.Path("客户信息总表-gbk.csv"));
        var store = new InMemoryCustomerRepository();
        var ledger = new InMemoryImportLedger();
        var options = new CustomerImportOptions { Ledger = ledger };
        var fromFile = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions()).ImportAsync(Samples.Path("客户信息总表-gbk.csv"));
        var before = TempCopies();

        var upload = new ForwardOnlyStream(bytes);
        var first = await Samples.Importer(store, options).ImportAsync(upload, "客户信息总表-gbk.csv");
        var again = await Samples.Importer(store, options).ImportAsync(new ForwardOnlyStream(bytes), "客户信息总表-gbk.csv");

        Assert.Equal(fromFile.Encoding, first.Encoding);
        Assert.Equal(fromFile.FileHash, first.FileHash);
        Assert.Equal(fromFile.Totals, first.Totals);
        Assert.Equal(fromFile.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId)), first.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId)));
        Assert.Equal(first.RunId, Assert.Single(again.PreviousRuns).Id);
        Assert.Equal(0, again.Totals.Inserted);
        Assert.False(upload.Disposed);
        Assert.Equal(before, TempCopies());
    }

    [Fact]
    public async Task Plans_FromAStreamThatCannotSeek_ImportAsFromTheFile()
    {
        var bytes = await File.ReadAllBytesAsync(Samples.Path("客户沟通计划表.csv"));
        var fromFile = await (await EntityDesk.CreateAsync()).PlanImporter().ImportAsync(Samples.Path("客户沟通计划表.csv"));

        var report = await (await EntityDesk.CreateAsync()).PlanImporter().ImportAsync(new ForwardOnlyStream(bytes), "客户沟通计划表.csv");

        Assert.Equal(fromFile.FileHash, report.FileHash);
        Assert.Equal(fromFile.Totals, report.Totals);
        Assert.True(report.Totals.RowsRead > 0);
    }

    [Fact]
    public async Task Customers_FromAWorkbookStreamThatCannotSeek_ReadAsFromTheFile()
    {
        var bytes = await File.ReadAllBytesAsync(Samples.Path("客户信息总表.xlsx"));
        var fromFile = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions()).ImportAsync(Samples.Path("客户信息总表.xlsx"));

        var report = await Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions()).ImportAsync(new ForwardOnlyStream(bytes), "客户信息总表.xlsx");

        Assert.Equal("xlsx", report.Format);
        Assert.Equal(fromFile.Totals, report.Totals);
        Assert.Equal(fromFile.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId)), report.Rows.Select(r => (r.Line, r.Outcome, r.CustomerId)));
    }

    [Fact]
    public async Task Customers_AnEmptyPath_IsTheCallersError()
    {
        var importer = Samples.Importer(new InMemoryCustomerRepository(), new CustomerImportOptions());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(" "));

        Assert.Equal("path", error.ParamName);
    }

    [Fact]
    public async Task TheCopy_OnlyThisProcessCanRead_NothingIsLeftInTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("crm-upload-test-").FullName;
        try
        {
            var copy = await TableSource.CopyAsync(new ForwardOnlyStream("客户名称\n甲公司\n"u8.ToArray()), "up.csv", folder, null, CancellationToken.None);

            if (!OperatingSystem.IsWindows())
            {
                // Unlinked as soon as it was open: no other process can open it by name, and a killed import leaves nothing behind.
                Assert.Empty(Directory.GetFiles(folder));
            }

            Assert.Equal(0, copy.Position);
            Assert.Equal("客户名称\n甲公司\n", await new StreamReader(copy).ReadToEndAsync());
            await copy.DisposeAsync();
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TheReportsSpilledRows_OnlyThisProcessCanRead_NothingIsLeftInTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("crm-spill-test-").FullName;
        try
        {
            var rows = Enumerable.Range(1, 40).Select(i => new CrmCore.Import.Reports.ImportRowResult { Line = i, Outcome = CrmCore.Import.Reports.ImportOutcome.Inserted, CustomerId = "KH" + i }).ToList();
            var log = new CrmCore.Import.Reports.ImportRowLog(5, folder);

            log.AddRange(rows);

            Assert.Equal(35, log.Spilled);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Empty(Directory.GetFiles(folder));
            }

            Assert.Equal(rows, log.ToList());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("en", "the temporary copy of the content (a stream that cannot seek) could not be written in")]
    [InlineData("zh-Hans", "写入内容（不能定位的流）的临时副本")]
    public async Task TheCopy_CannotBeWritten_IsAnImportErrorNamingTheFolder(string language, string expected)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-upload-missing-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            TableSource.CopyAsync(new ForwardOnlyStream([1, 2, 3]), "up.csv", folder, System.Globalization.CultureInfo.GetCultureInfo(language), CancellationToken.None));

        Assert.Equal("up.csv", error.File);
        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
        Assert.Contains(folder, error.Reason, StringComparison.Ordinal);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
    }

    private static string[] TempCopies() => [.. Directory.EnumerateFiles(Path.GetTempPath(), TableSource.UploadCopyPrefix + "*").Order(StringComparer.Ordinal)];

    /// <summary>What an upload or a network stream looks like to the importer: read forward only.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
