using System.Data.Common;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>The desk stores' PostgreSQL dialect: tables in the configured schema, instants as <c>timestamptz</c> (microseconds).</summary>
internal sealed class PostgreSqlDeskSql(PostgreSqlDatabase database) : DeskSql
{
    public override string Sql(string text) => text.Replace("{t}", database.Options.Schema + ".", StringComparison.Ordinal);

    public override DbSource Source => database;

    public override object Time(Instant instant) => instant.ToDateTimeUtc();

    public override Instant ReadTime(DbDataReader reader, int ordinal) => Instant.FromDateTimeUtc(reader.GetDateTime(ordinal));

    public override object Bool(bool value) => value;

    /// <inheritdoc />
    /// <remarks>A transaction-scoped advisory lock keyed by the schema's audit table and the chain: saves of entities in other chains
    /// (and other schemas) do not wait.</remarks>
    public override string? AuditChainLock => "SELECT pg_advisory_xact_lock(hashtext('{t}audit_log'), @chain);";

    /// <inheritdoc />
    public override string? AuditNextSequence => "SELECT nextval('{t}audit_log_sequence');";

    /// <inheritdoc />
    /// <remarks>A transaction-scoped advisory lock keyed by the schema, the kind and the name: publishers of other names do not wait.</remarks>
    public override string? PublicationLock => "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0));";

    /// <inheritdoc />
    /// <remarks>The server's 55P03 (lock_not_available: <c>lock_timeout</c>) or 57014 (query_canceled: <c>statement_timeout</c>), or
    /// Npgsql's command timeout (an <see cref="Npgsql.NpgsqlException"/> whose inner exception is a <see cref="TimeoutException"/>: it
    /// cancelled the statement at <c>Command Timeout</c>). Npgsql reports a connection it could not get in time (the pool exhausted, a
    /// connect timeout) the same way, which is why callers ask only about errors of statements on a connection they already hold. No
    /// other server error counts (a deadlock, 40P01, is not a wait that ran out).</remarks>
    public override bool IsLockTimeout(DbException error) => error switch
    {
        Npgsql.PostgresException { SqlState: "55P03" or "57014" } => true,
        Npgsql.PostgresException => false,
        Npgsql.NpgsqlException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <inheritdoc />
    /// <remarks>A <c>Command Timeout</c> of 0 sets no limit of the client's: the words then name the server's timeouts and say so.</remarks>
    public override string LockWait(System.Globalization.CultureInfo? culture) =>
        LockWaitOf(new Npgsql.NpgsqlConnectionStringBuilder(database.Options.ConnectionString).CommandTimeout, culture);

    /// <summary>The words of <see cref="LockWait"/> for a command timeout of <paramref name="seconds"/> (0: no limit).</summary>
    internal static string LockWaitOf(int seconds, System.Globalization.CultureInfo? culture) => seconds == 0
        ? StorageStrings.Get("LockWait_PostgreSqlNoLimit", culture)
        : StorageStrings.Format("LockWait_PostgreSql", culture, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override string True => "TRUE";

    /// <inheritdoc />
    public override string ForUpdate => " FOR UPDATE";

    public override string Json(string parameter) => "CAST(" + parameter + " AS json)";

    public override (long First, long Last) Reserve(string name, string period, int count, long max) => PostgreSqlIdSequences.Reserve(database, name, period, count, max);

    /// <inheritdoc />
    public override ValueTask<(long First, long Last)> ReserveAsync(string name, string period, int count, long max, CancellationToken cancellationToken)
        => PostgreSqlIdSequences.ReserveAsync(database, name, period, count, max, cancellationToken);
}
