namespace CrmCore.Import.Reports;

/// <summary>What happened to one input row. Every row read gets exactly one.</summary>
public enum ImportOutcome
{
    /// <summary>A new customer was created from the row.</summary>
    Inserted,

    /// <summary>The row named a stored customer by its id and changed it.</summary>
    Updated,

    /// <summary>The row matched a customer (by id, phone, e-mail or name) and held nothing new: nothing was written and the version stays (an import run again gives this).</summary>
    Unchanged,

    /// <summary>The row is a duplicate of another customer (same id earlier in the file, or same phone, e-mail or company name) and was merged into it by the merge policy.</summary>
    Merged,

    /// <summary>The row is a duplicate and the merge policy holds duplicates for review: nothing was written.</summary>
    Held,

    /// <summary>The row was not imported: a cell is not valid or a required field is missing (line, column and reason given).</summary>
    Rejected,

    /// <summary>The row carries no data: a blank row, a repeated header, or a totals row (合计) at the bottom.</summary>
    Skipped,
}
