using System.Globalization;
using CrmCore.Identifiers;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>Reserves id sequence numbers in <c>crm_id_sequence</c> under SQLite's write lock.</summary>
internal static class SqliteIdSequences
{
    /// <summary>An id generator whose numbers come from this database.</summary>
    public static IIdGenerator<TId> Generator<TId>(SqliteDatabase database, IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create) =>
        new StoredIdGenerator<TId>(pattern, clock, zone, create, database.Options.IdBlockSize, (n, p, c, m) => Reserve(database, n, p, c, m, joinCommand: false));

    /// <summary>
    /// Reserves numbers. With <paramref name="joinCommand"/> the reservation joins an open desk command's transaction (it must: SQLite has
    /// one writer, and that transaction holds the lock), so a command rolled back hands its one number out again; a block kept in memory
    /// (<see cref="StoredIdGenerator{TId}"/>) never joins, so a reserved block is never handed out twice.
    /// </summary>
    public static (long First, long Last) Reserve(SqliteDatabase database, string name, string period, int count, long max, bool joinCommand = true)
    {
        using var lease = joinCommand ? database.Lease() : database.LeaseOutsideSession();
        lease.Begin();
        var command = lease.Command("SELECT last_value FROM crm_id_sequence WHERE name = $n AND period = $p;");
        DeskSql.Add(command, "$n", name);
        DeskSql.Add(command, "$p", period);
        var last = command.ExecuteScalar() is { } value ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
        if (last >= max)
        {
            lease.FailsWithoutWrite();
            throw new IdSequenceExhaustedException(name, period, max);
        }

        var end = Math.Min(max, last + count);
        var write = lease.Command("""
            INSERT INTO crm_id_sequence (name, period, last_value) VALUES ($n, $p, $end)
            ON CONFLICT (name, period) DO UPDATE SET last_value = excluded.last_value;
            """);
        DeskSql.Add(write, "$n", name);
        DeskSql.Add(write, "$p", period);
        DeskSql.Add(write, "$end", end);
        write.ExecuteNonQuery();
        lease.Commit();
        return (last + 1, end);
    }
}
