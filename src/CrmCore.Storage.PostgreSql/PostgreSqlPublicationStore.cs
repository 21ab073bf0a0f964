namespace CrmCore.Storage.PostgreSql;

/// <summary>
/// Published rule sets and calendars in PostgreSQL (table <c>publication</c>). Inside a desk command's or a host's store transaction
/// (<see cref="PostgreSqlStorage.Transactions"/>) every read and publish runs on that transaction's connection, as on SQLite: a publish or
/// roll-back commits or rolls back with the transaction (a nested unit's with its savepoint), and the reads see it before the commit; a
/// publish that fails is rolled back to a savepoint of its own, so the transaction stays usable for the host's next command.
/// Outside a transaction each publish is a transaction of its own. Concurrent publishers of one name take turns: a publish holds the name's
/// lock until its transaction ends, so inside a host transaction another host's publish of that name waits for the host's commit or
/// rollback, up to the command timeout (<c>Command Timeout</c>, 30 s by default) or the server's <c>lock_timeout</c>, and then throws
/// <see cref="TimeoutException"/> naming the publication. Thread-safe.
/// </summary>
public sealed partial class PostgreSqlPublicationStore
{
    /// <summary>Creates the store.</summary>
    /// <param name="options">The storage settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid.</exception>
    public PostgreSqlPublicationStore(PostgreSqlStorageOptions options)
        : this(new PostgreSqlDatabase(options))
    {
    }

    internal PostgreSqlPublicationStore(PostgreSqlDatabase database) => _store = new DbPublicationStore(new PostgreSqlDeskSql(database));
}
