using CrmCore.Desk;
using CrmCore.Storage.PostgreSql;
using CrmCore.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace CrmCore.Storage.Tests;

/// <summary><c>AddCrmSqliteStorage</c> and <c>AddCrmPostgreSqlStorage</c> validate their options when the host starts, before any database is touched.</summary>
public sealed class OptionsValidationTests
{
    /// <summary>The queue change retention's documented upper bound (<c>QueueChangePruning.MaxRetention</c>).</summary>
    private const int MaxRetention = 100_000_000;

    [Fact]
    public async Task AddCrmSqliteStorage_BadOptions_FailAtHostStart_WithEveryProblem()
    {
        await using var provider = Services().AddCrmSqliteStorage(" ", o => (o.LeaseDuration, o.QueueChangeRetention) = (Duration.Zero, 0)).BuildServiceProvider();

        // What a generic host runs before it starts: nothing has resolved the storage yet.
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Equal(typeof(SqliteStorageOptions), e.OptionsType);
        Assert.Equal(3, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("DataSource is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("LeaseDuration must be between 1 s and 7 days", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("QueueChangeRetention", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCrmPostgreSqlStorage_BadOptions_FailAtHostStart_WithEveryProblem()
    {
        await using var provider = Services().AddCrmPostgreSqlStorage(string.Empty, o => (o.Schema, o.LeaseDuration, o.IdBlockSize) = ("Crm-Main", Duration.FromSeconds(-5), 0)).BuildServiceProvider();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => provider.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None));

        Assert.Equal(typeof(PostgreSqlStorageOptions), e.OptionsType);
        Assert.Equal(4, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.Contains("ConnectionString is required", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("Schema 'Crm-Main' must be lowercase letters", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("LeaseDuration", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.Contains("IdBlockSize", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 1, 1, "LeaseDuration must be between 1 s and 7 days (was ")]
    [InlineData(8 * 24 * 3600, 1, 1, "LeaseDuration must be between 1 s and 7 days (was ")]
    [InlineData(30, 0, 1, "IdBlockSize must be between 1 and 10,000 (was 0)")]
    [InlineData(30, 10_001, 1, "IdBlockSize must be between 1 and 10,000 (was 10001)")]
    [InlineData(30, 1, 0, "QueueChangeRetention must be between 1 and ")]
    [InlineData(30, 1, MaxRetention + 1, "QueueChangeRetention must be between 1 and 100,000,000 (was 100000001)")]
    public void Validate_SettingsBothProvidersHave_SameRangesAndMessages_NamedAfterEachOptionsType(int leaseSeconds, int idBlockSize, int retention, string problem)
    {
        var sqlite = new SqliteStorageOptions { DataSource = "crm.db", LeaseDuration = Duration.FromSeconds(leaseSeconds), IdBlockSize = idBlockSize, QueueChangeRetention = retention };
        var postgres = new PostgreSqlStorageOptions { ConnectionString = "Host=db.invalid", LeaseDuration = sqlite.LeaseDuration, IdBlockSize = idBlockSize, QueueChangeRetention = retention };

        Assert.Equal([$"SqliteStorageOptions.{problem}"], sqlite.Validate().Select(p => p[..Math.Min(p.Length, "SqliteStorageOptions.".Length + problem.Length)]));
        Assert.Equal([$"PostgreSqlStorageOptions.{problem}"], postgres.Validate().Select(p => p[..Math.Min(p.Length, "PostgreSqlStorageOptions.".Length + problem.Length)]));

        // The ends of each range are inside it.
        (sqlite.LeaseDuration, sqlite.IdBlockSize, sqlite.QueueChangeRetention) = (Duration.FromDays(7), 10_000, MaxRetention);
        (postgres.LeaseDuration, postgres.IdBlockSize, postgres.QueueChangeRetention) = (Duration.FromSeconds(1), 1, 1);
        Assert.Empty(sqlite.Validate());
        Assert.Empty(postgres.Validate());
    }

    [Fact]
    public async Task AddCrmSqliteStorage_BadOptions_FailOnFirstResolveWithoutAHost()
    {
        await using var provider = Services().AddCrmSqliteStorage(":memory:").BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ITicketRepository>());

        Assert.Contains("in-memory database", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddCrmStorage_GoodOptions_PassTheStartCheck_WithoutOpeningTheDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), "crmcore-options-" + Guid.NewGuid().ToString("N"), "crm.db");
        await using var sqlite = Services().AddCrmSqliteStorage(path, o => o.QueueChangeRetention = 10).BuildServiceProvider();
        await using var postgres = Services().AddCrmPostgreSqlStorage("Host=db.invalid;Username=crm", o => o.Schema = "crm_east").BuildServiceProvider();

        await sqlite.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);
        await postgres.GetRequiredService<IAsyncStartupValidator>().ValidateAsync(CancellationToken.None);

        Assert.Equal((path, 10), (sqlite.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.DataSource, sqlite.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.QueueChangeRetention));
        Assert.Equal("crm_east", postgres.GetRequiredService<IOptions<PostgreSqlStorageOptions>>().Value.Schema);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    private static IServiceCollection Services() => new ServiceCollection().AddSingleton<IClock>(new FakeClock(Instant.FromUtc(2026, 3, 2, 1, 0))).AddCrmCore();
}
