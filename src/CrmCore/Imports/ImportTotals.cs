namespace CrmCore.Imports;

/// <summary>How many rows of an import got each outcome (inserted, updated, unchanged, merged, held, rejected, skipped). <see cref="RowsRead"/> is their sum: every row read is counted exactly once.</summary>
public sealed record ImportTotals
{
    /// <summary>Rows read after the header row.</summary>
    public int RowsRead => Inserted + Updated + Unchanged + Merged + Held + Rejected + Skipped;

    /// <summary>Rows that created a record.</summary>
    public int Inserted { get; init; }

    /// <summary>Rows that changed a stored record.</summary>
    public int Updated { get; init; }

    /// <summary>Rows that matched a stored record and changed nothing.</summary>
    public int Unchanged { get; init; }

    /// <summary>Rows merged into another record.</summary>
    public int Merged { get; init; }

    /// <summary>Duplicate rows held for review.</summary>
    public int Held { get; init; }

    /// <summary>Rows rejected.</summary>
    public int Rejected { get; init; }

    /// <summary>Blank, repeated-header and totals rows.</summary>
    public int Skipped { get; init; }
}
