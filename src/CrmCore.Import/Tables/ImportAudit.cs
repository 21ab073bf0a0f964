using System.Globalization;
using CrmCore.Audit;
using CrmCore.Imports;
using NodaTime;

namespace CrmCore.Import.Tables;

/// <summary>
/// The audit record of one import run: who, when, which file (name and SHA-256), the row counts by outcome, and whether it was a dry run.
/// One shape for every table import, so the audit trail reads the same whatever was imported.
/// </summary>
internal static class ImportAudit
{
    /// <summary>The audit entity type of import runs.</summary>
    public const string EntityType = "import";

    /// <summary>The row counts as one line, for example <c>12 rows: inserted 10, updated 0, ...</c>.</summary>
    public static string Describe(ImportTotals totals) => string.Create(
        CultureInfo.InvariantCulture,
        $"{totals.RowsRead} rows: inserted {totals.Inserted}, updated {totals.Updated}, unchanged {totals.Unchanged}, merged {totals.Merged}, held {totals.Held}, rejected {totals.Rejected}, skipped {totals.Skipped}");

    /// <summary>The run's audit entry.</summary>
    /// <param name="at">When the run finished.</param>
    /// <param name="actor">Who imported.</param>
    /// <param name="entity">What was imported (<c>tickets</c>).</param>
    /// <param name="file">The file as given.</param>
    /// <param name="fileHash">The file's SHA-256 (hex), or empty when the stream could not be hashed.</param>
    /// <param name="runId">The ledger's run id, or null without a ledger.</param>
    /// <param name="totals">The row counts.</param>
    /// <param name="dryRun">True for a dry run (nothing written).</param>
    public static AuditEntry Run(Instant at, string actor, string entity, string file, string fileHash, string? runId, ImportTotals totals, bool dryRun)
    {
        var name = Path.GetFileName(file);
        var where = string.Create(CultureInfo.InvariantCulture, $"{(name.Length <= 1000 ? name : name[^1000..])} sha256:{(fileHash.Length > 0 ? fileHash : "unknown (stream not seekable)")}");
        return new AuditEntry(at, actor, AuditAction.Import, EntityType, runId ?? (fileHash.Length > 0 ? fileHash : entity))
        {
            Field = dryRun ? "dry run" : "run",
            NewValue = entity + ": " + Describe(totals) + (dryRun ? "; dry run, nothing written" : string.Empty),
            Reason = where,
            CorrelationId = runId,
        };
    }
}
