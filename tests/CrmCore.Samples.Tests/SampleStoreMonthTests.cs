using System.Globalization;
using CrmCore.Samples.ServiceDesk;
using Microsoft.Data.Sqlite;

namespace CrmCore.Samples.Tests;

public class SampleStoreMonthTests
{
    // Small: every advance reads the open tickets back from the database.
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
    public void Parse_DefaultAndPlainSqlite_AreAFileInTheTempFolder()
    {
        Assert.Equal(SampleStore.DefaultSqlite, new SampleSettings().Store);
        Assert.Equal(SampleStore.DefaultSqlite, SampleStore.Parse("sqlite"));
        Assert.StartsWith(Path.GetTempPath(), SampleStore.DefaultSqlite.Target, StringComparison.Ordinal);
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

    private static long CountTickets(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM crm_ticket";
        return (long)command.ExecuteScalar()!;
    }

    private static string Print(MonthOutcome outcome)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MonthSummary.Write(outcome, writer);
        return writer.ToString();
    }
}
