namespace CrmCore.Storage.Tests.Contract;

/// <summary>
/// Counts every row written to, changed in or deleted from some tables of a database provider, by triggers that log each one into a table
/// of its own (<c>customer_write_log</c>, one row per row touched, with the short name given for its table). A write that changes nothing
/// (an <c>UPDATE</c> matching no row) logs nothing.
/// </summary>
public sealed class TableWriteLog
{
    private readonly StoreProvider _storage;
    private readonly string _log;

    private TableWriteLog(StoreProvider storage)
    {
        _storage = storage;
        _log = storage.CustomerTable + "_write_log";
    }

    /// <summary>Starts logging writes to the tables (full SQL names, as <see cref="StoreProvider.CustomerTable"/>) from now on.</summary>
    /// <param name="storage">A database provider.</param>
    /// <param name="provider">Its name (<see cref="StoreProvider.Sqlite"/> or <see cref="StoreProvider.Postgres"/>).</param>
    /// <param name="actions">The statements to log (<c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>).</param>
    /// <param name="tables">Each table with the short name its rows are logged under.</param>
    public static TableWriteLog Start(StoreProvider storage, string provider, string[] actions, params (string Table, string Name)[] tables)
    {
        var log = new TableWriteLog(storage);
        storage.ExecuteSql($"CREATE TABLE {log._log} (what text)");
        foreach (var (table, name) in tables)
        {
            foreach (var action in actions)
            {
                var trigger = $"{name}_{action.ToLowerInvariant()}_logged";
                storage.ExecuteSql(provider == StoreProvider.Sqlite
                    ? $"CREATE TRIGGER {trigger} AFTER {action} ON {table} BEGIN INSERT INTO {log._log} VALUES ('{name}'); END"
                    : $"CREATE FUNCTION {{schema}}.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO {log._log} VALUES ('{name}'); RETURN NULL; END $$; " +
                      $"CREATE TRIGGER {trigger} AFTER {action} ON {table} FOR EACH ROW EXECUTE FUNCTION {{schema}}.{trigger}()");
            }
        }

        return log;
    }

    /// <summary>How many rows were logged since the start, of every table or of the one with this short name.</summary>
    public long Count(string? name = null) =>
        _storage.ScalarSql(name is null ? $"SELECT count(*) FROM {_log}" : $"SELECT count(*) FROM {_log} WHERE what = '{name}'");
}
