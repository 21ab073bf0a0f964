using NodaTime;

namespace CrmCore.Storage;

/// <summary>The checks of the settings both providers' options have (<c>SqliteStorageOptions</c>, <c>PostgreSqlStorageOptions</c>), with the
/// same ranges and messages.</summary>
internal static class StorageOptionsChecks
{
    /// <summary>Adds a problem, named after <paramref name="type"/>, for each of the shared settings out of its range.</summary>
    /// <param name="type">The options type's name, which starts each message.</param>
    /// <param name="leaseDuration">The queue claims' lease: 1 s to 7 days.</param>
    /// <param name="idBlockSize">The numbers reserved per id block: 1 to 10,000.</param>
    /// <param name="queueChangeRetention">The queue changes kept: 1 to <see cref="Desk.QueueChangePruning.MaxRetention"/>.</param>
    /// <param name="problems">Where the problems go.</param>
    public static void Common(string type, Duration leaseDuration, int idBlockSize, int queueChangeRetention, List<string> problems)
    {
        if (leaseDuration < LeaseReapSchedule.ShortestLease || leaseDuration > Duration.FromDays(7))
        {
            problems.Add($"{type}.LeaseDuration must be between 1 s and 7 days (was {leaseDuration}).");
        }

        if (idBlockSize is < 1 or > 10_000)
        {
            problems.Add($"{type}.IdBlockSize must be between 1 and 10,000 (was {idBlockSize}).");
        }

        if (queueChangeRetention is < 1 or > Desk.QueueChangePruning.MaxRetention)
        {
            problems.Add($"{type}.QueueChangeRetention must be between 1 and {Desk.QueueChangePruning.MaxRetention.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} (was {queueChangeRetention}).");
        }
    }
}
