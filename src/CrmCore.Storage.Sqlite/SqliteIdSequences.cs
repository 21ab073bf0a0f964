using System.Globalization;
using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>Reserves id sequence numbers in <c>crm_id_sequence</c> under SQLite's write lock.</summary>
internal static class SqliteIdSequences
{
    /// <summary>An id generator whose numbers come from this database.</summary>
    public static IIdGenerator<TId> Generator<TId>(SqliteDatabase database, IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create) =>
        new StoredIdGenerator<TId>(pattern, clock, zone, create, database.Options.IdBlockSize, (n, p, c, m) => Reserve(database, n, p, c, m));

    public static (long First, long Last) Reserve(SqliteDatabase database, string name, string period, int count, long max)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT last_value FROM crm_id_sequence WHERE name = $n AND period = $p;";
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$p", period);
        var last = command.ExecuteScalar() is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        if (last >= max)
        {
            throw new IdSequenceExhaustedException(name, period, max);
        }

        var end = Math.Min(max, last + count);
        command.CommandText = """
            INSERT INTO crm_id_sequence (name, period, last_value) VALUES ($n, $p, $end)
            ON CONFLICT (name, period) DO UPDATE SET last_value = excluded.last_value;
            """;
        command.Parameters.AddWithValue("$end", end);
        command.ExecuteNonQuery();
        transaction.Commit();
        return (last + 1, end);
    }
}
