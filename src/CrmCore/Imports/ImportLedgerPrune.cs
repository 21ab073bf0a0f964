namespace CrmCore.Imports;

/// <summary>
/// What <see cref="IImportLedger.PruneAsync"/> removed (or, asked for a preview, would remove): the runs that finished before the given
/// instant, with the unfinished runs of the same file, entity and key that one of them started after and that recorded nothing since it
/// started (taken up or done again, so nothing takes them up any more); and how many other unfinished runs started before the instant
/// were kept, since they may still be running or the next import of their file may take them up. Immutable.
/// </summary>
/// <param name="Pruned">The runs removed, oldest first (by when they finished, or started for an unfinished one).</param>
/// <param name="UnfinishedKept">The unfinished runs started before the instant that were kept.</param>
public sealed record ImportLedgerPrune(IReadOnlyList<ImportRun> Pruned, int UnfinishedKept)
{
    /// <summary>The order of <see cref="Pruned"/>: by when a run finished (or started, if it never did), then by id.</summary>
    internal static int Order(ImportRun a, ImportRun b) =>
        (a.FinishedAt ?? a.StartedAt).CompareTo(b.FinishedAt ?? b.StartedAt) is var c and not 0 ? c : string.CompareOrdinal(a.Id, b.Id);
}
