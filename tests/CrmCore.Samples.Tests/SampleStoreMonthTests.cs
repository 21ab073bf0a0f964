using System.Globalization;
using CrmCore.Samples.ServiceDesk;
using Microsoft.Data.Sqlite;

namespace CrmCore.Samples.Tests;

public class SampleStoreMonthTests
{
    // Small, so that the SQLite and PostgreSQL runs stay quick; each advance reads the tickets due back from the database.
    private static readonly SampleSettings Month = new() { Customers = 150, Tickets = 500, Seed = 11, Store = SampleStore.Memory };

    private static readonly Lazy<string> InMemory = new(() => Print(ServiceDeskMonth.Run(Month)));

    [Fact]
    public void Run_OnSqlite_PrintsTheSameMonthAsInMemory_AndTheTicketsAreInTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmcore-sample-test-{Guid.NewGuid():N}.db");
        try
        {
            File.WriteAllText(path, "not a database: the run must start from a fresh file");

            var onSqlite = Print(ServiceDeskMonth.Run(Month with { Store = SampleStore.Parse("sqlite:" + path) }));

            Assert.Equal(InMemory.Value, onSqlite);
            Assert.Equal(Month.Tickets, CountTickets(path));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }

    [Fact]
    public void Run_TwiceOnOneSqliteFile_PrintsTheSameMonthBothTimes_AndTheFileHoldsEachTeamAndAgentOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), $"crmcore-sample-test-{Guid.NewGuid():N}.db");
        try
        {
            var store = SampleStore.Parse("sqlite:" + path);

            var first = Print(ServiceDeskMonth.Run(Month with { Store = store }));
            var second = Print(ServiceDeskMonth.Run(Month with { Store = store }));

            Assert.Equal(InMemory.Value, first);
            Assert.Equal(first, second);
            Assert.Equal(CrmCore.Samples.ServiceDesk.Desk.Staffing.Teams.Count, Count(path, "SELECT COUNT(*) FROM crm_team"));
            Assert.Equal(CrmCore.Samples.ServiceDesk.Desk.Staffing.Agents(new Random(1)).Count, Count(path, "SELECT COUNT(DISTINCT id) FROM crm_agent"));
            Assert.Equal(1, Count(path, "SELECT COUNT(*) FROM crm_agent WHERE id = 'A007' AND joined_teams = 'GeneralServiceGroup' AND version = 2"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
        }
    }

    [PostgresFact]
    public void Run_OnPostgreSql_PrintsTheSameMonthAsInMemory()
    {
        var store = SampleStore.Parse("postgresql:" + PostgresFactAttribute.Require());

        var onPostgreSql = Print(ServiceDeskMonth.Run(Month with { Store = store }));

        Assert.Equal(InMemory.Value, onPostgreSql);
    }

    [Theory]
    [InlineData("memory", "Memory", "")]
    [InlineData("sqlite:month.db", "Sqlite", "month.db")]
    [InlineData("postgresql:Host=db;Database=crm", "PostgreSql", "Host=db;Database=crm")]
    public void Parse_ReadsKindAndTarget(string value, string kind, string target)
    {
        var store = SampleStore.Parse(value);

        Assert.Equal(kind, store.Kind.ToString());
        Assert.EndsWith(target, store.Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DefaultAndPlainSqlite_AreATemporaryFileOfTheirOwnInTheTempFolder()
    {
        SampleStore[] stores = [new SampleSettings().Store, new SampleSettings().Store, SampleStore.Parse("sqlite"), SampleStore.Parse("sqlite")];

        Assert.All(stores, s => Assert.Equal((SampleStoreKind.Sqlite, true), (s.Kind, s.Temporary)));
        Assert.All(stores, s => Assert.StartsWith(Path.GetTempPath(), s.Target, StringComparison.Ordinal));
        Assert.Equal(stores.Length, stores.Select(s => s.Target).Distinct(StringComparer.Ordinal).Count());
        Assert.False(SampleStore.Parse("sqlite:month.db").Temporary);
    }

    [Fact]
    public void Run_OnTheDefaultStore_DeletesItsTemporaryFile_ButKeepsANamedOne()
    {
        var temporary = SampleStore.TemporarySqlite();
        var named = Path.Combine(Path.GetTempPath(), $"crmcore-sample-test-{Guid.NewGuid():N}.db");
        var tiny = Month with { Customers = 20, Tickets = 30 };
        try
        {
            ServiceDeskMonth.Run(tiny with { Store = temporary });
            ServiceDeskMonth.Run(tiny with { Store = SampleStore.Parse("sqlite:" + named) });

            Assert.False(File.Exists(temporary.Target));
            Assert.False(File.Exists(temporary.Target + "-wal"));
            Assert.Equal(tiny.Tickets, CountTickets(named));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(named);
            File.Delete(named + "-wal");
            File.Delete(named + "-shm");
        }
    }

    [Theory]
    [InlineData("postgresql")]
    [InlineData("mongodb:x")]
    [InlineData("memory:x")]
    public void Parse_BadValue_SaysWhatIsAllowed(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => SampleStore.Parse(value));

        Assert.Contains("--store", error.Message, StringComparison.Ordinal);
    }

    private static long CountTickets(string path) => Count(path, "SELECT COUNT(*) FROM crm_ticket");

    private static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static string Print(MonthOutcome outcome)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(outcome, writer);
        return writer.ToString();
    }
}
