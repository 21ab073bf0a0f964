using CrmCore.Churn;
using CrmCore.Customers;

namespace CrmCore.Storage;

/// <summary>
/// Each customer's last churn evaluation in a database (table <c>churn_history</c>, schema 7), so a restarted or second host keeps
/// the trend and a crossing into the high band is seen once. <see cref="Exchange"/> runs in one write transaction with the row locked
/// (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: <c>FOR UPDATE</c>); inside a desk command it joins the command's transaction. Thread-safe.
/// </summary>
internal sealed class DbChurnHistory(DeskSql sql) : IChurnHistory
{
    private readonly string _find = sql.Sql("SELECT evaluated_at, score, band FROM {t}churn_history WHERE customer_id = @c");

    private readonly string _lock = sql.Sql("SELECT evaluated_at, score, band FROM {t}churn_history WHERE customer_id = @c") + sql.ForUpdate;

    private readonly string _insert = sql.Sql("INSERT INTO {t}churn_history (customer_id, evaluated_at, score, band) VALUES (@c, @at, @score, @band) ON CONFLICT (customer_id) DO NOTHING");

    private readonly string _upsert = sql.Sql("""
        INSERT INTO {t}churn_history (customer_id, evaluated_at, score, band) VALUES (@c, @at, @score, @band)
        ON CONFLICT (customer_id) DO UPDATE SET evaluated_at = excluded.evaluated_at, score = excluded.score, band = excluded.band
        """);

    /// <inheritdoc />
    public ChurnHistoryEntry? GetLatest(CustomerId customer)
    {
        using var lease = sql.Source.Lease();
        return Read(lease, _find, customer);
    }

    /// <inheritdoc />
    public void Save(CustomerId customer, ChurnHistoryEntry entry)
    {
        ThrowIfInvalid(customer, entry);
        using var lease = sql.Source.Lease();
        Write(lease, _upsert, customer, entry);
    }

    /// <inheritdoc />
    public ChurnHistoryExchange Exchange(CustomerId customer, ChurnHistoryEntry next)
    {
        ThrowIfInvalid(customer, next);
        using var lease = sql.Source.Lease();
        lease.Begin();
        if (Write(lease, _insert, customer, next))
        {
            lease.Commit();
            return new ChurnHistoryExchange(null, Stored: true);
        }

        var current = Read(lease, _lock, customer)!;
        if (next.EvaluatedAt < current.EvaluatedAt)
        {
            lease.Commit();
            return new ChurnHistoryExchange(current, Stored: false);
        }

        Write(lease, _upsert, customer, next);
        lease.Commit();
        return new ChurnHistoryExchange(current, Stored: true);
    }

    private static void ThrowIfInvalid(CustomerId customer, ChurnHistoryEntry entry)
    {
        if (customer.IsEmpty)
        {
            throw new ArgumentException("The customer id must not be empty.", nameof(customer));
        }

        ArgumentNullException.ThrowIfNull(entry);
    }

    private ChurnHistoryEntry? Read(DbLease lease, string text, CustomerId customer)
    {
        var command = lease.Command(text);
        DeskSql.Add(command, "@c", customer.Value);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ChurnHistoryEntry(sql.ReadTime(reader, 0), DeskSql.Int(reader, 1), Enum.Parse<ChurnBand>(reader.GetString(2))) : null;
    }

    private bool Write(DbLease lease, string text, CustomerId customer, ChurnHistoryEntry entry)
    {
        var command = lease.Command(text);
        DeskSql.Add(command, "@c", customer.Value);
        DeskSql.Add(command, "@at", sql.Time(entry.EvaluatedAt));
        DeskSql.Add(command, "@score", (long)entry.Score);
        DeskSql.Add(command, "@band", entry.Band.ToString());
        return command.ExecuteNonQuery() == 1;
    }
}
