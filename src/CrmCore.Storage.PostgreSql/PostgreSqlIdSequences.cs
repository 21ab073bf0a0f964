using CrmCore.Identifiers;
using NodaTime;
using Npgsql;

namespace CrmCore.Storage.PostgreSql;

/// <summary>Reserves id sequence numbers in <c>id_sequence</c> under the row's lock, so instances never share a number.</summary>
internal static class PostgreSqlIdSequences
{
    /// <summary>An id generator whose numbers come from this database.</summary>
    public static IIdGenerator<TId> Generator<TId>(PostgreSqlDatabase database, IdPattern pattern, IClock clock, DateTimeZone zone, Func<string, TId> create) =>
        new StoredIdGenerator<TId>(pattern, clock, zone, create, database.Options.IdBlockSize, (n, p, c, m) => Reserve(database, n, p, c, m));

    public static (long First, long Last) Reserve(PostgreSqlDatabase database, string name, string period, int count, long max)
    {
        using var connection = database.Open();
        using var command = Upsert(database, connection, name, period, count);
        return Block(name, period, count, max, (long)command.ExecuteScalar()!);
    }

    public static async ValueTask<(long First, long Last)> ReserveAsync(PostgreSqlDatabase database, string name, string period, int count, long max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Upsert(database, connection, name, period, count);
        return Block(name, period, count, max, (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
    }

    /// <summary>
    /// One atomic upsert in autocommit: concurrent callers queue on the row and each gets its own block. A block that runs
    /// past max is cut at max; once the counter is past max every call throws (numbers never wrap).
    /// </summary>
    private static NpgsqlCommand Upsert(PostgreSqlDatabase database, NpgsqlConnection connection, string name, string period, int count)
    {
        var command = new NpgsqlCommand(
            database.Sql("""
                INSERT INTO {schema}.id_sequence AS s (name, period, last_value) VALUES (@n, @p, @count)
                ON CONFLICT (name, period) DO UPDATE SET last_value = s.last_value + @count
                RETURNING last_value;
                """),
            connection);
        command.Parameters.AddWithValue("n", name);
        command.Parameters.AddWithValue("p", period);
        command.Parameters.AddWithValue("count", (long)count);
        return command;
    }

    private static (long First, long Last) Block(string name, string period, int count, long max, long last)
    {
        var first = last - count + 1;
        if (first > max)
        {
            throw new IdSequenceExhaustedException(name, period, max);
        }

        return (first, Math.Min(last, max));
    }
}
