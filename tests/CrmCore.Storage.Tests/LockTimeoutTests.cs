using System.Globalization;
using CrmCore.Desk;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using CrmCore.Storage.Tests.Contract;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.Tests;

/// <summary>
/// What the providers count as a statement that gave up waiting for another transaction's lock (a publish then throws
/// <see cref="TimeoutException"/> naming the wait), and what they do not: any other error, and a connection that could not be had.
/// </summary>
public sealed class LockTimeoutTests
{
    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(517, true)] // SQLITE_BUSY_SNAPSHOT (extended)
    [InlineData(261, true)] // SQLITE_BUSY_RECOVERY (extended)
    [InlineData(262, true)] // SQLITE_LOCKED_SHAREDCACHE (extended)
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    [InlineData(1, false)] // SQLITE_ERROR
    [InlineData(13, false)] // SQLITE_FULL
    public void Sqlite_IsLockTimeout_CountsBusyAndLocked_WithTheirExtendedCodes_AndNothingElse(int code, bool expected)
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-lock-" + Guid.NewGuid().ToString("N") + ".db");
        using var storage = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
        var sql = new SqliteDeskSql(storage.Database);

        Assert.Equal(expected, sql.IsLockTimeout(new SqliteException("test", code)));
    }

    [Theory]
    [InlineData("55P03", true)] // lock_not_available: lock_timeout
    [InlineData("57014", true)] // query_canceled: statement_timeout
    [InlineData("40P01", false)] // deadlock_detected
    [InlineData("23505", false)] // unique_violation
    [InlineData("53300", false)] // too_many_connections
    [InlineData("57P01", false)] // admin_shutdown
    public void PostgreSql_IsLockTimeout_CountsOnlyTheLockAndStatementTimeouts_OfTheServersErrors(string sqlState, bool expected)
    {
        Assert.Equal(expected, PostgreSql().IsLockTimeout(new PostgresException("test", "ERROR", "ERROR", sqlState)));
    }

    [Fact]
    public void PostgreSql_IsLockTimeout_CountsNpgsqlsCommandTimeout_ButNotAnErrorWithoutATimeout()
    {
        var sql = PostgreSql();
        Assert.True(sql.IsLockTimeout(new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))));
        Assert.False(sql.IsLockTimeout(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.False(sql.IsLockTimeout(new NpgsqlException("broken")));
    }

    [Theory]
    [InlineData(0, "en", "no limit", " 0 s")]
    [InlineData(30, "en", "30 s", "no limit")]
    [InlineData(1, "en", "the command timeout of 1 s", "no limit")]
    [InlineData(0, "zh-Hans", "不限时", "0 秒")]
    [InlineData(30, "zh-Hans", "命令超时 30 秒", "不限时")]
    public void PostgreSql_LockWait_SaysNoLimit_ForACommandTimeoutOfZero_InEnglishAndChinese(int seconds, string language, string said, string notSaid)
    {
        var words = PostgreSqlDeskSql.LockWaitOf(seconds, CultureInfo.GetCultureInfo(language));
        Assert.Contains(said, words, StringComparison.Ordinal);
        Assert.DoesNotContain(notSaid, words, StringComparison.Ordinal);
        Assert.Contains("Command Timeout", words, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSql_LockWait_ReadsTheConnectionStringsCommandTimeout()
    {
        Assert.Contains("no limit", PostgreSql("Host=localhost;Command Timeout=0").LockWait(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("the command timeout of 7 s", PostgreSql("Host=localhost;Command Timeout=7").LockWait(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_Publish_WaitingPastTheBusyTimeout_UnderAChineseUiCulture_SaysSoInChinese()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-lock-" + Guid.NewGuid().ToString("N") + ".db");
        using var holder = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
        using var waiter = new SqliteStorage(new SqliteStorageOptions { DataSource = path, BusyTimeout = TimeSpan.FromSeconds(1) });
        Assert.Null(await waiter.Publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules")); // the schema is prepared
        var before = CultureInfo.CurrentUICulture;
        try
        {
            await using var transaction = holder.Transactions.Begin();
            await holder.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{}", "ana", Instant.FromUtc(2026, 3, 2, 9, 0));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

            var error = await Assert.ThrowsAsync<TimeoutException>(() => waiter.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", Instant.FromUtc(2026, 3, 2, 9, 0)));

            Assert.StartsWith("发布规则集“crm-rules”超时", error.Message, StringComparison.Ordinal);
            Assert.Contains("忙等待超时 1 秒（SqliteStorageOptions.BusyTimeout）", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task Sqlite_Publish_AsTheFirstStatementOfAHostTransaction_WaitingPastTheBusyTimeout_ThrowsTimeoutException()
    {
        // The waiting is in the host's BEGIN IMMEDIATE, which the publish's lease sends: still a lock wait, named as one.
        var path = Path.Combine(Path.GetTempPath(), "crmcore-lock-" + Guid.NewGuid().ToString("N") + ".db");
        using var holder = new SqliteStorage(new SqliteStorageOptions { DataSource = path });
        using var waiter = new SqliteStorage(new SqliteStorageOptions { DataSource = path, BusyTimeout = TimeSpan.FromSeconds(1) });
        Assert.Null(await waiter.Publications.GetCurrentAsync(PublicationKind.RuleSet, "crm-rules")); // the schema is prepared
        try
        {
            await using var held = holder.Transactions.Begin();
            await holder.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{}", "ana", Instant.FromUtc(2026, 3, 2, 9, 0));
            await using var host = waiter.Transactions.Begin();

            var error = await Assert.ThrowsAsync<TimeoutException>(() => waiter.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{\"v\":2}", "bo", Instant.FromUtc(2026, 3, 2, 9, 0)));

            Assert.Contains("crm-rules", error.Message, StringComparison.Ordinal);
            Assert.IsType<SqliteException>(error.InnerException);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    [PostgresFact]
    public async Task PostgreSql_Publish_WhoseConnectionCannotBeHad_ThrowsTheDriversError_NotALockTimeout()
    {
        using var provider = StoreProvider.Create(StoreProvider.Postgres);
        var (connectionString, schema) = provider.PostgresTarget;
        await using var storage = new PostgreSqlStorage(new PostgreSqlStorageOptions { ConnectionString = connectionString + ";Maximum Pool Size=1;Timeout=1", Schema = schema });
        await using var held = await storage.Database.DataSource.OpenConnectionAsync(); // the pool's one connection

        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Publications.PublishAsync(PublicationKind.RuleSet, "crm-rules", "{}", "ana", Instant.FromUtc(2026, 3, 2, 9, 0)));

        Assert.IsNotType<TimeoutException>(error);
        Assert.Contains("pool", Assert.IsType<NpgsqlException>(error).Message, StringComparison.Ordinal);
    }

    private static PostgreSqlDeskSql PostgreSql(string connectionString = "Host=localhost") =>
        new(new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = connectionString }));
}
