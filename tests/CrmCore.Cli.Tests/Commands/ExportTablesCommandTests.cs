using System.Security.Cryptography;
using CrmCore.Audit;
using CrmCore.Cli.Commands;
using CrmCore.Cli.Tests.Infrastructure;
using CrmCore.Import.Export;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Cli.Tests.Commands;

public class ExportTablesCommandTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 1, 1, 0));

    [Fact]
    public void Export_RecordCannotBeWritten_NoNewFileAndTheOldOneUntouched()
    {
        using var folder = new TempDirectory();
        var path = folder.File("tickets.xlsx");
        File.WriteAllText(path, "an older export");
        var wroteBeforeRecord = false;

        var error = Assert.Throws<IOException>(() => ExportTablesCommand.Export(new RefusingAuditStore(() => wroteBeforeRecord = File.ReadAllText(path) != "an older export"), Clock, "zhao.ops", "tickets", path, ExportLanguage.English, stream =>
        {
            stream.Write("new content"u8);
            return 1;
        }));

        Assert.Equal("audit store down", error.Message);
        Assert.False(wroteBeforeRecord);
        Assert.Equal("an older export", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [Fact]
    public async Task Export_Recorded_FileInPlaceWithTheRecordedHash()
    {
        using var folder = new TempDirectory();
        var path = folder.File("plans.xlsx");
        var audit = new InMemoryAuditStore();

        var rows = ExportTablesCommand.Export(audit, Clock, "zhao.ops", "plans", path, ExportLanguage.Chinese, stream =>
        {
            stream.Write("three rows"u8);
            return 3;
        });

        var entry = Assert.Single(await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit })).Entry;
        Assert.Equal(3, rows);
        Assert.Equal("plans.xlsx sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), entry.Reason);
        Assert.Equal("plans: 3 rows, Chinese headers", entry.NewValue);
        Assert.Equal([path], Directory.GetFiles(folder.FullName));
    }

    [Fact]
    public async Task Export_ToAnExistingDirectory_ThrowsIOException_AndRecordsNothing()
    {
        using var folder = new TempDirectory();
        var path = folder.File("tickets.xlsx");
        Directory.CreateDirectory(path);
        var audit = new InMemoryAuditStore();

        var error = Assert.Throws<IOException>(() => ExportTablesCommand.Export(audit, Clock, "zhao.ops", "tickets", path, ExportLanguage.English, stream =>
        {
            stream.Write("new content"u8);
            return 1;
        }));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Empty(await audit.QueryAsync(new AuditQuery { Limit = AuditQuery.MaxLimit }));
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(folder.FullName)); // no temporary file left beside it
    }

    /// <summary>An audit store that refuses every append, after running a check of the moment.</summary>
    private sealed class RefusingAuditStore(Action atAppend) : IAuditStore
    {
        public Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
        {
            atAppend();
            return Task.FromException<IReadOnlyList<AuditRecord>>(new IOException("audit store down"));
        }

        public Task<IReadOnlyList<AuditRecord>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditRecord>>([]);
    }
}
