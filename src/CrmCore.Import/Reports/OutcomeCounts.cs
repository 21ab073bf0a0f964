using CrmCore.Imports;

namespace CrmCore.Import.Reports;

/// <summary>How many rows got each <see cref="ImportOutcome"/> so far, for an import's <see cref="ImportTotals"/>. Not thread-safe.</summary>
internal sealed class OutcomeCounts
{
    private readonly int[] _counts = new int[Enum.GetValues<ImportOutcome>().Length];

    /// <summary>Counts one row's outcome.</summary>
    public void Add(ImportOutcome outcome) => _counts[(int)outcome]++;

    /// <summary>The totals of the rows counted.</summary>
    public ImportTotals Totals() => new()
    {
        Inserted = _counts[(int)ImportOutcome.Inserted],
        Updated = _counts[(int)ImportOutcome.Updated],
        Unchanged = _counts[(int)ImportOutcome.Unchanged],
        Merged = _counts[(int)ImportOutcome.Merged],
        Held = _counts[(int)ImportOutcome.Held],
        Rejected = _counts[(int)ImportOutcome.Rejected],
        Skipped = _counts[(int)ImportOutcome.Skipped],
    };
}
