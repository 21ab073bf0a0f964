using System.Text.RegularExpressions;
using CrmCore.Desk;
using NodaTime;

namespace CrmCore.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL storage. Validated when a store is created (<see cref="Validate"/>).</summary>
public sealed partial class PostgreSqlStorageOptions
{
    /// <summary>
    /// The Npgsql connection string. Required. Unless it sets <c>Max Auto Prepare</c>, the storage sets it to 64 (its statements are few
    /// and repeated); unless it sets <c>No Reset On Close</c>, the storage sets it to true (its statements leave no session state on a
    /// pooled connection, so the reset Npgsql would run before each reuse is skipped).
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The schema that holds CrmCore's tables; default <c>crm</c>. Lowercase letters, digits and <c>_</c>, starting with a letter, at most 63.</summary>
    public string Schema { get; set; } = "crm";

    /// <summary>
    /// True (default) to create or upgrade the schema on first use, under a transaction-scoped advisory lock so that instances
    /// starting together apply each script once; false for hosts whose administrators apply the scripts themselves
    /// (<c>crm db script --provider postgresql</c>). With false, a missing or older schema is an error.
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
    /// No longer used: a claim reads one head per queue bucket and, when another claimer holds it, that bucket's next waiting
    /// ticket, so the exact queue order holds for any number of racing claimers without a setting. Kept so that hosts which set
    /// it still compile; the value is ignored.
    /// </summary>
    [Obsolete("Ignored: a claim reads one head per bucket and a bucket's next ticket only when its head is taken. Remove the setting.")]
    public int HeadsPerBucket { get; set; } = 4;

    /// <summary>
    /// True to commit claims, completions and releases with <c>synchronous_commit = off</c>: several times the claim throughput on
    /// slow disks, but a server crash can forget the last claims (the tickets then wait again; nothing is claimed twice by live
    /// leases). Default false (durable).
    /// </summary>
    public bool AsynchronousQueueCommit { get; set; }

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
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add("PostgreSqlStorageOptions.ConnectionString is required.");
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            problems.Add($"PostgreSqlStorageOptions.Schema '{Schema}' must be lowercase letters, digits and '_', starting with a letter, at most 63 characters.");
        }

        StorageOptionsChecks.Common(nameof(PostgreSqlStorageOptions), LeaseDuration, IdBlockSize, QueueChangeRetention, problems);
        return problems;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
