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
        using var transaction = connection.BeginTransaction();
        long last;
        using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var insert = new NpgsqlBatchCommand(database.Sql("INSERT INTO {schema}.id_sequence (name, period, last_value) VALUES (@n, @p, 0) ON CONFLICT DO NOTHING;"));
            insert.Parameters.AddWithValue("n", name);
            insert.Parameters.AddWithValue("p", period);
            var select = new NpgsqlBatchCommand(database.Sql("SELECT last_value FROM {schema}.id_sequence WHERE name = @n AND period = @p FOR UPDATE;"));
            select.Parameters.AddWithValue("n", name);
            select.Parameters.AddWithValue("p", period);
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(select);
            last = (long)batch.ExecuteScalar()!;
        }

        if (last >= max)
        {
            throw new IdSequenceExhaustedException(name, period, max);
        }

        var end = Math.Min(max, last + count);
        using (var update = new NpgsqlCommand(database.Sql("UPDATE {schema}.id_sequence SET last_value = @end WHERE name = @n AND period = @p;"), connection, transaction))
        {
            update.Parameters.AddWithValue("end", end);
            update.Parameters.AddWithValue("n", name);
            update.Parameters.AddWithValue("p", period);
            update.ExecuteNonQuery();
        }

        transaction.Commit();
        return (last + 1, end);
    }
}
