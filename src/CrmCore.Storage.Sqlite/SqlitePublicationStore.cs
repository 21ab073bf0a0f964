namespace CrmCore.Storage.Sqlite;

/// <summary>
/// Published rule sets and calendars in SQLite (table <c>crm_publication</c>). Inside a desk command's or a host's store transaction
/// (<see cref="SqliteStorage.Transactions"/>) every read and publish runs on that transaction's connection: a publish commits or rolls
/// back with the transaction (a nested unit's with its savepoint), and the reads see it before the commit; a publish that fails is undone
/// to a savepoint of its own and the transaction stays usable. SQLite has one writer and the transaction holds its write lock, so a
/// publish on a connection of its own could not commit before the transaction ends; another host's publish waits for it up to the busy
/// timeout (<see cref="SqliteStorageOptions.BusyTimeout"/>, 30 s by default) and then throws <see cref="TimeoutException"/> naming the
/// publication. Outside a transaction each publish is a transaction of its own. Thread-safe.
/// </summary>
public sealed partial class SqlitePublicationStore
{
    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public SqlitePublicationStore(SqliteStorageOptions options)
        : this(new SqliteDatabase(options))
    {
    }

    internal SqlitePublicationStore(SqliteDatabase database) => _store = new DbPublicationStore(new SqliteDeskSql(database));
}
