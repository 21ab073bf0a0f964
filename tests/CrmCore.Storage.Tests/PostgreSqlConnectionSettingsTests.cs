using CrmCore.Storage.PostgreSql;
using Npgsql;

namespace CrmCore.Storage.Tests;

/// <summary>The Npgsql settings the PostgreSQL storage adds to the host's connection string (no server is contacted).</summary>
public sealed class PostgreSqlConnectionSettingsTests
{
    [Fact]
    public void ConnectionString_WithoutTheKeywords_GetsNoResetOnCloseAndAutoPrepare_OnBothPools()
    {
        using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = "Host=db.invalid;Username=crm", AsynchronousQueueCommit = true });

        foreach (var pool in new[] { database.DataSource, database.QueueDataSource })
        {
            var settings = new NpgsqlConnectionStringBuilder(pool.ConnectionString);
            Assert.True(settings.NoResetOnClose);
            Assert.Equal(64, settings.MaxAutoPrepare);
        }

        Assert.Contains("synchronous_commit=off", new NpgsqlConnectionStringBuilder(database.QueueDataSource.ConnectionString).Options, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimPool_UsesGenericPlans_AndTheMainPoolDoesNot()
    {
        using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = "Host=db.invalid;Username=crm" });

        Assert.Contains("plan_cache_mode=force_generic_plan", new NpgsqlConnectionStringBuilder(database.QueueDataSource.ConnectionString).Options, StringComparison.Ordinal);
        Assert.DoesNotContain("plan_cache_mode", new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).Options ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("synchronous_commit", new NpgsqlConnectionStringBuilder(database.QueueDataSource.ConnectionString).Options, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionString_ThatSetsAPlanCacheMode_KeepsItOnTheClaimPool()
    {
        using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = "Host=db.invalid;Username=crm;Options=-c plan_cache_mode=auto" });

        var options = new NpgsqlConnectionStringBuilder(database.QueueDataSource.ConnectionString).Options;
        Assert.Contains("plan_cache_mode=auto", options, StringComparison.Ordinal);
        Assert.DoesNotContain("force_generic_plan", options, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.invalid;Username=crm;No Reset On Close=false")]
    [InlineData("Host=db.invalid;Username=crm;NoResetOnClose=false")]
    public void ConnectionString_ThatSetsNoResetOnClose_IsLeftAsTheHostSetIt(string connectionString)
    {
        using var database = new PostgreSqlDatabase(new PostgreSqlStorageOptions { ConnectionString = connectionString });

        Assert.False(new NpgsqlConnectionStringBuilder(database.DataSource.ConnectionString).NoResetOnClose);
    }
}
