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
    /// <remarks>55P03 (lock_timeout), 57014 (statement_timeout, or the cancel Npgsql sends at the command timeout), or Npgsql's own
    /// <see cref="TimeoutException"/> when the server did not answer the cancel.</remarks>
    public override bool IsLockTimeout(DbException error) => error switch
    {
        Npgsql.PostgresException { SqlState: "55P03" or "57014" } => true,
        Npgsql.NpgsqlException { InnerException: TimeoutException or Npgsql.PostgresException { SqlState: "55P03" or "57014" } } => true,
        _ => false,
    };

    /// <inheritdoc />
    public override string LockWait =>
        "the command timeout of " + new Npgsql.NpgsqlConnectionStringBuilder(database.Options.ConnectionString).CommandTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + " s (Command Timeout in the connection string; the server's lock_timeout or statement_timeout when shorter)";

    public override string True => "TRUE";

    /// <inheritdoc />
    public override string ForUpdate => " FOR UPDATE";

    public override string Json(string parameter) => "CAST(" + parameter + " AS json)";

    public override (long First, long Last) Reserve(string name, string period, int count, long max) => PostgreSqlIdSequences.Reserve(database, name, period, count, max);

    /// <inheritdoc />
    public override ValueTask<(long First, long Last)> ReserveAsync(string name, string period, int count, long max, CancellationToken cancellationToken)
        => PostgreSqlIdSequences.ReserveAsync(database, name, period, count, max, cancellationToken);
}
