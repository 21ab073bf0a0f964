using System.Globalization;
using CrmCore.Import.Localization;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>Starting an import run in the ledger, the same for the customer import and the table engine: the earlier runs of the same
/// file (by its hash), the check that none of them that this run would take up may still be running, and the new run's id,
/// <c>{first 16 hex of the hash}-{n}</c>, n the ledger's next run number (<see cref="IImportLedger.NextRunNumberAsync"/>: never given
/// before, so an id never names two runs, even after <see cref="IImportLedger.PruneAsync"/> removed every run of the file), passing over
/// a number whose id the ledger holds (a record written by hand).</summary>
internal static class LedgerRun
{
    /// <summary>Looks the file up and records the new run as started. <c>lease</c> is how long after its last activity an unfinished run
    /// of the same entity and key may still be running (null when this run takes up no earlier run, as in the table engine, and zero,
    /// for a run known to be over: none is checked, whatever the clocks say); <c>takesUp</c> which earlier runs this run would take up
    /// (only those are checked); <c>leaseName</c> and <c>zeroLease</c> how the caller names the lease and a zero lease in the refusal
    /// (the option's name, or crm's <c>--run-lease</c>); <c>culture</c> the language of the refusal.</summary>
    /// <returns>The earlier runs of the file and the new run's id.</returns>
    /// <exception cref="ImportFileException">An unfinished run of the same entity and key that this run would take up was active less
    /// than <paramref name="lease"/> before <paramref name="startedAt"/>, and no later run of it finished since: it may still be running;
    /// nothing is recorded.</exception>
    public static async Task<(IReadOnlyList<ImportRun> Previous, string RunId)> StartAsync(
        IImportLedger ledger, string entity, string file, string fileHash, string mapping, Instant startedAt, Duration? lease, Func<ImportRun, bool>? takesUp,
        (string Name, string Zero) leaseText, CultureInfo? culture, CancellationToken cancellationToken)
    {
        var previous = await ledger.FindByFileHashAsync(fileHash, cancellationToken).ConfigureAwait(false);
        if (lease is { } within && within > Duration.Zero && Running(previous, entity, mapping, startedAt, within, takesUp ?? (_ => true)) is { } running)
        {
            var last = running.LastActiveAt ?? running.StartedAt;
            // A lease longer than what is left of time (a host's "never") takes the run up at the end of time, not with an overflow.
            var until = Instant.MaxValue - last < within ? Instant.MaxValue : last + within;
            throw new ImportFileException(file, 0, 0, ImportStrings.Format(
                "Error_RunStillActive", culture, running.Id, Utc(last), within.TotalMinutes.ToString("0.##", culture ?? CultureInfo.CurrentUICulture), Utc(until),
                leaseText.Name, leaseText.Zero));
        }

        string runId;
        do
        {
            var n = await ledger.NextRunNumberAsync(cancellationToken).ConfigureAwait(false);
            runId = string.Create(CultureInfo.InvariantCulture, $"{fileHash[..16]}-{n}");
        }
        while (previous.Any(r => r.Id == runId));

        await ledger.StartAsync(
            new ImportRun
            {
                Id = runId,
                Entity = entity,
                File = file.Length <= ImportRun.MaxTextLength ? file : file[^ImportRun.MaxTextLength..],
                FileHash = fileHash,
                Mapping = mapping,
                StartedAt = startedAt,
                LastActiveAt = startedAt,
            },
            cancellationToken).ConfigureAwait(false);
        return (previous, runId);
    }

    /// <summary>The most recently active unfinished run of the same entity and key that this run would take up, whose last activity is
    /// less than the lease before <paramref name="now"/> (compared as a difference, so no lease overflows), and that no finished run of
    /// the file took up since (<see cref="ImportRun.SupersededBy"/>, the rule a prune removes it by), or null.</summary>
    private static ImportRun? Running(IReadOnlyList<ImportRun> runs, string entity, string mapping, Instant now, Duration lease, Func<ImportRun, bool> takesUp) =>
        runs.Where(r => r.FinishedAt is null && r.Entity == entity && r.Mapping == mapping && now - (r.LastActiveAt ?? r.StartedAt) < lease && takesUp(r)
                && !runs.Any(r.SupersededBy))
            .MaxBy(r => r.LastActiveAt ?? r.StartedAt);

    private static string Utc(Instant instant) => instant.ToString("uuuu-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
