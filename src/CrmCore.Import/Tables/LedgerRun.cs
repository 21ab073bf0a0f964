using System.Globalization;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>Starting an import run in the ledger, the same for the customer import and the table engine: the earlier runs of the same
/// file (by its hash) and the new run's id, <c>{first 16 hex of the hash}-{n}</c>, n one more than the highest n of the file's runs the
/// ledger holds (not their count: after <see cref="IImportLedger.PruneAsync"/> removed older runs, the count would name a run still kept).</summary>
internal static class LedgerRun
{
    /// <summary>Looks the file up and records the new run as started.</summary>
    /// <returns>The earlier runs of the file and the new run's id.</returns>
    public static async Task<(IReadOnlyList<ImportRun> Previous, string RunId)> StartAsync(
        IImportLedger ledger, string entity, string file, string fileHash, string mapping, Instant startedAt, CancellationToken cancellationToken)
    {
        var previous = await ledger.FindByFileHashAsync(fileHash, cancellationToken).ConfigureAwait(false);
        var runId = string.Create(CultureInfo.InvariantCulture, $"{fileHash[..16]}-{Highest(previous) + 1}");
        await ledger.StartAsync(
            new ImportRun
            {
                Id = runId,
                Entity = entity,
                File = file.Length <= ImportRun.MaxTextLength ? file : file[^ImportRun.MaxTextLength..],
                FileHash = fileHash,
                Mapping = mapping,
                StartedAt = startedAt,
            },
            cancellationToken).ConfigureAwait(false);
        return (previous, runId);
    }

    /// <summary>The highest n of the runs' ids (<c>…-n</c>); 0 for none.</summary>
    private static long Highest(IReadOnlyList<ImportRun> runs)
    {
        long highest = 0;
        foreach (var run in runs)
        {
            var dash = run.Id.LastIndexOf('-');
            if (dash >= 0 && long.TryParse(run.Id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                highest = Math.Max(highest, n);
            }
        }

        return highest;
    }
}
