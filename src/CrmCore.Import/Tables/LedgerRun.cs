using System.Globalization;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>Starting an import run in the ledger, the same for the customer import and the table engine: the earlier runs of the same
/// file (by its hash) and the new run's id, <c>{first 16 hex of the hash}-{n}</c>.</summary>
internal static class LedgerRun
{
    /// <summary>Looks the file up and records the new run as started.</summary>
    /// <returns>The earlier runs of the file and the new run's id.</returns>
    public static async Task<(IReadOnlyList<ImportRun> Previous, string RunId)> StartAsync(
        IImportLedger ledger, string entity, string file, string fileHash, string mapping, Instant startedAt, CancellationToken cancellationToken)
    {
        var previous = await ledger.FindByFileHashAsync(fileHash, cancellationToken).ConfigureAwait(false);
        var runId = string.Create(CultureInfo.InvariantCulture, $"{fileHash[..16]}-{previous.Count + 1}");
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
}
