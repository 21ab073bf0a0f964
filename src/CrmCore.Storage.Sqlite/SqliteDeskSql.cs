using System.Data.Common;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>The desk stores' SQLite dialect: tables prefixed <c>crm_</c>, instants as Unix ticks, booleans as 0/1.</summary>
internal sealed class SqliteDeskSql(SqliteDatabase database) : DeskSql
{
    public override string Sql(string text) => text.Replace("{t}", "crm_", StringComparison.Ordinal);

    public override DbSource Source => database;

    // Whole microseconds, as PostgreSQL keeps them, so both providers store the same instants.
    public override object Time(Instant instant) => StoredPrecision.Truncate(instant).ToUnixTimeTicks();

    public override Instant ReadTime(DbDataReader reader, int ordinal) => Instant.FromUnixTimeTicks(reader.GetInt64(ordinal));

    public override object Bool(bool value) => value ? 1L : 0L;

    public override string True => "1";

    public override string Json(string parameter) => parameter;

    /// <inheritdoc />
    public override bool BeginWaitsForLocks => true;

    /// <inheritdoc />
    /// <remarks>SQLITE_BUSY (5) once the busy timeout has passed, or SQLITE_LOCKED (6), or one of their extended codes (their low byte:
    /// SQLITE_BUSY_SNAPSHOT 517, SQLITE_LOCKED_SHAREDCACHE 262, …).</remarks>
    public override bool IsLockTimeout(DbException error) => error is Microsoft.Data.Sqlite.SqliteException e && (e.SqliteErrorCode & 0xFF) is 5 or 6;

    /// <inheritdoc />
    public override string LockWait(System.Globalization.CultureInfo? culture) =>
        StorageStrings.Format("LockWait_Sqlite", culture, database.Options.BusyTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public override (long First, long Last) Reserve(string name, string period, int count, long max) => SqliteIdSequences.Reserve(database, name, period, count, max);
}
