using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage.Sqlite;

/// <summary>Settings of the SQLite storage. Validated when a store is created (<see cref="Validate"/>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The database file's path; created when missing. Required. <c>:memory:</c> is refused: it would not persist.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>The <c>synchronous</c> setting; default <see cref="SqliteSynchronous.Normal"/> (see its remarks for what it risks).</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>How long an operation waits for another writer's lock before failing; default 30 s, 1 s to 10 min.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// True (default) to create or upgrade the schema on first use, under SQLite's write lock; false for hosts whose administrators
    /// apply the scripts themselves (<c>crm db script --provider sqlite</c>). With false, a missing or older schema is an error.
    /// </summary>
    public bool PrepareSchema { get; set; } = true;

    /// <summary>How long a queue claim holds a ticket before it returns to the queue; default 5 minutes, 1 s to 7 days.</summary>
    public Duration LeaseDuration { get; set; } = Duration.FromMinutes(5);

    /// <summary>
    /// How many id sequence numbers an instance reserves at once; default 1 (no gaps). Larger blocks are faster for bulk
    /// raising but leave unused numbers behind when the process stops. 1 to 10,000.
    /// </summary>
    public int IdBlockSize { get; set; } = 1;

    /// <summary>
    /// How many of the latest queue change numbers the store keeps for the desks sharing the queue (<c>queue_change</c>); default 100,000,
    /// 1 to 100,000,000. Older changes are deleted as new ones are written (every quarter of this, at most every 1,024 changes). A desk that
    /// falls further behind (stopped, or idle while the others made more changes) rebuilds its queue from the stored queue at its next
    /// command instead of applying the changes, so it never misses one; a larger value makes that rarer, a smaller one keeps the table smaller.
    /// </summary>
    public int QueueChangeRetention { get; set; } = QueueChangePruning.DefaultRetention;

    /// <summary>Every problem with the settings, in English; empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            problems.Add("SqliteStorageOptions.DataSource is required (the database file's path).");
        }
        else if (DataSource.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) || DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"SqliteStorageOptions.DataSource '{DataSource}' is an in-memory database, which does not persist; use the in-memory stores instead.");
        }

        if (!Enum.IsDefined(Synchronous))
        {
            problems.Add($"SqliteStorageOptions.Synchronous has an unknown value ({(int)Synchronous}).");
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1) || BusyTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"SqliteStorageOptions.BusyTimeout must be between 1 s and 10 min (was {BusyTimeout}).");
        }

        StorageOptionsChecks.Common(nameof(SqliteStorageOptions), LeaseDuration, IdBlockSize, QueueChangeRetention, problems);
        return problems;
    }
}
