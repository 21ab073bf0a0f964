using System.Data.Common;
using Npgsql;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>The desk stores' PostgreSQL dialect: tables in the configured schema, instants as <c>timestamptz</c> (microseconds).</summary>
internal sealed class PostgreSqlDeskSql(PostgreSqlDatabase database) : DeskSql
{
    public override string Sql(string text) => text.Replace("{t}", database.Options.Schema + ".", StringComparison.Ordinal);

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => await database.OpenAsync(cancellationToken).ConfigureAwait(false);

    public override async ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    public override object Time(Instant instant) => instant.ToDateTimeUtc();

    public override Instant ReadTime(DbDataReader reader, int ordinal) => Instant.FromDateTimeUtc(reader.GetDateTime(ordinal));

    public override object Bool(bool value) => value;

    /// <inheritdoc />
    /// <remarks>A transaction-scoped advisory lock keyed by the schema's audit table and the chain: saves of entities in other chains
    /// (and other schemas) do not wait.</remarks>
    public override string? AuditChainLock => "SELECT pg_advisory_xact_lock(hashtext('{t}audit_log'), @chain);";

    /// <inheritdoc />
    public override string? AuditNextSequence => "SELECT nextval('{t}audit_log_sequence');";

    public override string True => "TRUE";

    public override string Json(string parameter) => "CAST(" + parameter + " AS json)";

    public override (long First, long Last) Reserve(string name, string period, int count, long max) => PostgreSqlIdSequences.Reserve(database, name, period, count, max);

    /// <inheritdoc />
    public override ValueTask<(long First, long Last)> ReserveAsync(string name, string period, int count, long max, CancellationToken cancellationToken)
        => PostgreSqlIdSequences.ReserveAsync(database, name, period, count, max, cancellationToken);
}
