using System.Globalization;
using CrmCore.Import.Reading;

namespace CrmCore.Import.Tests;

/// <summary>
/// MiniExcel keeps a large shared-strings part in temporary files of its own (its shared-string cache, in the folder the reader names):
/// when they cannot be written, the error says that the temporary folder could not be written, naming the folder and the system's
/// reason, at line 0, rather than calling a sound workbook unreadable.
/// </summary>
public sealed class XlsxSharedStringCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"crmcore-cache-tests-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CacheFolderMissing_IsNamed_NotTakenForADamagedWorkbook()
    {
        var missing = Path.Combine(_folder, "missing");

        var error = Assert.Throws<ImportFileException>(() => Read(missing, CultureInfo.GetCultureInfo("en-US")));

        Assert.Equal("book.xlsx", error.File);
        Assert.Equal(0, error.Line);
        Assert.StartsWith("book.xlsx: the workbook's shared strings could not be written to temporary files in " + missing + ": the folder does not exist; ", error.Message, StringComparison.Ordinal);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        Assert.DoesNotContain("not a readable", error.Message, StringComparison.Ordinal);

        // MiniExcel was not left to fail creating its cache: its finalizer would then crash the process (disposing files never opened).
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void CacheFolderMissing_InChinese_WhenTheImportIsChinese()
    {
        var missing = Path.Combine(_folder, "missing");

        var error = Assert.Throws<ImportFileException>(() => Read(missing, CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.StartsWith("book.xlsx: 无法在 " + missing + " 写入工作簿共享字符串的临时文件：文件夹不存在；", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Line);
        Assert.IsType<DirectoryNotFoundException>(error.InnerException);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [LinuxFact]
    public void CacheFolderNotWritable_IsNamedWithTheSystemsReason()
    {
        // A folder that exists and where no file can be created, whoever runs the test (root too): sysfs on Linux.
        var error = Assert.Throws<ImportFileException>(() => Read("/sys", CultureInfo.GetCultureInfo("en-US")));

        Assert.Equal(0, error.Line);
        // sysfs refuses with EACCES where it is mounted read-write, with EROFS where a container mounts it read-only.
        var readOnly = error.InnerException is IOException;
        Assert.StartsWith("book.xlsx: the workbook's shared strings could not be written to temporary files in /sys: " + (readOnly ? "the file system is read-only" : "access is denied")
            + "; set TMPDIR (TMP on Windows) to a folder the import can write to", error.Message, StringComparison.Ordinal);
        Assert.True(error.InnerException is UnauthorizedAccessException || readOnly, error.InnerException?.GetType().Name);
        var chinese = Assert.Throws<ImportFileException>(() => Read("/sys", CultureInfo.GetCultureInfo("zh-Hans")));
        Assert.StartsWith("book.xlsx: 无法在 /sys 写入工作簿共享字符串的临时文件：" + (readOnly ? "文件系统为只读" : "没有访问权限") + "；", chinese.Message, StringComparison.Ordinal);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [LinuxFact]
    public void CacheFolderPathTooLong_IsNamedInTheImportsLanguage()
    {
        // A folder name longer than the file system allows (255 bytes): creating the probe file fails with ENAMETOOLONG.
        var tooLong = Path.Combine(_folder, new string('x', 300));

        var english = Assert.Throws<ImportFileException>(() => Read(tooLong, CultureInfo.GetCultureInfo("en-US")));
        var chinese = Assert.Throws<ImportFileException>(() => Read(tooLong, CultureInfo.GetCultureInfo("zh-Hans")));

        Assert.IsType<PathTooLongException>(english.InnerException);
        Assert.StartsWith("book.xlsx: the workbook's shared strings could not be written to temporary files in " + tooLong + ": the path is too long; ", english.Message, StringComparison.Ordinal);
        Assert.StartsWith("book.xlsx: 无法在 " + tooLong + " 写入工作簿共享字符串的临时文件：路径过长；", chinese.Message, StringComparison.Ordinal);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    public static TheoryData<Exception, string, string> RecognisedCauses()
    {
        var data = new TheoryData<Exception, string, string>
        {
            { new IOException("There is not enough space on the disk.", unchecked((int)0x80070070)), "the disk is full", "磁盘已满" },
            { new IOException("The disk is full.", unchecked((int)0x80070027)), "the disk is full", "磁盘已满" },
            { new UnauthorizedAccessException("Access to the path '/tmp/c/x.tmp' is denied."), "access is denied", "没有访问权限" },
            { new PathTooLongException("The path '/tmp/c/xxx' is too long, or a component of the specified path is too long."), "the path is too long", "路径过长" },
            { new DirectoryNotFoundException("Could not find a part of the path '/tmp/c/x.tmp'."), "the folder does not exist", "文件夹不存在" },
            { new IOException("The media is write protected.", unchecked((int)0x80070013)), "the file system is read-only", "文件系统为只读" },
        };
        if (!OperatingSystem.IsWindows())
        {
            data.Add(new IOException("No space left on device : '/tmp/c/x.tmp'", 28), "the disk is full", "磁盘已满"); // ENOSPC
            data.Add(new IOException("Read-only file system : '/tmp/c/x.tmp'", 30), "the file system is read-only", "文件系统为只读"); // EROFS
            data.Add(new IOException("Disk quota exceeded : '/tmp/c/x.tmp'", OperatingSystem.IsMacOS() ? 69 : 122), "the disk is full", "磁盘已满"); // EDQUOT
        }

        return data;
    }

    // A cause the import recognises is said in the import's words, in English and in Chinese, whether the probe met it or MiniExcel
    // (wrapped in its own exceptions); the system's English message stays in the inner exception.
    [Theory]
    [MemberData(nameof(RecognisedCauses))]
    public void CacheFailure_RecognisedCause_IsSaidInTheImportsLanguage(Exception cause, string english, string chinese)
    {
        var en = TableReader.CacheFailure("book.xlsx", "/tmp/c", cause, cause, CultureInfo.GetCultureInfo("en-US"));
        var zh = TableReader.CacheFailure("book.xlsx", "/tmp/c", cause, cause, CultureInfo.GetCultureInfo("zh-Hans"));
        var wrapped = new InvalidOperationException("MiniExcel failed", cause);
        var fromMiniExcel = TableReader.Unreadable("book.xlsx", 7, wrapped, "/tmp/c", CultureInfo.GetCultureInfo("zh-CN"));

        // Freeing space is advised only for a full disk: for the other causes, another folder.
        var full = english == "the disk is full";
        Assert.Equal("book.xlsx: the workbook's shared strings could not be written to temporary files in /tmp/c: " + english + "; "
            + (full ? "free space there, or set TMPDIR (TMP on Windows) to another folder" : "set TMPDIR (TMP on Windows) to a folder the import can write to"), en.Message);
        Assert.Equal("book.xlsx: 无法在 /tmp/c 写入工作簿共享字符串的临时文件：" + chinese + "；"
            + (full ? "请释放该处的空间，或将 TMPDIR（Windows 上为 TMP）设为其他目录" : "请将 TMPDIR（Windows 上为 TMP）设为导入可以写入的目录"), zh.Message);
        Assert.Same(cause, zh.InnerException);
        Assert.DoesNotContain(cause.Message, zh.Message, StringComparison.Ordinal);
        if (cause is not PathTooLongException)
        {
            // MiniExcel does not meet a path too long: the probe, which creates a file of the same folder first, does.
            Assert.Equal((0, zh.Message), (fromMiniExcel.Line, fromMiniExcel.Message));
            Assert.Same(wrapped, fromMiniExcel.InnerException);
        }
    }

    // Any other cause keeps the system's message in English and leaves it out in Chinese (no English words but the variable names).
    [Fact]
    public void CacheFailure_OtherCause_SystemsMessageInEnglish_LeftOutInChinese()
    {
        var cause = new IOException("Input/output error : '/tmp/c/x.tmp'", 5); // EIO

        var en = TableReader.CacheFailure("book.xlsx", "/tmp/c", cause, cause, CultureInfo.GetCultureInfo("en-US"));
        var zh = TableReader.CacheFailure("book.xlsx", "/tmp/c", cause, cause, CultureInfo.GetCultureInfo("zh-Hans"));

        Assert.Equal("book.xlsx: the workbook's shared strings could not be written to temporary files in /tmp/c: Input/output error : '/tmp/c/x.tmp'; free space there, or set TMPDIR (TMP on Windows) to another folder", en.Message);
        Assert.Equal("book.xlsx: 无法在 /tmp/c 写入工作簿共享字符串的临时文件；请释放该处的空间，或将 TMPDIR（Windows 上为 TMP）设为其他目录", zh.Message);
        Assert.Same(cause, zh.InnerException);
        Assert.Null(TableReader.FolderFailureCause(cause));
    }

    [Fact]
    public void CacheFolderWritable_TheCacheIsWrittenThere_AndRemovedAfterTheRead()
    {
        var seenDuringRead = 0;
        var rows = new List<SourceRow>();
        using (var stream = new MemoryStream(Book()))
        {
            foreach (var row in TableReader.ReadXlsx(stream, "book.xlsx", CultureInfo.InvariantCulture, null, _folder, cacheFromBytes: 0))
            {
                seenDuringRead = Math.Max(seenDuringRead, Directory.GetFiles(_folder).Length);
                rows.Add(row);
            }
        }

        Assert.True(seenDuringRead > 0, "MiniExcel's cache files are written in the folder the reader names");
        Assert.Equal(Enumerable.Range(1, Rows).Select(i => $"KH{i}|公司{i}"), rows.Select(r => string.Join("|", r.Cells)));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public void SmallSharedStrings_StayInMemory_NoFolderNeeded()
    {
        // Below the cache size MiniExcel writes no file: a missing folder changes nothing.
        using var stream = new MemoryStream(Book());

        var rows = TableReader.ReadXlsx(stream, "book.xlsx", CultureInfo.InvariantCulture, null, Path.Combine(_folder, "missing"), TableReader.SharedStringCacheBytes).ToList();

        Assert.Equal(Rows, rows.Count);
    }

    [Theory]
    [InlineData(28)] // ENOSPC
    [InlineData(30)] // EROFS
    [InlineData(unchecked((int)0x80070070))] // ERROR_DISK_FULL as an HRESULT
    [InlineData(unchecked((int)0x80070027))] // ERROR_HANDLE_DISK_FULL as an HRESULT
    public void TemporaryFolderFailure_DiskFullOrReadOnly_FoundWrappedInsideOtherExceptions(int code)
    {
        var cause = new IOException("No space left on device", code);

        Assert.Same(cause, TableReader.TemporaryFolderFailure(cause));
        Assert.Same(cause, TableReader.TemporaryFolderFailure(new InvalidOperationException("MiniExcel failed", new InvalidOperationException("inner", cause))));
        Assert.Same(cause, TableReader.TemporaryFolderFailure(new AggregateException(new FormatException("other"), new InvalidOperationException("wrapped", cause))));
    }

    [Fact]
    public void TemporaryFolderFailure_AccessRefused_FoundWrapped()
    {
        var cause = new UnauthorizedAccessException("Access to the path '/tmp/x_miniexcel_data' is denied.");

        Assert.Same(cause, TableReader.TemporaryFolderFailure(new InvalidOperationException("wrapped", cause)));
    }

    [Fact]
    public void TemporaryFolderFailure_DamagedWorkbookOrOtherIOError_IsNone()
    {
        Assert.Null(TableReader.TemporaryFolderFailure(new InvalidDataException("End of Central Directory record could not be found.")));
        Assert.Null(TableReader.TemporaryFolderFailure(new InvalidOperationException("wrapped", new EndOfStreamException())));
        Assert.Null(TableReader.TemporaryFolderFailure(new IOException("I/O error", 5))); // EIO: not the folder's
        Assert.Null(TableReader.TemporaryFolderFailure(new IOException("bad sector", unchecked((int)0x80070017)))); // ERROR_CRC
        Assert.Null(TableReader.TemporaryFolderFailure(new System.Xml.XmlException("bad xml")));
    }

    private const int Rows = 40;

    private static byte[] Book()
    {
        var strings = Enumerable.Range(1, Rows).SelectMany(i => new[] { $"KH{i}", $"公司{i}" }).ToList();
        var shared = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + strings.Count + "\" uniqueCount=\"" + strings.Count + "\">"
            + string.Concat(strings.Select(s => $"<si><t>{s}</t></si>")) + "</sst>";
        var sheet = string.Concat(Enumerable.Range(1, Rows).Select(i => $"<row r=\"{i}\"><c r=\"A{i}\" t=\"s\"><v>{(2 * i) - 2}</v></c><c r=\"B{i}\" t=\"s\"><v>{(2 * i) - 1}</v></c></row>"));
        return HostileWorkbookTests.Workbook(HostileWorkbookTests.Sheet(sheet), shared);
    }

    [Theory]
    [InlineData("en-US", "book.xlsx: the workbook's shared strings need about 17 MB of temporary files in {0}, where 1 MB are free; ")]
    [InlineData("zh-Hans", "book.xlsx: 工作簿的共享字符串需要在 {0} 写入约 17 MB 的临时文件，但该处只有 1 MB 可用空间；")]
    public void CacheFolderWithoutRoom_IsRefusedBeforeMiniExcelWritesThere(string language, string start)
    {
        var files = Directory.GetFiles(_folder).Length;

        var error = Assert.Throws<ImportFileException>(() => Read(_folder, CultureInfo.GetCultureInfo(language), _ => 1L << 20));

        Assert.Equal(0, error.Line);
        Assert.StartsWith(string.Format(CultureInfo.InvariantCulture, start, _folder), error.Message, StringComparison.Ordinal);
        Assert.Equal(files, Directory.GetFiles(_folder).Length);
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [Fact]
    public void CacheFolderWithRoom_OrSpaceUnknown_IsRead()
    {
        Assert.Equal(Rows, Read(_folder, CultureInfo.InvariantCulture, _ => TableReader.CacheSpaceMargin + (1L << 20)).Count);
        Assert.Equal(Rows, Read(_folder, CultureInfo.InvariantCulture, _ => null).Count);
    }

    [LinuxFact]
    public void FreeSpace_OfATemporaryFolder_IsKnown_SoTheCheckIsOn()
    {
        var free = TableReader.FreeBytes(_folder);

        Assert.NotNull(free);
        Assert.InRange(free.Value, 1, new DriveInfo("/").TotalSize * 1024L);
    }

    [Theory]
    [InlineData(1000, 1000 + TableReader.CacheSpaceMargin, false)]
    [InlineData(1000, 999 + TableReader.CacheSpaceMargin, true)]
    public void CacheSpace_NeedsThePartsLengthAndTheMargin(long sharedBytes, long free, bool refused)
    {
        var error = Record.Exception(() => TableReader.CheckCacheSpace("/tmp", sharedBytes, free, "book.xlsx", CultureInfo.InvariantCulture));

        Assert.Equal(refused, error is ImportFileException);
    }

    private static List<SourceRow> Read(string cacheFolder, CultureInfo culture, Func<string, long?>? freeBytes = null)
    {
        using var stream = new MemoryStream(Book());
        return TableReader.ReadXlsx(stream, "book.xlsx", culture, null, cacheFolder, cacheFromBytes: 0, freeBytes).ToList();
    }
}
