namespace CrmCore.Import.Customers;

/// <summary>What happens when a row is a duplicate of another customer (same id earlier in the file, or same phone, e-mail or company name).</summary>
public enum MergePolicy
{
    /// <summary>The newest row wins: its non-blank values replace the customer's (newest by the <c>UpdatedOn</c> column when mapped, else the later row). The default.</summary>
    KeepNewest,

    /// <summary>The customer keeps its values; the row only fills fields that are blank.</summary>
    FillBlanks,

    /// <summary>Nothing is written: the row is reported as held for review with both sources.</summary>
    HoldForReview,
}
