using System.Globalization;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// The .xlsx import reads a checked copy of the workbook from a temporary file: when that copy cannot be written, the error says so,
/// with the folder and the system's reason, rather than calling a sound workbook unreadable; and no copy is left behind.
/// </summary>
public sealed class XlsxTemporaryCopyTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"crmcore-copy-tests-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void FolderThatCannotBeWritten_IsNamedWithItsCause_NotTakenForADamagedWorkbook()
    {
        var missing = Path.Combine(_folder, "missing");

        var error = Assert.Throws<ImportFileException>(() => Inspect(missing, static (path, options) => new FileStream(path, options)));

        Assert.Contains("temporary copy", error.Message, StringComparison.Ordinal);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.Contains(": the folder does not exist;", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a readable", error.Message, StringComparison.Ordinal);
        Assert.Equal("book.xlsx", error.File);
    }

    [Fact]
    public void DiskFullWhileCopying_IsNamedAsSuch_AndTheCopyIsGone()
    {
        var error = Assert.Throws<ImportFileException>(() => Inspect(_folder, static (path, options) => new FullDisk(new FileStream(path, options), room: 2048)));

        Assert.Contains("temporary copy", error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
        Assert.Contains(": the disk is full;", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FullDisk.Reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a readable", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void DiskFullWhileCopyingALargeSheet_BlamesNoRow()
    {
        // Room for several 64 KiB chunks of a sheet of 20,000 rows (about 2 MB): the disk fills while the sheet is being read, many
        // rows in, and the error is still the copy's, with no row or column of the sheet (no row is at fault).
        FullDisk? disk = null;
        var error = Assert.Throws<ImportFileException>(() => Inspect(_folder, (path, options) => disk = new FullDisk(new FileStream(path, options), room: 400_000), rows: 20_000));

        Assert.Equal(0, error.Line);
        Assert.Equal(0, error.Column);
        Assert.StartsWith("book.xlsx: the temporary copy of the workbook could not be written in " + _folder + ": the disk is full;", error.Message, StringComparison.Ordinal);
        Assert.InRange(Assert.IsType<FullDisk>(disk).FailedAt, 4 << 16, 400_000); // several chunks were written before
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void DiskFull_InChinese_WhenTheUserInterfaceIsChinese()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        try
        {
            var error = Assert.Throws<ImportFileException>(() => Inspect(_folder, static (path, options) => new FullDisk(new FileStream(path, options), room: 2048)));

            Assert.Contains("临时副本", error.Message, StringComparison.Ordinal);
            Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void DiskFull_InTheImportsLanguage_NotTheUserInterfaces()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            var error = Assert.Throws<ImportFileException>(() => Inspect(_folder, static (path, options) => new FullDisk(new FileStream(path, options), room: 400_000), rows: 20_000, CultureInfo.GetCultureInfo("zh-Hans")));

            Assert.Equal(0, error.Line);
            Assert.StartsWith("book.xlsx: 无法在 " + _folder + " 写入工作簿的临时副本：磁盘已满；", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(FullDisk.Reason, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void CopyFailure_OtherCause_SystemsMessageInEnglish_LeftOutInChinese()
    {
        var cause = new IOException("Input/output error : '/tmp/c/copy.xlsx'", 5); // EIO: not a cause the import names itself

        var en = TableReader.WithCause("Error_TemporaryCopy", CultureInfo.GetCultureInfo("en-US"), "/tmp/c", cause);
        var zh = TableReader.WithCause("Error_TemporaryCopy", CultureInfo.GetCultureInfo("zh-Hans"), "/tmp/c", cause);

        Assert.Equal("the temporary copy of the workbook could not be written in /tmp/c: Input/output error : '/tmp/c/copy.xlsx'; free space there, or set TMPDIR (TMP on Windows) to another folder", en);
        Assert.Equal("无法在 /tmp/c 写入工作簿的临时副本；请释放该处的空间，或将 TMPDIR（Windows 上为 TMP）设为其他目录", zh);
    }

    [Fact]
    public void RoomEnough_TheCopyIsMadeThereAndDeletedOnDispose()
    {
        using (var inspection = Inspect(_folder, static (path, options) => new FullDisk(new FileStream(path, options), room: 1 << 20)))
        {
            Assert.Equal(51, inspection.Rows);
            Assert.Single(Directory.GetFiles(_folder));
        }

        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static XlsxInspection Inspect(string folder, Func<string, FileStreamOptions, Stream> create, int rows = 51, CultureInfo? culture = null)
    {
        var sheet = string.Concat(Enumerable.Range(1, rows).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\" t=\"inlineStr\"><is><t>KH{i}</t></is></c><c r=\"B{i}\" t=\"inlineStr\"><is><t>公司{i}</t></is></c></row>"));
        using var stream = new MemoryStream(HostileWorkbookTests.Workbook(HostileWorkbookTests.Sheet(sheet)));
        return XlsxInspection.Inspect(stream, "book.xlsx", folder, create, culture);
    }

    /// <summary>A file on a disk with <c>room</c> bytes free: a write past them fails as the system fails it (ENOSPC).</summary>
    private sealed class FullDisk(FileStream inner, long room) : Stream
    {
        public const string Reason = "No space left on device";

        /// <summary>Where the first refused write would have started; 0 while none was refused.</summary>
        public long FailedAt { get; private set; }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (inner.Position + count > room)
            {
                FailedAt = FailedAt == 0 ? inner.Position : FailedAt;
                throw new IOException($"{Reason} : '{inner.Name}'", 28);
            }

            inner.Write(buffer, offset, count);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
