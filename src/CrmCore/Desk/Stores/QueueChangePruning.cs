namespace CrmCore.Desk;

/// <summary>
/// The one rule every queue store prunes its change log by (memory, SQLite, PostgreSQL): a change whose number is a multiple of the prune
/// step (a quarter of the retention, at least 1 and at most 1,024) deletes the changes the retention or more numbers older; a read after a
/// number below the last one deleted throws <see cref="QueueChangesPrunedException"/>. Thread-safe (stateless).
/// </summary>
internal static class QueueChangePruning
{
    /// <summary>The default retention: how many of the latest change numbers are kept.</summary>
    public const int DefaultRetention = 100_000;

    /// <summary>The largest retention allowed.</summary>
    public const int MaxRetention = 100_000_000;

    /// <summary>The last change number to delete once change <paramref name="number"/> is recorded, or 0 when nothing is to be deleted.</summary>
    /// <param name="number">The change number just recorded.</param>
    /// <param name="retention">How many of the latest change numbers are kept (1 to <see cref="MaxRetention"/>).</param>
    public static long PruneThrough(long number, int retention)
    {
        var step = Math.Clamp(retention / 4, 1, 1024);
        return number % step == 0 && number > retention ? number - retention : 0;
    }
}
