namespace CrmCore.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> setting: how often SQLite waits for the disk.</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// WAL mode syncs only at checkpoints. A committed transaction survives a crash of the process, but the last transactions
    /// before a power loss or operating-system crash may be lost (never half of one: the database stays consistent). About
    /// 8× the claim throughput of <see cref="Full"/> on this project's test machine. The default.
    /// </summary>
    Normal = 1,

    /// <summary>Every commit waits for the disk: committed transactions also survive a power loss.</summary>
    Full = 2,

    /// <summary>Like <see cref="Full"/>, and also syncs the directory after a journal change.</summary>
    Extra = 3,
}
